package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;

import java.util.Locale;

/** How kits reach a site: into its OpenSSH server, or to its agent's own HTTPS endpoint. */
public enum TransportKind {
    SFTP, HTTPS;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TransportKind parse(String text) {
        for (TransportKind k : values()) {
            if (k.word().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return k;
            }
        }
        throw new PatchbayException("not a transport: '" + text + "' (expected sftp or https)");
    }
}

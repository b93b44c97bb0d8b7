package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;

import java.util.Locale;

/**
 * How kits reach a site: into its OpenSSH server, to its agent's own HTTPS endpoint, or by hand: an offline site
 * has no address and gets its kits only in bundles a person carries ({@code bundle create}).
 */
public enum TransportKind {
    SFTP, HTTPS, OFFLINE;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TransportKind parse(String text) {
        for (TransportKind k : values()) {
            if (k.word().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return k;
            }
        }
        throw new PatchbayException("not a transport: '" + text + "' (expected sftp, https or offline)");
    }
}

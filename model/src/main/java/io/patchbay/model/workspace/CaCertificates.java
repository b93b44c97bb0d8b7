package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads an HTTPS site's CA certificate file (PEM) to store it in the database: public, so every machine shares it. */
final class CaCertificates {
    /** The site.ca_cert_pem column's size. */
    static final int MAX_CHARS = 65536;
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";

    private CaCertificates() {
    }

    /**
     * The PEM text of {@code file}; empty when there is no file or it is not on this machine (the recorded path
     * stays the fallback). A file that is not a PEM certificate, or too large, is refused with its name.
     */
    static Optional<String> read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            if (Files.size(file) > MAX_CHARS) {
                throw new PatchbayException("CA file " + file + " is larger than " + MAX_CHARS / 1024
                        + " KiB: not a CA certificate");
            }
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            if (!pem.contains(BEGIN)) {
                throw new PatchbayException("not a PEM certificate file: " + file + " (no " + BEGIN + " line)");
            }
            return Optional.of(pem);
        } catch (IOException e) {
            throw new PatchbayException("cannot read CA file " + file + ": " + e.getMessage(), e);
        }
    }
}

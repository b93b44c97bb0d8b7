package io.patchbay.model.kit;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Objects;

/**
 * What a kit is built from.
 *
 * @param source   the payload folder; its files become {@code payload/**}
 * @param manifest the release's manifest, written as {@code kit.ini}
 * @param notes    release notes Markdown, or null
 * @param data     a data folder for {@code data/**}, or null
 * @param hooks    a folder holding some of pre-install, install, verify, post-install, or null
 * @param key      the Ed25519 signing key
 * @param out      the kit file to write (replaced atomically if it exists)
 */
public record KitInputs(Path source, Manifest manifest, Path notes, Path data, Path hooks, PrivateKey key,
                        Path out) {
    public KitInputs {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(out, "out");
    }
}

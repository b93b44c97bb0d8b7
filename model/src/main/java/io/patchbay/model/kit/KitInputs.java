package io.patchbay.model.kit;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
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
 * @param rotations the rotation statements that lead to {@code key} (its {@code RotationChain}), carried as
 *                  {@code trust/} entries so sites that trust an earlier key learn this one; empty for none
 */
public record KitInputs(Path source, Manifest manifest, Path notes, Path data, Path hooks, PrivateKey key,
                        Path out, List<byte[]> rotations) {
    public KitInputs {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(out, "out");
        rotations = rotations == null ? List.of() : List.copyOf(rotations);
    }

    /** Inputs for a key that was never rotated (no statement to carry). */
    public KitInputs(Path source, Manifest manifest, Path notes, Path data, Path hooks, PrivateKey key, Path out) {
        this(source, manifest, notes, data, hooks, key, out, List.of());
    }
}

package io.patchbay.model.workspace;

import io.patchbay.model.kit.Manifest;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code release add} knows about a verified kit, to record it.
 *
 * @param manifest          the parsed manifest
 * @param manifestText      {@code kit.ini} as it is in the kit
 * @param kitFile           the kit's file name inside the workspace's {@code kits/} folder
 * @param kitSha256         hex SHA-256 of the kit file
 * @param kitSize           the kit file's size in bytes
 * @param signerFingerprint the fingerprint of the key that signed it
 */
public record NewRelease(Manifest manifest, String manifestText, String kitFile, String kitSha256, long kitSize,
                         String signerFingerprint) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    public NewRelease {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(manifestText, "manifestText");
        Objects.requireNonNull(signerFingerprint, "signerFingerprint");
        if (kitFile == null || !FILE_NAME.matcher(kitFile).matches()) {
            throw new IllegalArgumentException("not a kit file name: '" + kitFile + "'");
        }
        if (kitSha256 == null || !SHA256.matcher(kitSha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: '" + kitSha256 + "'");
        }
        if (kitSize < 0) {
            throw new IllegalArgumentException("negative kit size");
        }
    }
}

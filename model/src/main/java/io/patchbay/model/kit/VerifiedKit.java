package io.patchbay.model.kit;

/**
 * A kit that passed {@link KitVerifier}: its manifest, its checksum list (every entry but the
 * signature and the list itself, with size, SHA-256 and mode) and who signed it.
 *
 * @param signerFingerprint the trusted key's fingerprint, {@code SHA256:...}
 */
public record VerifiedKit(Manifest manifest, ChecksumList checksums, String signerFingerprint) {
    /** Sum of the listed entries' sizes. */
    public long totalSize() {
        return checksums.lines().stream().mapToLong(ChecksumList.Line::size).sum();
    }
}

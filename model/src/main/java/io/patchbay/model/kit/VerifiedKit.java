package io.patchbay.model.kit;

import java.util.List;

/**
 * A kit that passed {@link KitVerifier}: its manifest, its checksum list (every entry but the
 * signature and the list itself, with size, SHA-256 and mode) and who signed it.
 *
 * @param signers the fingerprints ({@code SHA256:...}) of the trusted keys whose signatures hold, in signing
 *                order; at least one. Signatures by keys not trusted here are not counted.
 */
public record VerifiedKit(Manifest manifest, ChecksumList checksums, List<String> signers) {
    public VerifiedKit {
        signers = List.copyOf(signers);
    }

    /** The first trusted signer: for a kit with one signature, its signer. */
    public String signerFingerprint() {
        return signers.get(0);
    }

    /** Sum of the listed entries' sizes. */
    public long totalSize() {
        return checksums.lines().stream().mapToLong(ChecksumList.Line::size).sum();
    }
}

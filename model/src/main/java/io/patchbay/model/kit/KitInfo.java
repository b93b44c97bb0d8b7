package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.kit.zip.ZipEntryHeader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code kit show} prints about a kit, read without trusting it: the manifest as the kit states
 * it, how many entries and bytes it holds, the SHA-256 of the kit file and the key that says it signed
 * it. Only {@link KitVerifier} says whether any of this is true.
 *
 * @param totalSize         sum of the entries' uncompressed sizes
 * @param sha256            hex SHA-256 of the whole kit file
 * @param signerFingerprint {@code SHA256:...} of the first key named in kit.sig, or null when unsigned
 * @param signers           every key named in kit.sig, in signing order (two-person signing adds a second)
 * @param delta             for a delta kit, how many entries it carries as patches and whole, and their sizes; else null
 */
public record KitInfo(Path file, long fileSize, Manifest manifest, int entries, long totalSize, String sha256,
                      String signerFingerprint, List<String> signers, DeltaSummary delta) {

    public static KitInfo inspect(Path kit) throws IOException {
        try (KitReader reader = KitReader.open(kit)) {
            Manifest manifest = null;
            List<String> signers = List.of();
            long total = 0;
            java.util.Map<String, Long> sizes = new java.util.HashMap<>();
            for (ZipEntryHeader e : reader.archive().entries()) {
                total += e.size();
                sizes.put(e.name(), e.size());
                if (e.name().equals(KitLayout.MANIFEST)) {
                    manifest = ManifestCodec.read(readSmall(reader, e, ManifestCodec.MAX_BYTES));
                } else if (e.name().equals(KitLayout.SIGNATURE)) {
                    signers = KitSignature.parse(readSmall(reader, e, KitSignature.MAX_BYTES)).signerFingerprints();
                }
            }
            if (manifest == null) {
                throw new PatchbayException("not a kit: no " + KitLayout.MANIFEST);
            }
            return new KitInfo(kit, java.nio.file.Files.size(kit), manifest, reader.archive().entries().size(),
                    total, FileHashes.sha256(kit), signers.isEmpty() ? null : signers.get(0), signers,
                    manifest.isDelta() ? DeltaSummary.of(sizes) : null);
        }
    }

    private static byte[] readSmall(KitReader reader, ZipEntryHeader e, int max) throws IOException {
        if (e.size() > max) {
            throw new PatchbayException(e.name() + " is too large: " + e.size() + " bytes (at most " + max + ")");
        }
        try (InputStream in = reader.open(e, e.size())) {
            return in.readAllBytes();
        }
    }
}

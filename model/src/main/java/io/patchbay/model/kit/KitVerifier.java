package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.IoFailure;
import io.patchbay.model.kit.zip.ZipEntryHeader;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Collection;
import java.util.Map;

/**
 * The trust core (after python-tuf's trusted metadata set): it opens no files itself, takes a kit's
 * entries and bytes through a {@link KitSource} plus the keys a site trusts, and either returns a
 * {@link VerifiedKit} or throws a {@link PatchbayException} whose one line says why. The order is
 * fixed and nothing is believed before it is checked:
 * <ol>
 *   <li>structure and names: safe relative names only, no duplicates, regular files only (no
 *       symlinks), only the entries a kit may hold, headers in canonical form, signature present;</li>
 *   <li>the signature over manifest + checksum list, by a trusted key;</li>
 *   <li>the manifest;</li>
 *   <li>the checksum list against the archive (nothing missing or unlisted, sizes and modes agree),
 *       then every entry streamed with a cap at its listed size, its SHA-256 and CRC-32 compared.</li>
 * </ol>
 */
public final class KitVerifier {
    /** Receives each entry's verified bytes while they are hashed: the extractor writes them out. */
    public interface EntrySink {
        /** Where to copy the entry's bytes; they count only when verification returns normally. */
        OutputStream open(ChecksumList.Line entry) throws IOException;
    }

    private KitVerifier() {
    }

    public static VerifiedKit verify(KitSource kit, Collection<PublicKey> trusted) {
        return verify(kit, trusted, null);
    }

    public static VerifiedKit verify(KitSource kit, Collection<PublicKey> trusted, EntrySink sink) {
        try {
            VerifiedKit verified = verifySigned(kit, trusted);
            Map<String, ZipEntryHeader> entries = byName(kit);
            for (ChecksumList.Line line : verified.checksums().lines()) {
                checkContent(kit, entries.get(line.name()), line, sink);
            }
            checkSha256sums(kit, entries.get(KitLayout.SHA256SUMS), verified.checksums());
            return verified;
        } catch (IOException e) {
            // Reading the kit or writing its entries failed on this machine: the kit's bytes were not judged.
            throw IoFailure.of("reading and extracting the kit", e);
        }
    }

    /**
     * Steps 1 to 3 and the list against the archive, without streaming any entry: what {@code kit delta} trusts of
     * its two input kits, since it reads only the entries it uses and checks each through {@link #checkContent}.
     */
    static VerifiedKit verifySigned(KitSource kit, Collection<PublicKey> trusted) throws IOException {
        Map<String, ZipEntryHeader> entries = checkStructure(kit);
        byte[] manifestBytes = readSmall(kit, entries.get(KitLayout.MANIFEST), ManifestCodec.MAX_BYTES, "kit.ini is too large");
        byte[] checksumBytes = readSmall(kit, entries.get(KitLayout.CHECKSUMS), ChecksumList.MAX_BYTES,
                KitLayout.CHECKSUMS + " is too large");
        KitSignature signature = KitSignature.parse(
                readSmall(kit, entries.get(KitLayout.SIGNATURE), KitSignature.MAX_BYTES, KitLayout.SIGNATURE + " is too large"));
        List<String> signers = SignedEntries.KIT.checkSignatures(signature, trusted, manifestBytes, checksumBytes);
        Manifest manifest = ManifestCodec.read(manifestBytes);
        String wrongKind = KitLayout.kindProblem(manifest.isDelta(), entries.keySet());
        if (wrongKind != null) {
            throw new PatchbayException(wrongKind);
        }
        ChecksumList checksums = ChecksumList.parse(checksumBytes);
        SignedEntries.KIT.checkListAgainstArchive(checksums, entries);
        return new VerifiedKit(manifest, checksums, signers);
    }

    /** The archive's entries by name; call after {@link #checkStructure} has refused duplicates. */
    static Map<String, ZipEntryHeader> byName(KitSource kit) {
        Map<String, ZipEntryHeader> byName = new HashMap<>();
        kit.archive().entries().forEach(e -> byName.put(e.name(), e));
        return byName;
    }

    private static Map<String, ZipEntryHeader> checkStructure(KitSource kit) {
        Map<String, ZipEntryHeader> byName = SignedEntries.byName(kit, KitLayout::isKnownEntry, "kit");
        if (!byName.containsKey(KitLayout.SIGNATURE)) {
            throw new PatchbayException("the kit is not signed: no " + KitLayout.SIGNATURE);
        }
        if (!byName.containsKey(KitLayout.MANIFEST)) {
            throw new PatchbayException("missing entry " + KitLayout.MANIFEST);
        }
        if (!byName.containsKey(KitLayout.CHECKSUMS)) {
            throw new PatchbayException("missing entry " + KitLayout.CHECKSUMS);
        }
        return byName;
    }

    /** A kit's sha256sum listing, when it has one, says exactly what its checksum list says. */
    private static void checkSha256sums(KitSource kit, ZipEntryHeader entry, ChecksumList checksums) throws IOException {
        if (entry == null) {
            return;
        }
        byte[] listing = readSmall(kit, entry, ChecksumList.MAX_BYTES, KitLayout.SHA256SUMS + " is too large");
        if (!Arrays.equals(listing, checksums.toSha256sums())) {
            throw new PatchbayException(KitLayout.SHA256SUMS + " disagrees with " + KitLayout.CHECKSUMS);
        }
    }

    /** Streams one entry into the sink (or nowhere), refusing it unless its bytes are exactly what its line says. */
    static void checkContent(KitSource kit, ZipEntryHeader entry, ChecksumList.Line line, EntrySink sink)
            throws IOException {
        try (OutputStream out = sink == null ? OutputStream.nullOutputStream() : sink.open(line)) {
            SignedEntries.checkContent(kit, entry, line, out);
        }
    }

    /** A small entry's bytes (manifest, lists, signature), refused past {@code max}; also read by {@link KitCosigner}. */
    static byte[] readSmall(KitSource kit, ZipEntryHeader entry, int max, String tooLarge) throws IOException {
        return SignedEntries.readSmall(kit, entry, max, tooLarge);
    }

    static MessageDigest sha256() {
        return SignedEntries.sha256();
    }
}

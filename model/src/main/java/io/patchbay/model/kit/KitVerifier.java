package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.IoFailure;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.kit.zip.ZipEntryHeader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

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
    private static final int BUFFER = 256 * 1024;

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
        List<String> signers = checkSignatures(signature, trusted, manifestBytes, checksumBytes);
        Manifest manifest = ManifestCodec.read(manifestBytes);
        String wrongKind = KitLayout.kindProblem(manifest.isDelta(), entries.keySet());
        if (wrongKind != null) {
            throw new PatchbayException(wrongKind);
        }
        ChecksumList checksums = ChecksumList.parse(checksumBytes);
        checkListAgainstArchive(checksums, entries);
        return new VerifiedKit(manifest, checksums, signers);
    }

    /** The archive's entries by name; call after {@link #checkStructure} has refused duplicates. */
    static Map<String, ZipEntryHeader> byName(KitSource kit) {
        Map<String, ZipEntryHeader> byName = new HashMap<>();
        kit.archive().entries().forEach(e -> byName.put(e.name(), e));
        return byName;
    }

    private static Map<String, ZipEntryHeader> checkStructure(KitSource kit) {
        Map<String, ZipEntryHeader> byName = new HashMap<>();
        for (ZipEntryHeader e : kit.archive().entries()) {
            String problem = KitPaths.problem(e.name().endsWith("/") ? e.name().substring(0, e.name().length() - 1) : e.name());
            if (problem != null) {
                throw new PatchbayException("entry '" + e.name() + "' has " + problem);
            }
            if (e.isSymlink()) {
                throw new PatchbayException("entry " + e.name() + " is a symlink");
            }
            if (e.isDirectory()) {
                throw new PatchbayException("entry " + e.name() + " is a directory entry; kits list files only");
            }
            if (!KitLayout.isValidMode(e.mode())) {
                throw new PatchbayException("entry " + e.name() + " is not a regular file (mode "
                        + Integer.toOctalString(e.mode()) + ")");
            }
            if (byName.put(e.name(), e) != null) {
                throw new PatchbayException("duplicate entry " + e.name());
            }
            if (!KitLayout.isKnownEntry(e.name())) {
                throw new PatchbayException("unexpected entry " + e.name() + " (not part of a kit's layout)");
            }
        }
        KitPaths.refuseCollisions(byName.keySet().stream().sorted().toList());
        if (kit.archive().layoutProblem() != null) {
            throw new PatchbayException("not a canonical kit: " + kit.archive().layoutProblem());
        }
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

    /**
     * The trusted signers whose signatures hold. A signature by a trusted key that does not hold refuses the kit
     * (it was changed after signing); one by a key not trusted here is not counted (e.g. a QA key only some sites
     * require); a kit with no trusted signer is refused.
     */
    private static List<String> checkSignatures(KitSignature signature, Collection<PublicKey> trusted, byte[] manifest,
                                                byte[] checksums) {
        List<String> valid = new ArrayList<>();
        for (KitSignature.Signed signed : signature.signatures()) {
            PublicKey key = trusted.stream().filter(k -> Arrays.equals(k.getEncoded(), signed.signerKey()))
                    .findFirst().orElse(null);
            if (key == null) {
                continue;
            }
            if (!signed.isValid(key, manifest, checksums)) {
                throw new PatchbayException("the signature does not match the manifest and checksum list "
                        + "(changed after signing)" + (signature.signatures().size() > 1 ? ": " + signed.fingerprint() : ""));
            }
            valid.add(SigningKeys.fingerprint(key));
        }
        if (valid.isEmpty()) {
            throw new UntrustedSignerException(signature.signerFingerprints());
        }
        return valid;
    }

    private static void checkListAgainstArchive(ChecksumList list, Map<String, ZipEntryHeader> entries) {
        Map<String, ChecksumList.Line> listed = list.byName();
        for (String name : listed.keySet()) {
            if (name.equals(KitLayout.CHECKSUMS) || name.equals(KitLayout.SIGNATURE)) {
                throw new PatchbayException(KitLayout.CHECKSUMS + " lists " + name + ", which it cannot cover");
            }
            if (!entries.containsKey(name)) {
                throw new PatchbayException("missing entry " + name + " (listed in " + KitLayout.CHECKSUMS + ")");
            }
        }
        Set<String> covered = new HashSet<>(listed.keySet());
        covered.add(KitLayout.CHECKSUMS);
        covered.add(KitLayout.SIGNATURE);
        entries.keySet().stream().sorted().filter(n -> !covered.contains(n)).findFirst().ifPresent(n -> {
            throw new PatchbayException("unlisted entry " + n + " (not in " + KitLayout.CHECKSUMS + ")");
        });
        for (ChecksumList.Line line : list.lines()) {
            ZipEntryHeader e = entries.get(line.name());
            if (e.size() != line.size()) {
                throw new PatchbayException("the size of " + line.name() + " (" + e.size()
                        + " bytes) disagrees with " + KitLayout.CHECKSUMS + " (" + line.size() + " bytes)");
            }
            if (e.mode() != line.mode()) {
                throw new PatchbayException("the mode of " + line.name() + " disagrees with " + KitLayout.CHECKSUMS);
            }
        }
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
        MessageDigest sha = sha256();
        CRC32 crc = new CRC32();
        long count = 0;
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(line.size() + 1, 1))];
        try (InputStream in = kit.open(entry, line.size());
             OutputStream out = sink == null ? OutputStream.nullOutputStream() : sink.open(line)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
                crc.update(buffer, 0, n);
                out.write(buffer, 0, n);
                count += n;
            }
        }
        if (count != line.size()) {
            throw new PatchbayException(line.name() + " is shorter than its declared size: " + count + " of "
                    + line.size() + " bytes");
        }
        if (!HexFormat.of().formatHex(sha.digest()).equals(line.sha256())) {
            throw new PatchbayException(line.name() + " was changed: its SHA-256 does not match " + KitLayout.CHECKSUMS);
        }
        if ((int) crc.getValue() != entry.crc()) {
            throw new PatchbayException(line.name() + " does not match the CRC-32 in its ZIP header");
        }
    }

    /** A small entry's bytes (manifest, lists, signature), refused past {@code max}; also read by {@link KitCosigner}. */
    static byte[] readSmall(KitSource kit, ZipEntryHeader entry, int max, String tooLarge) throws IOException {
        if (entry.size() > max) {
            throw new PatchbayException(tooLarge + ": " + entry.size() + " bytes (at most " + max + ")");
        }
        try (InputStream in = kit.open(entry, entry.size())) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length != entry.size()) {
                throw new PatchbayException(entry.name() + " is shorter than its declared size");
            }
            return bytes;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}

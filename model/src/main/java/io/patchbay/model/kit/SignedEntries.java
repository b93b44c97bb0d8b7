package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * The steps every signed archive of Patchbay is verified by, a kit ({@link KitVerifier}) or a bundle: the
 * signatures over the manifest and the {@value KitLayout#CHECKSUMS} list by trusted keys, the list against the
 * archive, and every entry's bytes against the list. No I/O of its own: entries are read through a {@link KitSource}.
 *
 * @param purpose   what the signature was made for ({@link KitSignature#KIT_PURPOSE} for a kit)
 * @param signature the name of the archive's signature entry, which the checksum list cannot cover
 */
public record SignedEntries(String purpose, String signature) {
    private static final int BUFFER = 256 * 1024;

    /** A kit's: signed for {@link KitSignature#KIT_PURPOSE}, signature in {@value KitLayout#SIGNATURE}. */
    public static final SignedEntries KIT = new SignedEntries(KitSignature.KIT_PURPOSE, KitLayout.SIGNATURE);

    /**
     * The archive's entries by name, refused unless every one is a regular file (mode 644 or 755) under a safe,
     * unique name that {@code known} accepts, and the archive is in canonical form.
     *
     * @param kind the archive's kind in messages: "kit", "bundle"
     */
    public static Map<String, ZipEntryHeader> byName(KitSource archive, Predicate<String> known, String kind) {
        Map<String, ZipEntryHeader> byName = new HashMap<>();
        for (ZipEntryHeader e : archive.archive().entries()) {
            String problem = KitPaths.problem(e.name().endsWith("/") ? e.name().substring(0, e.name().length() - 1) : e.name());
            if (problem != null) {
                throw new PatchbayException("entry '" + e.name() + "' has " + problem);
            }
            if (e.isSymlink()) {
                throw new PatchbayException("entry " + e.name() + " is a symlink");
            }
            if (e.isDirectory()) {
                throw new PatchbayException("entry " + e.name() + " is a directory entry; " + kind + "s list files only");
            }
            if (!KitLayout.isValidMode(e.mode())) {
                throw new PatchbayException("entry " + e.name() + " is not a regular file (mode "
                        + Integer.toOctalString(e.mode()) + ")");
            }
            if (byName.put(e.name(), e) != null) {
                throw new PatchbayException("duplicate entry " + e.name());
            }
            if (!known.test(e.name())) {
                throw new PatchbayException("unexpected entry " + e.name() + " (not part of a " + kind + "'s layout)");
            }
        }
        KitPaths.refuseCollisions(byName.keySet().stream().sorted().toList());
        if (archive.archive().layoutProblem() != null) {
            throw new PatchbayException("not a canonical " + kind + ": " + archive.archive().layoutProblem());
        }
        return byName;
    }

    /**
     * The trusted signers whose signatures hold. A signature by a trusted key that does not hold refuses the archive
     * (it was changed after signing); one by a key not trusted here is not counted (e.g. a QA key only some sites
     * require); an archive with no trusted signer is refused.
     */
    public List<String> checkSignatures(KitSignature signed, Collection<PublicKey> trusted, byte[] manifest,
                                        byte[] checksums) {
        List<String> valid = new ArrayList<>();
        for (KitSignature.Signed s : signed.signatures()) {
            PublicKey key = trusted.stream().filter(k -> Arrays.equals(k.getEncoded(), s.signerKey()))
                    .findFirst().orElse(null);
            if (key == null) {
                continue;
            }
            if (!s.isValid(key, purpose, manifest, checksums)) {
                throw new PatchbayException("the signature does not match the manifest and checksum list "
                        + "(changed after signing)" + (signed.signatures().size() > 1 ? ": " + s.fingerprint() : ""));
            }
            valid.add(SigningKeys.fingerprint(key));
        }
        if (valid.isEmpty()) {
            throw new UntrustedSignerException(signed.signerFingerprints());
        }
        return valid;
    }

    /** Nothing listed is missing, nothing present is unlisted, and sizes and modes agree with the list. */
    public void checkListAgainstArchive(ChecksumList list, Map<String, ZipEntryHeader> entries) {
        Map<String, ChecksumList.Line> listed = list.byName();
        for (String name : listed.keySet()) {
            if (name.equals(KitLayout.CHECKSUMS) || name.equals(signature)) {
                throw new PatchbayException(KitLayout.CHECKSUMS + " lists " + name + ", which it cannot cover");
            }
            if (!entries.containsKey(name)) {
                throw new PatchbayException("missing entry " + name + " (listed in " + KitLayout.CHECKSUMS + ")");
            }
        }
        Set<String> covered = new HashSet<>(listed.keySet());
        covered.add(KitLayout.CHECKSUMS);
        covered.add(signature);
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

    /**
     * Streams one entry, capped at its listed size, into {@code out} while comparing its length, SHA-256 and CRC-32;
     * what was written counts only when this returns normally.
     */
    public static void checkContent(KitSource archive, ZipEntryHeader entry, ChecksumList.Line line, OutputStream out)
            throws IOException {
        MessageDigest sha = sha256();
        CRC32 crc = new CRC32();
        long count = 0;
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(line.size() + 1, 1))];
        try (InputStream in = archive.open(entry, line.size())) {
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

    /** A small entry's bytes (manifest, lists, signature), refused past {@code max}. */
    public static byte[] readSmall(KitSource archive, ZipEntryHeader entry, int max, String tooLarge)
            throws IOException {
        if (entry.size() > max) {
            throw new PatchbayException(tooLarge + ": " + entry.size() + " bytes (at most " + max + ")");
        }
        try (InputStream in = archive.open(entry, entry.size())) {
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

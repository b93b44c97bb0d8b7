package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.kit.zip.ZipEntryHeader;
import io.patchbay.model.kit.zip.ZipWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Two-person signing: adds one more signature to a built kit ({@code patchbay kit sign}), e.g. QA's after the
 * release manager's. Only {@value KitLayout#SIGNATURE} changes; every other entry keeps its bytes, so the kit
 * stays canonical and its checksums hold. The kit must be intact first (checked against the keys it names:
 * integrity, not trust, which each verifier decides), and is replaced atomically.
 */
public final class KitCosigner {
    private KitCosigner() {
    }

    /** Adds {@code key}'s signature to {@code kit} in place; returns the kit's signature as it is now. */
    public static KitSignature addSignature(Path kit, PrivateKey key) throws IOException {
        PublicKey publicKey = SigningKeys.publicKeyOf(key);
        Path tmp;
        KitSignature signed;
        try (KitReader reader = KitReader.open(kit)) {
            KitSignature existing = KitSignature.parse(read(reader, KitLayout.SIGNATURE, KitSignature.MAX_BYTES));
            List<PublicKey> named = new ArrayList<>();
            for (KitSignature.Signed s : existing.signatures()) {
                named.add(SigningKeys.publicKey(s.signerKey(), KitLayout.SIGNATURE + " signer key"));
            }
            KitVerifier.verify(reader, named);
            signed = existing.adding(key, publicKey, read(reader, KitLayout.MANIFEST, ManifestCodec.MAX_BYTES),
                    read(reader, KitLayout.CHECKSUMS, ChecksumList.MAX_BYTES));
            tmp = rewrite(kit, reader, signed.toBytes());
        }
        try {
            AtomicFiles.moveAtomically(tmp, kit);
            AtomicFiles.forceDirectory(kit.toAbsolutePath().getParent());
        } finally {
            Files.deleteIfExists(tmp);
        }
        return signed;
    }

    /** The kit with a new signature entry, in a temporary file beside it. */
    private static Path rewrite(Path kit, KitReader reader, byte[] signature) throws IOException {
        List<ZipEntryHeader> entries = reader.archive().entries();
        long[] sizes = new long[entries.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = entries.get(i).name().equals(KitLayout.SIGNATURE) ? signature.length : entries.get(i).size();
        }
        long[] offsets = new long[sizes.length];
        long central = ZipWriter.planOffsets(entries.stream().map(ZipEntryHeader::name).toList(), sizes, offsets);
        Path dir = kit.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + kit.getFileName() + ".", ".tmp");
        boolean done = false;
        try (FileChannel source = FileChannel.open(kit, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            List<ZipEntryHeader> placed = new ArrayList<>();
            for (int i = 0; i < sizes.length; i++) {
                ZipEntryHeader e = entries.get(i);
                boolean isSignature = e.name().equals(KitLayout.SIGNATURE);
                ZipEntryHeader at = new ZipEntryHeader(e.name(), e.method(), isSignature ? crc(signature) : e.crc(),
                        sizes[i], sizes[i], e.mode(), offsets[i]);
                ZipWriter.writeLocalHeader(out, at);
                if (isSignature) {
                    ZipWriter.writeFully(out, ByteBuffer.wrap(signature), at.dataOffset());
                } else {
                    copy(source, e.dataOffset(), e.size(), out, at.dataOffset());
                }
                placed.add(at);
            }
            ZipWriter.writeDirectory(out, placed, central);
            out.force(true);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            done = true;
            return tmp;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static void copy(FileChannel from, long position, long count, FileChannel to, long at) throws IOException {
        long done = 0;
        while (done < count) {
            long n = from.transferTo(position + done, count - done, to.position(at + done));
            if (n <= 0) {
                throw new PatchbayException("the kit changed while it was being signed");
            }
            done += n;
        }
    }

    private static int crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    private static byte[] read(KitReader reader, String name, int max) throws IOException {
        ZipEntryHeader e = reader.archive().entries().stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new PatchbayException("not a kit: no " + name));
        return KitVerifier.readSmall(reader, e, max, name + " is too large");
    }
}

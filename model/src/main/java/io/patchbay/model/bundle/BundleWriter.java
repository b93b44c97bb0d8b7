package io.patchbay.model.bundle;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.json.Json;
import io.patchbay.model.kit.ChecksumList;
import io.patchbay.model.kit.KitLayout;
import io.patchbay.model.kit.KitSignature;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.kit.zip.ZipEntryHeader;
import io.patchbay.model.kit.zip.ZipFormat;
import io.patchbay.model.kit.zip.ZipWriter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Writes a bundle ({@link BundleLayout}) atomically: into a hidden temporary file beside the target, forced to disk,
 * then moved into place, so a bundle on a stick is whole or absent. Each file is hashed while it is copied, so the
 * checksums describe exactly the bytes the bundle holds even if a source changes meanwhile.
 */
public final class BundleWriter {
    private static final int BUFFER = 256 * 1024;

    private BundleWriter() {
    }

    /**
     * Writes {@code target}: the manifest's entries from {@code files} (entry file name to the file on this machine),
     * signed with {@code key}.
     */
    public static void write(Path target, BundleManifest manifest, Map<String, Path> files, PrivateKey key)
            throws IOException {
        byte[] manifestBytes = Json.mapper().writeValueAsBytes(manifest);
        if (manifestBytes.length > BundleLayout.MAX_MANIFEST_BYTES) {
            throw new PatchbayException("too many files for one bundle: its manifest would be " + manifestBytes.length
                    + " bytes (at most " + BundleLayout.MAX_MANIFEST_BYTES + ")");
        }
        List<String> names = new ArrayList<>(List.of(BundleLayout.MANIFEST, KitLayout.CHECKSUMS, BundleLayout.SIGNATURE));
        List<Path> sources = new ArrayList<>();
        for (BundleManifest.Entry e : manifest.entries()) {
            Path source = files.get(e.file());
            if (source == null) {
                throw new IllegalArgumentException("no file given for " + e.file());
            }
            names.add(e.archiveName());
            sources.add(source);
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                writeArchive(out, names, manifestBytes, sources, key, manifest.kind().signed().purpose());
                out.force(true);
            }
            AtomicFiles.moveAtomically(tmp, target);
            AtomicFiles.forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Hashes every file first (the checksum list and signature come before the files, and their lengths fix where
     * the files go), then copies each to its place hashing it again: a file that changed in between is refused.
     */
    private static void writeArchive(FileChannel out, List<String> names, byte[] manifestBytes, List<Path> sources,
                                      PrivateKey key, String purpose) throws IOException {
        int first = 3; // the files follow the manifest, the checksum list and the signature
        List<ChecksumList.Line> lines = new ArrayList<>();
        lines.add(line(BundleLayout.MANIFEST, manifestBytes));
        List<Copied> hashed = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Copied h = copy(sources.get(i), null, 0);
            hashed.add(h);
            lines.add(new ChecksumList.Line(names.get(first + i), h.sha256, h.size, KitLayout.FILE_MODE));
        }
        byte[] checksums = new ChecksumList(lines).toBytes();
        byte[] signature = KitSignature.sign(key, SigningKeys.publicKeyOf(key), purpose, manifestBytes, checksums)
                .toBytes();
        byte[][] small = {manifestBytes, checksums, signature};
        long[] sizes = new long[names.size()];
        for (int i = 0; i < names.size(); i++) {
            sizes[i] = i < first ? small[i].length : hashed.get(i - first).size;
        }
        long[] offsets = new long[names.size()];
        long central = ZipWriter.planOffsets(names, sizes, offsets);
        List<ZipEntryHeader> placed = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int crc;
            long dataOffset = offsets[i] + ZipFormat.LOCAL_HEADER_SIZE + ZipFormat.utf8(names.get(i)).length;
            if (i < first) {
                CRC32 c = new CRC32();
                c.update(small[i]);
                crc = (int) c.getValue();
                ZipWriter.writeFully(out, ByteBuffer.wrap(small[i]), dataOffset);
            } else {
                Copied c = copy(sources.get(i - first), out, dataOffset);
                if (!c.equals(hashed.get(i - first))) {
                    throw new PatchbayException(sources.get(i - first) + " changed while it was written into the "
                            + "bundle; try again");
                }
                crc = c.crc;
            }
            ZipEntryHeader h = new ZipEntryHeader(names.get(i), ZipEntryHeader.STORED, crc, sizes[i], sizes[i],
                    KitLayout.FILE_MODE, offsets[i]);
            ZipWriter.writeLocalHeader(out, h);
            placed.add(h);
        }
        ZipWriter.writeDirectory(out, placed, central);
    }

    private record Copied(String sha256, long size, int crc) {
    }

    /** Streams {@code file} to {@code out} at {@code position} (or nowhere when null), hashing what it read. */
    private static Copied copy(Path file, FileChannel out, long position) throws IOException {
        MessageDigest sha = FileHashes.newSha256();
        CRC32 crc = new CRC32();
        long at = position;
        long count = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
                crc.update(buffer, 0, n);
                if (out != null) {
                    ZipWriter.writeFully(out, ByteBuffer.wrap(buffer, 0, n), at);
                    at += n;
                }
                count += n;
            }
        }
        return new Copied(HexFormat.of().formatHex(sha.digest()), count, (int) crc.getValue());
    }

    private static ChecksumList.Line line(String name, byte[] bytes) {
        MessageDigest sha = FileHashes.newSha256();
        return new ChecksumList.Line(name, HexFormat.of().formatHex(sha.digest(bytes)), bytes.length, KitLayout.FILE_MODE);
    }
}

package io.patchbay.model.kit;

import io.patchbay.model.BuildInfo;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.kit.zip.ZipEntryHeader;
import io.patchbay.model.kit.zip.ZipWriter;
import io.patchbay.model.trust.RotationStatements;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32;

/**
 * Builds a signed kit from a payload folder, a manifest, optional notes, data and hooks.
 *
 * <p><b>Deterministic.</b> Entries are sorted by name, every header has the fixed form of
 * {@link io.patchbay.model.kit.zip.ZipFormat} (one timestamp, mode 644 or 755, no extra fields), and
 * Ed25519 signatures are deterministic, so the same inputs and key give a byte-identical kit.
 *
 * <p><b>Fast: every entry is STORED, and the file is filled in parallel in one read pass.</b> Payloads
 * are mostly jars, images and archives that are compressed already; deflating them again costs most
 * of {@code zip -1}'s time for a few percent of size, and the kit's transport is not the bottleneck.
 * With STORED entries every entry's size is known up front, so the whole archive layout (each local
 * header's offset, the checksum list's length, the signature's length) is planned before any data is
 * read. Worker threads (one per core) then take files largest first and, in a single read of each file
 * through a 1 MiB buffer, update its SHA-256 and CRC-32 and write the bytes at the file's planned
 * position with positional {@link FileChannel} writes; each then writes its local header with the
 * CRC. Nothing but one buffer per thread is held in memory, each byte is read once (usually from the
 * page cache) and written once. Measured on a shared 2-core machine by {@code .ci/bench kit}.
 *
 * <p><b>Atomic.</b> The kit is written to a temporary file in the target folder and moved over the
 * target only when complete; on failure or cancellation the temporary file is deleted. Symlinks and
 * other non-regular files in the inputs are refused, as are names a kit may not hold.
 */
public final class KitBuilder {
    private static final int BUFFER = 1 << 20;
    private static final long MAX_NOTES = 1 << 20;

    private final int threads;

    public KitBuilder() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public KitBuilder(int threads) {
        this.threads = Math.max(1, threads);
    }

    /**
     * One entry of the planned archive: a file on disk, a range of one (an entry stored in another kit, with the
     * SHA-256 its list declares), or bytes in memory.
     */
    static final class Planned {
        final String name;
        final Path file;
        byte[] bytes;
        final long size;
        final int mode;
        /** Where the entry's bytes start in {@link #file}, or -1: the whole file, which must not change meanwhile. */
        final long fileOffset;
        /** The SHA-256 a range must have (checked as it is copied), or null. */
        final String expectedSha256;
        long headerOffset;
        String sha256;
        int crc;

        Planned(String name, Path file, byte[] bytes, long size, int mode) {
            this(name, file, bytes, size, mode, -1, null);
        }

        private Planned(String name, Path file, byte[] bytes, long size, int mode, long fileOffset, String expectedSha256) {
            this.name = name;
            this.file = file;
            this.bytes = bytes;
            this.size = size;
            this.mode = mode;
            this.fileOffset = fileOffset;
            this.expectedSha256 = expectedSha256;
        }

        /** {@code size} bytes of {@code file} from {@code offset}, which must hash to {@code sha256}. */
        static Planned range(String name, Path file, long offset, long size, String sha256) {
            return new Planned(name, file, null, size, KitLayout.FILE_MODE, offset, sha256);
        }

        static Planned file(String name, Path file, long size) {
            return new Planned(name, file, null, size, KitLayout.FILE_MODE);
        }

        ZipEntryHeader header() {
            return new ZipEntryHeader(name, ZipEntryHeader.STORED, crc, size, size, mode, headerOffset);
        }
    }

    public KitBuildResult build(KitInputs in) throws IOException {
        return build(in, KitBuildListener.NONE, () -> false);
    }

    /**
     * @param cancelled polled about once per MiB; when it turns true the build stops, leaves no file
     *                  and throws {@link KitBuildCancelledException}
     */
    public KitBuildResult build(KitInputs in, KitBuildListener listener, BooleanSupplier cancelled)
            throws IOException {
        List<Planned> entries = new ArrayList<>();
        collect(in.source(), KitLayout.PAYLOAD, "source", entries);
        if (in.data() != null) {
            collect(in.data(), KitLayout.DATA, "data", entries);
        }
        if (in.hooks() != null) {
            collectHooks(in.hooks(), entries);
        }
        KitPaths.refuseCollisions(entries.stream().map(p -> p.name).sorted().toList());
        // The kit says what built it, under its signature: a site or a support lead can trace it to its source.
        entries.add(memory(KitLayout.MANIFEST, ManifestCodec.writeBytes(in.manifest().withBuiltBy(builtBy()))));
        if (in.notes() != null) {
            String markdown = readNotes(in.notes());
            entries.add(memory(ReleaseNotes.MARKDOWN_ENTRY, markdown.getBytes(StandardCharsets.UTF_8)));
            entries.add(memory(ReleaseNotes.HTML_ENTRY,
                    ReleaseNotes.toDocument(in.manifest().title(), markdown).getBytes(StandardCharsets.UTF_8)));
        }
        for (byte[] statement : in.rotations()) {
            // Named by its own number, so entries sort in sequence order and a site applies them in that order.
            long sequence = RotationStatements.read(statement, "for the kit").sequence();
            entries.add(memory(RotationStatements.kitEntry(sequence), statement));
        }
        return write(entries, in.key(), in.out(), listener, cancelled);
    }

    /**
     * Writes a signed kit of {@code content} (which holds the manifest): adds the sha256sum listing, the checksum
     * list and the signature, plans the layout and fills it. Full kits and delta kits are written by this one path.
     */
    KitBuildResult write(List<Planned> content, java.security.PrivateKey key, Path target, KitBuildListener listener,
                         BooleanSupplier cancelled) throws IOException {
        PublicKey publicKey = SigningKeys.publicKeyOf(key);
        List<Planned> entries = new ArrayList<>(content);
        long sumsSize = 0;
        for (Planned p : entries) {
            sumsSize += ChecksumList.sha256sumsLineLength(p.name);
        }
        Planned sums = new Planned(KitLayout.SHA256SUMS, null, null, sumsSize, KitLayout.FILE_MODE);
        entries.add(sums);
        long checksumSize = 0;
        for (Planned p : entries) {
            checksumSize += ChecksumList.lineLength(p.name, p.size);
        }
        Planned checksums = new Planned(KitLayout.CHECKSUMS, null, null, checksumSize, KitLayout.FILE_MODE);
        long signatureSize = new KitSignature(List.of(new KitSignature.Signed(publicKey.getEncoded(), new byte[64])))
                .toBytes().length;
        Planned signature = new Planned(KitLayout.SIGNATURE, null, null, signatureSize, KitLayout.FILE_MODE);
        List<Planned> listed = new ArrayList<>(entries);
        entries.add(checksums);
        entries.add(signature);
        entries.sort(Comparator.comparing(p -> p.name));
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).name.equals(entries.get(i - 1).name)) {
                throw new PatchbayException("two inputs make the same kit entry " + entries.get(i).name);
            }
        }
        long[] sizes = entries.stream().mapToLong(p -> p.size).toArray();
        long[] offsets = new long[sizes.length];
        long central = ZipWriter.planOffsets(entries.stream().map(p -> p.name).toList(), sizes, offsets);
        for (int i = 0; i < offsets.length; i++) {
            entries.get(i).headerOffset = offsets[i];
        }
        long total = listed.stream().mapToLong(p -> p.size).sum();

        Path out = target.toAbsolutePath();
        Files.createDirectories(out.getParent());
        Path tmp = Files.createTempFile(out.getParent(), "." + out.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                AtomicLong progress = new AtomicLong();
                for (Planned p : listed) {
                    if (p.bytes != null && p != sums) {
                        writeMemory(channel, p);
                        listener.progress(progress.addAndGet(p.size), total, p.name);
                    }
                }
                copyFilesInParallel(channel, listed.stream().filter(p -> p.file != null).toList(), progress, total,
                        listener, cancelled);
                // The sha256sum listing needs every other hash, the checksum list needs its hash: in that order.
                sums.bytes = new ChecksumList(listed.stream().filter(p -> p != sums)
                        .map(p -> new ChecksumList.Line(p.name, p.sha256, p.size, p.mode)).toList()).toSha256sums();
                if (sums.bytes.length != sums.size) {
                    throw new IllegalStateException("planned and written sizes differ");
                }
                writeMemory(channel, sums);
                listener.progress(progress.addAndGet(sums.size), total, sums.name);
                ChecksumList list = new ChecksumList(listed.stream()
                        .map(p -> new ChecksumList.Line(p.name, p.sha256, p.size, p.mode)).toList());
                checksums.bytes = list.toBytes();
                byte[] manifest = entries.stream().filter(p -> p.name.equals(KitLayout.MANIFEST)).findFirst()
                        .orElseThrow().bytes;
                signature.bytes = KitSignature.sign(key, publicKey, manifest, checksums.bytes).toBytes();
                if (checksums.bytes.length != checksums.size || signature.bytes.length != signature.size) {
                    throw new IllegalStateException("planned and written sizes differ");
                }
                writeMemory(channel, checksums);
                writeMemory(channel, signature);
                ZipWriter.writeDirectory(channel, entries.stream().map(Planned::header).toList(), central);
                channel.force(true);
            }
            if (cancelled.getAsBoolean()) {
                throw new KitBuildCancelledException();
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            AtomicFiles.moveAtomically(tmp, out);
            AtomicFiles.forceDirectory(out.getParent());
            done = true;
            return new KitBuildResult(out, Files.size(out), entries.size(), total + checksums.size + signature.size,
                    SigningKeys.fingerprint(publicKey));
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private void copyFilesInParallel(FileChannel channel, List<Planned> files, AtomicLong progress, long total,
                                     KitBuildListener listener, BooleanSupplier cancelled) throws IOException {
        List<Planned> work = new ArrayList<>(files);
        work.sort(Comparator.comparingLong((Planned p) -> p.size).reversed().thenComparing(p -> p.name));
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        BooleanSupplier stop = () -> failed.get() || cancelled.getAsBoolean();
        int n = Math.min(threads, Math.max(1, work.size()));
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "kit-builder");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                futures.add(pool.submit(() -> {
                    byte[] buffer = new byte[BUFFER];
                    int i;
                    try {
                        while ((i = next.getAndIncrement()) < work.size()) {
                            copyFile(channel, work.get(i), buffer, progress, total, listener, stop);
                        }
                    } catch (IOException | RuntimeException e) {
                        failed.set(true);
                        throw e;
                    }
                    return null;
                }));
            }
            Throwable first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    // Report the real failure, not a worker that stopped because another failed.
                    if (first == null || first instanceof KitBuildCancelledException) {
                        first = e.getCause();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.set(true);
                    throw new KitBuildCancelledException();
                }
            }
            if (first instanceof IOException io) {
                throw io;
            }
            if (first instanceof RuntimeException re) {
                throw re;
            }
            if (first != null) {
                throw new IllegalStateException(first);
            }
            if (cancelled.getAsBoolean()) {
                throw new KitBuildCancelledException();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void copyFile(FileChannel out, Planned p, byte[] buffer, AtomicLong progress, long total,
                                 KitBuildListener listener, BooleanSupplier stop) throws IOException {
        MessageDigest sha = KitVerifier.sha256();
        CRC32 crc = new CRC32();
        long position = p.header().dataOffset();
        long copied = 0;
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        boolean range = p.fileOffset >= 0;
        try (FileChannel in = FileChannel.open(p.file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (range) {
                in.position(p.fileOffset);
            }
            while (!range || copied < p.size) {
                if (stop.getAsBoolean()) {
                    throw new KitBuildCancelledException();
                }
                wrapped.clear();
                if (range) {
                    wrapped.limit((int) Math.min(buffer.length, p.size - copied));
                }
                int n = in.read(wrapped);
                if (n < 0) {
                    break;
                }
                if (copied + n > p.size) {
                    throw changed(p);
                }
                sha.update(buffer, 0, n);
                crc.update(buffer, 0, n);
                wrapped.flip();
                ZipWriter.writeFully(out, wrapped, position);
                position += n;
                copied += n;
                listener.progress(progress.addAndGet(n), total, p.name);
            }
        }
        if (copied != p.size) {
            throw changed(p);
        }
        p.sha256 = HexFormat.of().formatHex(sha.digest());
        if (p.expectedSha256 != null && !p.expectedSha256.equals(p.sha256)) {
            throw new PatchbayException("the entry for " + p.name + " in " + p.file + " does not match its checksum list");
        }
        p.crc = (int) crc.getValue();
        ZipWriter.writeLocalHeader(out, p.header());
    }

    private static PatchbayException changed(Planned p) {
        return new PatchbayException(p.file + " changed while the kit was being built");
    }

    private static void writeMemory(FileChannel out, Planned p) throws IOException {
        MessageDigest sha = KitVerifier.sha256();
        CRC32 crc = new CRC32();
        sha.update(p.bytes);
        crc.update(p.bytes);
        p.sha256 = HexFormat.of().formatHex(sha.digest());
        p.crc = (int) crc.getValue();
        ZipWriter.writeLocalHeader(out, p.header());
        ZipWriter.writeFully(out, ByteBuffer.wrap(p.bytes), p.header().dataOffset());
    }

    /** {@code Patchbay 0.1.0 (commit f1d76ac12345, 2026-12-02 04:40 UTC)}. */
    static String builtBy() {
        return "Patchbay " + BuildInfo.current().line();
    }

    static Planned memory(String name, byte[] bytes) {
        return new Planned(name, null, bytes, bytes.length, KitLayout.FILE_MODE);
    }

    private static void checkFolder(Path root, String what) {
        if (Files.isSymbolicLink(root)) {
            throw new PatchbayException("refusing the symlink " + root + " as the " + what + " folder");
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new PatchbayException("the " + what + " folder " + root + " does not exist or is not a folder");
        }
    }

    private static void collect(Path root, String prefix, String what, List<Planned> out) throws IOException {
        checkFolder(root, what);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = prefix + relativeName(root, file);
                out.add(new Planned(name, file, null, attrs.size(), modeOf(file, attrs)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                throw e;
            }
        });
    }

    private static void collectHooks(Path root, List<Planned> out) throws IOException {
        checkFolder(root, "hooks");
        try (var list = Files.list(root)) {
            for (Path file : list.sorted().toList()) {
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String name = file.getFileName().toString();
                if (!KitLayout.HOOK_NAMES.contains(name)) {
                    throw new PatchbayException("the hooks folder may hold only pre-install, install, verify and "
                            + "post-install; found " + name);
                }
                modeOf(file, attrs);
                out.add(new Planned(KitLayout.HOOKS + name, file, null, attrs.size(), KitLayout.EXECUTABLE_MODE));
            }
        }
    }

    private static String relativeName(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        root.relativize(file).forEach(p -> parts.add(p.toString()));
        String name = String.join("/", parts);
        String problem = KitPaths.problem(name);
        if (problem != null) {
            throw new PatchbayException("cannot put " + file + " in a kit: its name has " + problem);
        }
        return name;
    }

    /** 755 when the owner may execute the file, else 644; refuses symlinks and special files. */
    private static int modeOf(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isSymbolicLink()) {
            throw new PatchbayException("refusing the symlink " + file + " (kits hold regular files only)");
        }
        if (!attrs.isRegularFile()) {
            throw new PatchbayException("refusing " + file + ": not a regular file");
        }
        PosixFileAttributes posix = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return posix.permissions().contains(PosixFilePermission.OWNER_EXECUTE)
                ? KitLayout.EXECUTABLE_MODE : KitLayout.FILE_MODE;
    }

    private static String readNotes(Path notes) throws IOException {
        if (!Files.isRegularFile(notes, LinkOption.NOFOLLOW_LINKS)) {
            throw new PatchbayException("the notes file " + notes + " does not exist or is not a regular file");
        }
        if (Files.size(notes) > MAX_NOTES) {
            throw new PatchbayException("the notes file " + notes + " is too large (at most 1 MiB)");
        }
        try {
            return Files.readString(notes, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new PatchbayException("the notes file " + notes + " is not UTF-8 text");
        }
    }
}

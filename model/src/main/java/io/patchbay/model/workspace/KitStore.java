package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.io.FileHashes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The workspace's kits, content-addressed by SHA-256: their bytes in the database (tables {@code kit} and
 * {@code kit_chunk}, chunks of {@link #CHUNK_BYTES}), so every workstation and worker on a team's database finds
 * them; and on each machine a cache of kit files in {@code WORKSPACE/kits}, which pushers send from because they
 * seek to resume. A cache file is used only once its SHA-256 matches the release's.
 *
 * <p>A kit is never held in memory whole: {@link #put} reads its input one chunk at a time, and {@link #open}
 * fetches one chunk per query, when the reader reaches it.
 *
 * <p>A workspace from before the kit store has its kits only as files in {@code WORKSPACE/kits}: such a file is
 * still the release's kit when its SHA-256 matches ({@link #localCopy}).
 */
public final class KitStore {
    /** About 1 MiB: small enough for any driver's buffers, large enough that a 1 GiB kit is 1,024 rows. */
    public static final int CHUNK_BYTES = 1 << 20;

    private final Database db;
    private final Path cacheDir;
    private final int chunkBytes;
    /** Cache files this process has checked, so a fan-out to 200 sites hashes a kit once, not 200 times. */
    private final Map<Path, Checked> checked = new ConcurrentHashMap<>();
    private final Map<String, Object> fetching = new ConcurrentHashMap<>();
    private final AtomicLong chunksFetched = new AtomicLong();

    private record Checked(String sha256, long size, FileTime modified) {
    }

    KitStore(Database db, Path cacheDir, int chunkBytes) {
        if (chunkBytes <= 0) {
            throw new IllegalArgumentException("chunkBytes must be positive: " + chunkBytes);
        }
        this.db = db;
        this.cacheDir = cacheDir;
        this.chunkBytes = chunkBytes;
    }

    /**
     * Stores the bytes of {@code in} (read to its end, one chunk at a time) and returns their SHA-256 in
     * lower-case hex. Storing a kit that is already there changes nothing. Nothing is visible to others until
     * the whole kit is in: a failure half-way leaves no row.
     */
    public String put(InputStream in) {
        AtomicReference<String> read = new AtomicReference<>();
        try {
            return db.inTransaction("store a kit", c -> {
                if (read.get() != null) {
                    // Run again after losing a race on the sha256: the stream is spent, but the other writer
                    // stored these very bytes.
                    if (find(c, read.get()).isPresent()) {
                        return read.get();
                    }
                    throw new PatchbayException("cannot store the kit (sha256 " + read.get()
                            + "): another writer's copy vanished; add it again");
                }
                long id;
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO kit (size_bytes, chunk_count, added_at) VALUES (0, 0, ?)", new String[] {"id"})) {
                    Sql.setInstant(s, 1, db.now(c));
                    s.executeUpdate();
                    id = Sql.generatedId(s);
                }
                MessageDigest digest = FileHashes.newSha256();
                byte[] buffer = new byte[chunkBytes];
                long size = 0;
                int seq = 0;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO kit_chunk (kit_id, seq, bytes) VALUES (?, ?, ?)")) {
                    int n;
                    while ((n = in.readNBytes(buffer, 0, chunkBytes)) > 0) {
                        digest.update(buffer, 0, n);
                        byte[] chunk = n == chunkBytes ? buffer : java.util.Arrays.copyOf(buffer, n);
                        s.setLong(1, id);
                        s.setInt(2, seq++);
                        s.setBytes(3, chunk);
                        s.executeUpdate();
                        size += n;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                String sha = HexFormat.of().formatHex(digest.digest());
                read.set(sha);
                if (find(c, sha).isPresent()) {
                    throw new AlreadyStored(sha); // rolls the copy back
                }
                try (PreparedStatement s = Sql.bind(c.prepareStatement(
                        "UPDATE kit SET sha256 = ?, size_bytes = ?, chunk_count = ? WHERE id = ?"), sha, size, seq, id)) {
                    s.executeUpdate();
                }
                return sha;
            });
        } catch (AlreadyStored e) {
            return e.sha256;
        } catch (UncheckedIOException e) {
            throw new PatchbayException("cannot read the kit to store it: " + e.getCause().getMessage(), e);
        }
    }

    /** Whether the database holds the kit with this SHA-256. */
    public boolean contains(String sha256) {
        return db.read("look up a kit", c -> find(c, sha256)).isPresent();
    }

    /**
     * The kit's bytes from the database, fetched one chunk per query as they are read; a connection is
     * borrowed only for each fetch, never for the stream's life.
     *
     * @throws PatchbayException if the database does not hold it
     */
    public InputStream open(String sha256) {
        Stored kit = db.read("look up a kit", c -> find(c, sha256))
                .orElseThrow(() -> new PatchbayException("the workspace database holds no kit with sha256 " + sha256));
        return new ChunkStream(kit);
    }

    /**
     * The kit as a file on this machine, {@code WORKSPACE/kits/<kitFile>}: the cached file if its SHA-256 is
     * {@code sha256}, else fetched from the database into the cache (written under a temporary name, checked,
     * then renamed into place, so a reader never meets half a kit).
     */
    public Path localCopy(String kitFile, String sha256) {
        Path file = cacheDir.resolve(kitFile);
        synchronized (fetching.computeIfAbsent(sha256, k -> new Object())) {
            try {
                if (isCopyOf(file, sha256)) {
                    return file;
                }
                if (!contains(sha256)) {
                    throw new PatchbayException(Files.exists(file)
                            ? file + " is not the release's kit (its SHA-256 is not " + sha256
                            + ") and the workspace database holds no copy of it"
                            : "kit " + kitFile + " (sha256 " + sha256 + ") is neither in the workspace database nor in "
                            + cacheDir);
                }
                fetch(sha256, file);
                return file;
            } catch (IOException e) {
                throw new PatchbayException("cannot cache kit " + kitFile + " in " + cacheDir + ": " + e.getMessage(), e);
            }
        }
    }

    /** How many chunks this store has fetched from the database: tests show a kit is streamed, not loaded. */
    long chunksFetched() {
        return chunksFetched.get();
    }

    private void fetch(String sha256, Path file) throws IOException {
        Files.createDirectories(cacheDir);
        Path tmp = cacheDir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".fetching");
        try {
            MessageDigest digest = FileHashes.newSha256();
            try (InputStream in = open(sha256);
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
                in.transferTo(out);
            }
            String got = HexFormat.of().formatHex(digest.digest());
            if (!got.equals(sha256)) {
                throw new PatchbayException("the workspace database's copy of kit " + sha256 + " is damaged: its bytes hash to " + got);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            AtomicFiles.moveAtomically(tmp, file);
            remember(file, sha256);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private boolean isCopyOf(Path file, String sha256) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Checked known = checked.get(file);
        if (known != null && known.sha256.equals(sha256) && known.size == Files.size(file)
                && known.modified.equals(Files.getLastModifiedTime(file))) {
            return true;
        }
        if (!FileHashes.sha256(file).equals(sha256)) {
            return false;
        }
        remember(file, sha256);
        return true;
    }

    private void remember(Path file, String sha256) throws IOException {
        checked.put(file, new Checked(sha256, Files.size(file), Files.getLastModifiedTime(file)));
    }

    private record Stored(long id, long size, int chunks) {
    }

    private static Optional<Stored> find(java.sql.Connection c, String sha256) throws java.sql.SQLException {
        try (PreparedStatement s = Sql.bind(c.prepareStatement(
                "SELECT id, size_bytes, chunk_count FROM kit WHERE sha256 = ?"), sha256);
             ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(new Stored(r.getLong(1), r.getLong(2), r.getInt(3))) : Optional.empty();
        }
    }

    /** Thrown inside {@link #put}'s transaction to roll back a second copy of a kit already stored. */
    private static final class AlreadyStored extends RuntimeException {
        final String sha256;

        AlreadyStored(String sha256) {
            super(null, null, false, false);
            this.sha256 = sha256;
        }
    }

    /** Reads a stored kit one chunk at a time: at most one chunk in memory. */
    private final class ChunkStream extends InputStream {
        private final Stored kit;
        private int next;
        private byte[] chunk = new byte[0];
        private int pos;

        ChunkStream(Stored kit) {
            this.kit = kit;
        }

        @Override
        public int read() {
            if (!fill()) {
                return -1;
            }
            return chunk[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean fill() {
            while (pos == chunk.length) {
                if (next == kit.chunks) {
                    return false;
                }
                int seq = next++;
                chunk = db.read("read a kit chunk", c -> {
                    try (PreparedStatement s = Sql.bind(c.prepareStatement(
                            "SELECT bytes FROM kit_chunk WHERE kit_id = ? AND seq = ?"), kit.id, seq);
                         ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            throw new PatchbayException("the workspace database's copy of kit " + kit.id
                                    + " lacks chunk " + seq + " of " + kit.chunks);
                        }
                        return r.getBytes(1);
                    }
                });
                chunksFetched.incrementAndGet();
                pos = 0;
            }
            return true;
        }
    }
}

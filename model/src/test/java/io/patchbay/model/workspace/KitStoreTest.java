package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.FileHashes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kit bytes in the workspace database, chunked and content-addressed; this machine's cache checked before use. */
@OnEachDatabase
class KitStoreTest extends WorkspaceTestSupport {
    private static final int CHUNK = 64 * 1024;

    private KitStore store;
    /** Five and a half chunks: the last chunk is short. */
    private final byte[] kit = bytes(CHUNK * 11 / 2, 1);

    @Override
    Path workspaceFolder() {
        return dir.resolve("ws");
    }

    @BeforeEach
    void seed() {
        store = ws.kits(CHUNK);
    }

    @Test
    void aKitIsStoredUnderItsSha256AndReadBackByteIdenticalOneChunkAtATime() throws Exception {
        String sha = store.put(new ByteArrayInputStream(kit));

        assertEquals(HexFormat.of().formatHex(FileHashes.newSha256().digest(kit)), sha);
        assertEquals(6, count("SELECT COUNT(*) FROM kit_chunk"));
        try (InputStream in = store.open(sha)) {
            assertEquals(kit[0] & 0xff, in.read());
            assertEquals(1, store.chunksFetched(), "the first byte fetches the first chunk only");
            byte[] rest = in.readAllBytes();
            assertEquals(kit.length - 1, rest.length);
            assertArrayEquals(java.util.Arrays.copyOfRange(kit, 1, kit.length), rest);
        }
        assertEquals(6, store.chunksFetched(), "each chunk fetched once, as the reader reached it");
    }

    @Test
    void storingTheSameKitAgainKeepsOneCopy() throws Exception {
        String first = store.put(new ByteArrayInputStream(kit));
        String again = store.put(new ByteArrayInputStream(kit));

        assertEquals(first, again);
        assertEquals(1, count("SELECT COUNT(*) FROM kit"));
        assertEquals(6, count("SELECT COUNT(*) FROM kit_chunk"));
    }

    @Test
    void aKitWhoseReadingFailsHalfWayLeavesNoRow() throws Exception {
        InputStream breaking = new InputStream() {
            private int left = CHUNK * 2;

            @Override
            public int read() throws IOException {
                if (left-- == 0) {
                    throw new IOException("disk gone");
                }
                return 7;
            }
        };

        PatchbayException e = assertThrows(PatchbayException.class, () -> store.put(breaking));

        assertTrue(e.getMessage().contains("disk gone"), e.getMessage());
        assertEquals(0, count("SELECT COUNT(*) FROM kit"));
        assertEquals(0, count("SELECT COUNT(*) FROM kit_chunk"));
    }

    @Test
    void aKitMissingFromThisMachinesCacheIsFetchedFromTheDatabase() throws Exception {
        String sha = store.put(new ByteArrayInputStream(kit));

        Path file = store.localCopy("Spruce-12.10.11.kit", sha);

        assertEquals(ws.kitsDir().resolve("Spruce-12.10.11.kit"), file);
        assertArrayEquals(kit, Files.readAllBytes(file));
        try (var left = Files.list(ws.kitsDir())) {
            assertEquals(1, left.count(), "no temporary file left behind");
        }
    }

    @Test
    void aCachedCopyWhoseBytesDifferIsReplacedFromTheDatabase() throws Exception {
        String sha = store.put(new ByteArrayInputStream(kit));
        Path cached = ws.kitsDir().resolve("Spruce-12.10.11.kit");
        byte[] damaged = kit.clone();
        damaged[CHUNK + 3] ^= 1;
        Files.write(cached, damaged);

        assertArrayEquals(kit, Files.readAllBytes(store.localCopy("Spruce-12.10.11.kit", sha)));
    }

    @Test
    void aKitKeptOnlyAsAFileByAWorkspaceFromBeforeTheStoreIsStillFound() throws Exception {
        Path file = Files.write(ws.kitsDir().resolve("Spruce-12.10.11.kit"), kit);
        String sha = FileHashes.sha256(file);

        assertEquals(file, store.localCopy("Spruce-12.10.11.kit", sha));
        assertFalse(store.contains(sha));
        assertEquals(0, store.chunksFetched());
    }

    @Test
    void aKitNeitherInTheDatabaseNorCorrectInTheCacheIsRefusedNamingTheFile() throws Exception {
        Path file = Files.write(ws.kitsDir().resolve("Spruce-12.10.11.kit"), kit);
        String other = HexFormat.of().formatHex(FileHashes.newSha256().digest(new byte[] {1}));

        PatchbayException e = assertThrows(PatchbayException.class, () -> store.localCopy("Spruce-12.10.11.kit", other));

        assertEquals(file + " is not the release's kit (its SHA-256 is not " + other
                + ") and the workspace database holds no copy of it", e.getMessage());
        assertArrayEquals(kit, Files.readAllBytes(file), "the file is left as it was");
    }

    private long count(String sql) throws Exception {
        try (Connection c = ws.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}

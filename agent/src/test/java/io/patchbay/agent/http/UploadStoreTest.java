package io.patchbay.agent.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crash recovery and expiry of the agent's partial uploads, on real files. */
class UploadStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path inbox;

    @Test
    void recoveryDropsBytesPastTheConfirmedOffset() throws Exception {
        UploadStore store = new UploadStore(inbox, Clock.fixed(T0, ZoneOffset.UTC));
        UploadRecord record = store.create("a.kit", 10);
        store.append(record, new ByteArrayInputStream("abcd".getBytes()), null, null);
        Path part = inbox.resolve(".partial").resolve(record.id() + ".part");
        Files.write(part, "junk".getBytes(), StandardOpenOption.APPEND);

        new UploadStore(inbox, Clock.fixed(T0, ZoneOffset.UTC)).recover();

        assertArrayEquals("abcd".getBytes(), Files.readAllBytes(part));
        assertEquals(4, store.find(record.id()).orElseThrow().offset());
    }

    @Test
    void recoveryFinishesARenameACrashInterrupted() throws Exception {
        UploadStore store = new UploadStore(inbox, Clock.fixed(T0, ZoneOffset.UTC));
        UploadRecord record = store.create("a.kit", 4);
        UploadRecord full = store.append(record, new ByteArrayInputStream("abcd".getBytes()), null, null).record();
        // As if the agent died after marking the upload complete but before the rename.
        Files.write(inbox.resolve(".partial").resolve(record.id() + ".json"),
                io.patchbay.model.json.Json.mapper().writeValueAsBytes(full.completed()));

        List<Path> landed = store.recover();

        assertEquals(List.of(inbox.resolve("a.kit")), landed);
        assertArrayEquals("abcd".getBytes(), Files.readAllBytes(inbox.resolve("a.kit")));
        assertTrue(store.find(record.id()).orElseThrow().complete());
    }

    @Test
    void uploadsOlderThanTheExpiryAreDroppedAtStart() throws Exception {
        UploadStore store = new UploadStore(inbox, Clock.fixed(T0, ZoneOffset.UTC));
        UploadRecord record = store.create("a.kit", 10);

        new UploadStore(inbox, Clock.fixed(T0.plus(UploadStore.EXPIRY).plus(Duration.ofDays(1)), ZoneOffset.UTC)).recover();

        assertEquals(Optional.empty(), store.find(record.id()));
        assertFalse(Files.exists(inbox.resolve(".partial").resolve(record.id() + ".part")));
    }
}

package io.patchbay.agent.receive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a file in the inbox counts as whole, on real files with a clock the test moves. */
class HandCopyGateTest {
    private final AtomicLong nanos = new AtomicLong();
    private final HandCopyGate gate = new HandCopyGate(Duration.ofSeconds(2), Duration.ofMinutes(15), nanos::get);

    @TempDir
    Path inbox;

    @Test
    void aWholeZipIsTakenOnceItHasNotChangedForTheSettleTime() throws Exception {
        Path kit = Files.write(inbox.resolve("Spruce-12.10.11.kit"), zip());
        assertFalse(gate.complete(kit), "first seen: not yet");
        assertTrue(gate.waiting());
        advance(Duration.ofSeconds(1));
        assertFalse(gate.complete(kit));
        advance(Duration.ofSeconds(1));
        assertTrue(gate.complete(kit));
        assertFalse(gate.waiting());
    }

    @Test
    void aCopyThatStallsHalfWayIsNotTakenHoweverLongItStaysThatSizeBelowTheGivingUpTime() throws Exception {
        byte[] whole = zip();
        Path kit = Files.write(inbox.resolve("Spruce-12.10.11.kit"), Arrays.copyOf(whole, whole.length / 2));
        gate.complete(kit);
        advance(Duration.ofMinutes(14));
        assertFalse(gate.complete(kit), "unchanged for 14 minutes, but no ZIP end record");
        Files.write(kit, Arrays.copyOfRange(whole, whole.length / 2, whole.length), StandardOpenOption.APPEND);
        assertFalse(gate.complete(kit), "it changed: the settle time starts again");
        advance(Duration.ofSeconds(2));
        assertTrue(gate.complete(kit));
    }

    @Test
    void aFileThatNeverBecomesAZipIsLetThroughAfterFifteenMinutesToBeRefused() throws Exception {
        Path junk = Files.writeString(inbox.resolve("notes.txt"), "not a kit");
        gate.complete(junk);
        advance(Duration.ofMinutes(15));
        assertTrue(gate.complete(junk));
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private static byte[] zip() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("kit.ini"));
            zip.write("[release]\nproduct = Spruce\n".repeat(50).getBytes());
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}

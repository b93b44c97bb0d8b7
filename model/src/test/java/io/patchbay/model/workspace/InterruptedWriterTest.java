package io.patchbay.model.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Executors cancel work by interrupting its thread. A thread interrupted in the middle of a database write
 * must not leave the workspace broken for the rest of the process (with a plain FileChannel, H2's file
 * closes and every later write fails with "Writing to FileChannel failed").
 */
class InterruptedWriterTest {
    @TempDir
    Path dir;

    @Test
    void aWriterInterruptedMidWriteLeavesTheWorkspaceWorkingForEveryoneElse() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger();
            Thread writer = new Thread(() -> {
                for (int i = 0; !stop.get() && i < 5_000; i++) {
                    try {
                        Fixtures.addSite(ws, "w" + i);
                        written.incrementAndGet();
                    } catch (RuntimeException e) {
                        // The interrupted write itself may fail; only the others matter here.
                    }
                    Thread.interrupted();
                }
            }, "interrupted-writer");
            writer.start();
            for (int i = 0; i < 200 && writer.isAlive(); i++) {
                writer.interrupt();
                Thread.sleep(1);
            }
            stop.set(true);
            writer.join(30_000);

            Fixtures.addSite(ws, "after");

            assertEquals("after", ws.sites().get("after").name());
            assertTrue(written.get() > 0, "the writer wrote between interrupts");
        }
        try (Workspace again = Workspace.open(dir)) {
            assertEquals("after", again.sites().get("after").name(), "and the file is sound when opened again");
        }
    }
}

package io.patchbay.agent.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code logs/} never holds more than {@code keep} files of at most {@code maxBytes}, and no line is torn. */
class RotatingLogTest {
    @TempDir
    Path dir;

    @Test
    void rotationCapsTheFolderAndKeepsTheNewestLines() throws Exception {
        RotatingLog log = new RotatingLog(dir, "agent.log", 4096, 3);
        for (int i = 0; i < 1000; i++) {
            log.append(String.format("line %04d %s", i, "x".repeat(80)));
        }
        List<Path> files = logFiles();
        assertEquals(List.of("agent.log", "agent.log.1", "agent.log.2"),
                files.stream().map(f -> f.getFileName().toString()).toList());
        for (Path f : files) {
            assertTrue(Files.size(f) <= 4096, f + " is " + Files.size(f) + " bytes");
        }
        List<String> kept = new ArrayList<>();
        for (Path f : List.of(dir.resolve("agent.log.2"), dir.resolve("agent.log.1"), dir.resolve("agent.log"))) {
            kept.addAll(Files.readAllLines(f));
        }
        assertEquals("line 0999", kept.get(kept.size() - 1).substring(0, 9), "the newest line is kept");
        int first = Integer.parseInt(kept.get(0).substring(5, 9));
        for (int i = 0; i < kept.size(); i++) {
            assertEquals(String.format("line %04d %s", first + i, "x".repeat(80)), kept.get(i), "in order, whole");
        }
        assertTrue(first > 0, "the oldest lines are gone");
        assertTrue(kept.size() > 2 * 4096 / 91, "two full files and the current one: " + kept.size());
    }

    @Test
    void twoWritersOnTheSameFolderTearNoLine() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (String who : List.of("daemon", "operator")) {
                RotatingLog log = new RotatingLog(dir, "agent.log", 64 * 1024, 4);
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 400; i++) {
                        log.append(who + " " + i + " " + "y".repeat(60));
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get();
            }
        } finally {
            pool.shutdown();
        }
        int lines = 0;
        for (Path f : logFiles()) {
            assertTrue(Files.size(f) <= 64 * 1024);
            for (String line : Files.readAllLines(f)) {
                assertTrue(line.matches("(daemon|operator) \\d+ y{60}"), "a whole line: " + line);
                lines++;
            }
        }
        assertEquals(800, lines, "everything fits in 4 files of 64 KiB");
    }

    @Test
    void aLineLongerThanAFileIsCutToFit() throws Exception {
        RotatingLog log = new RotatingLog(dir, "agent.log", 1024, 2);
        log.append("z".repeat(5000));
        assertTrue(Files.size(dir.resolve("agent.log")) <= 1024);
        log.append("ü".repeat(3000));
        assertTrue(Files.size(dir.resolve("agent.log")) <= 1024, "cut between the bytes of a character, too");
        assertTrue(Files.readString(dir.resolve("agent.log")).endsWith("…\n"));
    }

    private List<Path> logFiles() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}

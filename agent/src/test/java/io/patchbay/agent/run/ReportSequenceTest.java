package io.patchbay.agent.run;

import io.patchbay.agent.home.AgentHome;
import io.patchbay.model.PatchbayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report number: two {@code agent report} runs at once never share one, and a crash never resets the count. */
class ReportSequenceTest {
    private static final int EACH = 40;

    @TempDir
    Path dir;

    /** A second process taking numbers: what a second {@code patchbay-agent report} does at the same moment. */
    public static final class Taker {
        public static void main(String[] args) throws IOException {
            AgentHome home = new AgentHome(Path.of(args[0]));
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                out.append(ReportBundle.nextSequence(home)).append('\n');
            }
            System.out.print(out);
        }
    }

    @Test
    void twoProcessesTakingNumbersAtOnceEachGetTheirOwn() throws Exception {
        Path home = dir.resolve("agent");
        Files.createDirectories(home);
        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Taker.class.getName(), home.toString(),
                    String.valueOf(EACH)).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        List<Long> taken = new ArrayList<>();
        for (Process p : runs) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            out.lines().map(Long::parseLong).forEach(taken::add);
        }
        Set<Long> distinct = new TreeSet<>(taken);
        assertEquals(LongStream.rangeClosed(1, 2L * EACH).boxed().toList(), List.copyOf(distinct),
                "every number once: " + taken);
        assertEquals(String.valueOf(2 * EACH), Files.readString(home.resolve(ReportBundle.SEQUENCE_FILE)).strip());
    }

    @Test
    void threadsOfOneProcessEachGetTheirOwn() throws Exception {
        AgentHome home = new AgentHome(dir.resolve("agent"));
        Files.createDirectories(home.dir());
        Set<Long> taken = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    try {
                        taken.add(ReportBundle.nextSequence(home));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(100, taken.size());
        assertEquals(101L, ReportBundle.nextSequence(home));
    }

    @Test
    void aTempFileLeftByACrashedWriteDoesNotChangeTheCount() throws IOException {
        AgentHome home = homeWithNumber("7\n");
        // What a write killed before its rename leaves: a half-written temp file beside the number.
        Files.writeString(home.dir().resolve("." + ReportBundle.SEQUENCE_FILE + ".123.tmp"), "");
        assertEquals(8L, ReportBundle.nextSequence(home));
    }

    @Test
    void aNumberFileThatIsNotANumberIsRefusedNamingIt() throws IOException {
        AgentHome home = homeWithNumber("seven\n");
        PatchbayException e = assertThrows(PatchbayException.class, () -> ReportBundle.nextSequence(home));
        assertTrue(e.getMessage().contains("does not hold a report number: 'seven'"), e.getMessage());
    }

    private AgentHome homeWithNumber(String content) throws IOException {
        AgentHome home = new AgentHome(dir.resolve("agent"));
        Files.createDirectories(home.dir());
        Files.writeString(home.dir().resolve(ReportBundle.SEQUENCE_FILE), content);
        return home;
    }
}

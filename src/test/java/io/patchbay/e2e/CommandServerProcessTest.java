package io.patchbay.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The command server through the built launcher, as a person's shell meets it: the first read command runs in its own
 * JVM and leaves a server behind; later ones are answered by it, with the same output and exit codes, paths relative
 * to the person's folder; a server killed or switched off changes nothing but the time; removing its socket stops it.
 */
class CommandServerProcessTest {
    @TempDir
    Path dir;

    @Test
    void readCommandsAfterTheFirstAreServedAndAnswerAsTheirOwnJvmsWould() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Launcher person = new Launcher(dir.resolve("logs"), Map.of("XDG_RUNTIME_DIR", run.toString(),
                "PATCHBAY_COMMAND_SERVER_IDLE", "2m"), home);
        person.run("workspace", "init", "--workspace", "ws").ok();

        Launcher.Result own = person.run("status", "--workspace", "ws").ok();
        Path log = await(run, ".log", "a server's log");
        long pid = pid(Files.readString(log));
        await(run, ".sock", "the server's socket");

        Launcher.Result served = person.run("status", "--workspace", "ws").ok();
        assertEquals(own.out(), served.out());
        assertEquals(own.err(), served.err());
        assertTrue(Files.readString(log).contains("status --workspace ws (in " + home.toRealPath() + "): exit 0"),
                Files.readString(log));

        Launcher.Result missing = person.run("release", "list", "--workspace", "nowhere");
        assertEquals(3, missing.exit(), missing.err());
        assertTrue(missing.err().contains(home.resolve("nowhere").toString()), missing.err());
        assertTrue(Files.readString(log).contains("release list --workspace nowhere (in " + home.toRealPath() + "): exit 3"));

        Launcher.Result off = new Launcher(dir.resolve("logs-off"), Map.of("XDG_RUNTIME_DIR", run.toString(),
                "PATCHBAY_COMMAND_SERVER", "off"), home).run("status", "--workspace", "ws").ok();
        assertEquals(own.out(), off.out());
        try (Stream<Path> files = Files.list(run.resolve("patchbay"))) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".log")).count(), "switched off: no server of its own");
        }

        ProcessHandle first = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no server process " + pid));
        first.destroyForcibly();
        first.onExit().get();
        assertEquals(own.out(), person.run("status", "--workspace", "ws").ok().out(), "killed: the command runs itself");
        long second = awaitNewPid(log, pid);

        Files.delete(await(run, ".sock", "the new server's socket"));
        ProcessHandle.of(second).ifPresent(p -> p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
        assertFalse(ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false), "its socket removed, it stops");
        assertTrue(Files.readString(log).contains("was removed"), Files.readString(log));
    }

    private static Path await(Path run, String suffix, String what) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            if (Files.isDirectory(run.resolve("patchbay"))) {
                try (Stream<Path> files = Files.list(run.resolve("patchbay"))) {
                    Optional<Path> found = files.filter(p -> p.toString().endsWith(suffix)).findFirst();
                    if (found.isPresent() && (!suffix.equals(".log") || Files.readString(found.get()).contains(", pid "))) {
                        return found.get();
                    }
                }
            }
            Thread.sleep(100);
        }
        return fail("no " + what + " in " + run + " within 60 s");
    }

    private static long pid(String log) {
        List<Long> pids = pids(log);
        assertFalse(pids.isEmpty(), log);
        return pids.get(pids.size() - 1);
    }

    private static List<Long> pids(String log) {
        Matcher m = Pattern.compile(", pid (\\d+),").matcher(log);
        List<Long> pids = new java.util.ArrayList<>();
        while (m.find()) {
            pids.add(Long.parseLong(m.group(1)));
        }
        return pids;
    }

    private static long awaitNewPid(Path log, long old) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            List<Long> pids = pids(Files.readString(log));
            if (!pids.isEmpty() && pids.get(pids.size() - 1) != old) {
                return pids.get(pids.size() - 1);
            }
            Thread.sleep(100);
        }
        return fail("no new server after the first was killed: " + Files.readString(log));
    }
}

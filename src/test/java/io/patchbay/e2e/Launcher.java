package io.patchbay.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the real, built launcher ({@code app/target/patchbay/bin/patchbay}) as a separate process, the
 * way a user or an acceptance check does. Output goes to files so a long-running {@code deliver} can be
 * watched while it runs.
 */
final class Launcher {
    record Result(int exit, String out, String err) {
        Result ok() {
            assertTrue(exit == 0, "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err);
            return this;
        }
    }

    /** A launcher process still running. */
    static final class Running {
        final Process process;
        final Path out;
        final Path err;

        Running(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        String out() {
            return read(out);
        }

        String err() {
            return read(err);
        }

        /** Waits until stdout holds a line matching {@code test}; fails after {@code timeout}. */
        String awaitLine(Predicate<String> test, Duration timeout, String what) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                for (String line : out().lines().toList()) {
                    if (test.test(line)) {
                        return line;
                    }
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(50);
            }
            return fail("no line " + what + " within " + timeout + "; stdout:\n" + out() + "\nstderr:\n" + err());
        }

        Result await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail("the launcher did not end within " + timeout + "; stdout:\n" + out() + "\nstderr:\n" + err());
            }
            return new Result(process.exitValue(), out(), err());
        }
    }

    /** Short, for the sockets' paths (at most 107 bytes). */
    static final Path RUN = runFolder();

    private final Path launcher;
    private final Path logs;
    private final java.util.Map<String, String> env;
    private final Path home;
    private int runs;

    Launcher(Path logs) {
        this(logs, java.util.Map.of(), null);
    }

    /** A launcher whose processes also get {@code env} (e.g. a team's {@code PATCHBAY_DATABASE_URL}). */
    Launcher(Path logs, java.util.Map<String, String> env) {
        this(logs, env, null);
    }

    /**
     * A launcher run as a person whose {@code $HOME} and working folder are {@code home} (null: this JVM's), so
     * {@code ~/...} and relative paths resolve as they would in that person's shell.
     */
    Launcher(Path logs, Path home) {
        this(logs, java.util.Map.of(), home);
    }

    /** A launcher with {@code env} whose working folder and {@code $HOME} are {@code home}. */
    Launcher(Path logs, java.util.Map<String, String> env, Path home) {
        this.env = java.util.Map.copyOf(env);
        this.home = home;
        String prop = System.getProperty("patchbay.launcher");
        assertTrue(prop != null, "patchbay.launcher is not set (run through Maven)");
        this.launcher = Path.of(prop);
        assertTrue(Files.isExecutable(launcher), "the launcher is not built: " + launcher
                + " (mvn -DskipTests package builds it)");
        this.logs = logs;
    }

    Result run(String... args) throws IOException, InterruptedException {
        return start(args).await(Duration.ofSeconds(120));
    }

    synchronized Running start(String... args) throws IOException {
        Files.createDirectories(logs);
        int n = ++runs;
        Path out = logs.resolve("run-" + n + ".out");
        Path err = logs.resolve("run-" + n + ".err");
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        // Small, quick JVMs: these are short commands on a shared machine.
        pb.environment().put("PATCHBAY_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        pb.environment().remove("PATCHBAY_WORKSPACE");
        // Read commands go to a command server as a person's would; these tests' servers keep to a folder of this JVM's
        // and stop soon after the test's last command.
        pb.environment().put("XDG_RUNTIME_DIR", RUN.toString());
        pb.environment().put("PATCHBAY_COMMAND_SERVER_IDLE", "30s");
        pb.environment().putAll(env);
        if (home != null) {
            pb.environment().put("HOME", home.toString());
            pb.directory(home.toFile());
        }
        return new Running(pb.start(), out, err);
    }

    private static Path runFolder() {
        try {
            Path run = Files.createTempDirectory("pb-run");
            // Removing the folder removes the servers' sockets, which stops them: none outlives the test JVM.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    io.patchbay.model.io.FileTrees.delete(run);
                } catch (IOException e) {
                    System.err.println("cannot remove " + run + ": " + e.getMessage());
                }
            }));
            return run;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}

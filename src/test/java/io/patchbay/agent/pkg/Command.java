package io.patchbay.agent.pkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs a real tool (dpkg-deb, systemd-analyze, tar, the launcher) to its end; a missing tool fails the test. */
public record Command(int exit, String out) {
    public static Command run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("command", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            pb.environment().putAll(env);
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return fail(command[0] + " is not installed (.ci/run installs it): " + e.getMessage());
            }
            if (!p.waitFor(Duration.ofMinutes(3).toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not end within 3 minutes");
            }
            return new Command(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    public static Command run(String... command) throws IOException, InterruptedException {
        return run(Map.of(), command);
    }

    /** The command's output, after checking it ended with exit 0. */
    public String ok(String what) {
        assertEquals(0, exit, what + " failed:\n" + out);
        return out;
    }
}

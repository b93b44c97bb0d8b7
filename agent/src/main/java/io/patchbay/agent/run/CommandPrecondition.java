package io.patchbay.agent.run;

import io.patchbay.model.decision.PreconditionProbe;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the site's precondition command with {@code sh -c} in the agent home, killed after {@code timeout}.
 * Exit 0 passes; the row's detail is the exit code and the last line the command printed.
 */
public final class CommandPrecondition implements PreconditionProbe {
    private final Path workDir;
    private final Duration timeout;

    public CommandPrecondition(Path workDir, Duration timeout) {
        this.workDir = workDir;
        this.timeout = timeout;
    }

    @Override
    public Result run(String command) {
        Path output = null;
        try {
            output = Files.createTempFile(workDir, ".precondition-", ".out");
            Process p = new ProcessBuilder(List.of("sh", "-c", command))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(new File("/dev/null"))
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return Result.failed("'" + command + "' still running after " + timeout.toSeconds() + " s: killed");
            }
            String last = Files.readAllLines(output, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).reduce((a, b) -> b).map(l -> ": " + l.strip()).orElse("");
            if (last.length() > 200) {
                last = last.substring(0, 200) + "...";
            }
            return p.exitValue() == 0 ? new Result(true, "exit 0" + last)
                    : Result.failed("'" + command + "' exited " + p.exitValue() + last);
        } catch (IOException e) {
            return Result.failed("cannot run '" + command + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted while running '" + command + "'");
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}

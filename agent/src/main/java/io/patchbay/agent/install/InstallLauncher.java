package io.patchbay.agent.install;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.json.Json;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link InstallProcess} as a child JVM with this JVM's java binary and class path, and waits for its
 * outcome. The child's output goes to {@code install/logs/process.log} in the agent home (not a pipe), so
 * it keeps running, and finishes its journal, even when this process is stopped meanwhile.
 */
public final class InstallLauncher {
    private final AgentHomeLayout layout;
    private final Duration lockWait;

    /** A started child and the file it writes its result to. */
    public record Child(Process process, Path resultFile) {
    }

    public InstallLauncher(Path agentHome, Duration lockWait) {
        this.layout = new AgentHomeLayout(agentHome);
        this.lockWait = lockWait;
    }

    /**
     * Installs in a child process and returns its outcome. If the child dies without one (killed), a
     * recovery child finishes the journal and its outcome is returned.
     *
     * @throws PatchbayException the child's refusal (lock held, unfinished journal), or the child is still
     *                           running after {@code timeout} (it is left running: it owns the install)
     */
    public InstallOutcome install(InstallRequest request, Duration timeout) {
        Child child = startInstall(request, List.of());
        Optional<InstallOutcome> outcome = await(child, timeout);
        if (outcome.isPresent()) {
            return outcome.get();
        }
        return recover(timeout).orElseThrow(() -> new PatchbayException(
                "the install process ended without an outcome and left no journal; see " + processLog()));
    }

    /** Recovers in a child process; empty when there was nothing to recover. */
    public Optional<InstallOutcome> recover(Duration timeout) {
        return await(startRecover(List.of()), timeout);
    }

    /** Starts the install child; {@code jvmOptions} such as {@code -Dname=value} go before the class name. */
    public Child startInstall(InstallRequest request, List<String> jvmOptions) {
        String name = UUID.randomUUID().toString();
        Path run = runFile(name + "-request");
        try {
            RequestFile.write(run, request);
        } catch (IOException e) {
            throw new PatchbayException("cannot write the install request " + run + ": " + e.getMessage(), e);
        }
        Path result = runFile(name + "-result");
        return start(jvmOptions, result, "install", layout.home().toString(), run.toString(), result.toString());
    }

    public Child startRecover(List<String> jvmOptions) {
        Path result = runFile(UUID.randomUUID() + "-result");
        return start(jvmOptions, result, "recover", layout.home().toString(), result.toString());
    }

    /**
     * Waits for the child and reads its result: the outcome, empty when it had nothing to recover or died
     * without writing one.
     */
    public Optional<InstallOutcome> await(Child child, Duration timeout) {
        try {
            if (!child.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PatchbayException("the install process (pid " + child.process().pid()
                        + ") is still running after " + timeout.toSeconds() + " s; it holds the installation lock");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PatchbayException("interrupted while waiting for the install process", e);
        }
        Path file = child.resultFile();
        try {
            Files.deleteIfExists(file.resolveSibling(file.getFileName().toString().replace("-result", "-request")));
        } catch (IOException ignored) {
            // a leftover request file is harmless
        }
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            ProcessResult result = Json.mapper().readValue(file.toFile(), ProcessResult.class);
            Files.deleteIfExists(file);
            if (result.refusal() != null) {
                throw new PatchbayException(result.refusal());
            }
            return Optional.ofNullable(result.outcome());
        } catch (IOException e) {
            throw new PatchbayException("cannot read the install result " + file + ": " + e.getMessage(), e);
        }
    }

    private Child start(List<String> jvmOptions, Path result, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-D" + InstallProcess.LOCK_WAIT + "=" + lockWait.toMillis());
        command.addAll(jvmOptions);
        command.add(InstallProcess.class.getName());
        command.addAll(List.of(args));
        try {
            Files.createDirectories(layout.logs());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(processLog().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            return new Child(process, result);
        } catch (IOException e) {
            throw new PatchbayException("cannot start the install process: " + e.getMessage(), e);
        }
    }

    private Path processLog() {
        return layout.logs().resolve("process.log");
    }

    private Path runFile(String kind) {
        Path dir = layout.installDir().resolve("run");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PatchbayException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return dir.resolve(kind + ".json");
    }

    /** The java binary this JVM runs on, for child JVMs on the same runtime. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static File nullDevice() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }
}

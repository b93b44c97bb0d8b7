package io.patchbay.agent.upgrade;

import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The running daemon ({@code agent run}) of a home, as the upgrader must find it: its pid, and the systemd unit
 * when systemd runs it (then systemd, not the upgrader, stops and starts it).
 */
public record RunningAgent(long pid, String unit, Instant startedAt) {
    private static final String MAIN_CLASS = "io.patchbay.agent.cli.AgentMain";

    /** Written by {@code agent run} when it starts. */
    public static void announce(Path home) throws IOException {
        RunningAgent me = new RunningAgent(ProcessHandle.current().pid(), systemdUnit().orElse(null), Instant.now());
        AtomicFiles.write(new UpgradeFiles(home).daemon(), Json.mapper().writeValueAsBytes(me));
    }

    /** The daemon of {@code home} if it still runs (a pid reused by another program does not count). */
    static Optional<RunningAgent> find(Path home) {
        Path file = new UpgradeFiles(home).daemon();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            RunningAgent a = Json.mapper().readValue(file.toFile(), RunningAgent.class);
            return a.process().isPresent() ? Optional.of(a) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** No agent known: nothing to stop; one started anew runs as a process of its own. */
    static final RunningAgent NONE = new RunningAgent(-1, null, null);

    /** The daemon {@code home} last announced, running or not (its unit says how to start it again). */
    static Optional<RunningAgent> last(Path home) {
        Path file = new UpgradeFiles(home).daemon();
        try {
            return Files.isRegularFile(file) ? Optional.of(Json.mapper().readValue(file.toFile(), RunningAgent.class))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    Optional<ProcessHandle> process() {
        if (pid <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> Arrays.asList(args).contains(MAIN_CLASS)).orElse(true));
    }

    /** The service unit this process runs in, when systemd started it ({@code INVOCATION_ID} is set then). */
    private static Optional<String> systemdUnit() {
        if (System.getenv("INVOCATION_ID") == null) {
            return Optional.empty();
        }
        try {
            // e.g. "0::/system.slice/patchbay-agent.service"
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String last = line.substring(line.lastIndexOf('/') + 1);
                if (last.endsWith(".service")) {
                    return Optional.of(last);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}

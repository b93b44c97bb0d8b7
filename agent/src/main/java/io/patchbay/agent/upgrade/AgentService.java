package io.patchbay.agent.upgrade;

import io.patchbay.model.PatchbayException;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops and starts the agent of a home: through systemd when systemd runs it, else as a process of its own. */
interface AgentService {
    /** Stops the agent that runs now (the old one, or a new one that is not healthy). */
    void stop() throws IOException, InterruptedException;

    /** Starts the agent from the distribution as it is now. */
    void start() throws IOException, InterruptedException;

    /** True when the agent started last has already ended (no point waiting for its health). */
    boolean ended();

    Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    static AgentService of(RunningAgent running, AgentDistribution dist, UpgradeFiles files) {
        return running.unit() != null ? new Systemd(running.unit()) : new OwnProcess(running, dist, files);
    }

    /**
     * systemd restarts the unit; the unit's KillMode=process keeps this upgrader alive when the agent stops,
     * and the package's polkit rule lets the agent's user start and stop its own unit.
     */
    record Systemd(String unit) implements AgentService {
        @Override
        public void stop() throws IOException, InterruptedException {
            systemctl("stop");
        }

        @Override
        public void start() throws IOException, InterruptedException {
            systemctl("start");
        }

        @Override
        public boolean ended() {
            return false; // systemd restarts a failing agent: only its health tells
        }

        private void systemctl(String verb) throws IOException, InterruptedException {
            Process p = new ProcessBuilder("systemctl", verb, unit).inheritIO().start();
            if (!p.waitFor(STOP_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new PatchbayException("systemctl " + verb + " " + unit + " failed");
            }
        }
    }

    /** The agent as a process of its own: SIGTERM to stop, the same {@code run --home} through the launcher to start. */
    final class OwnProcess implements AgentService {
        private final AgentDistribution dist;
        private final UpgradeFiles files;
        private ProcessHandle current;

        OwnProcess(RunningAgent running, AgentDistribution dist, UpgradeFiles files) {
            this.dist = dist;
            this.files = files;
            this.current = running.process().orElse(null);
        }

        @Override
        public void stop() throws InterruptedException {
            if (current == null || !current.isAlive()) {
                return;
            }
            current.destroy();
            try {
                current.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                current.destroyForcibly();
                current.onExit().join();
            }
        }

        @Override
        public void start() throws IOException {
            Process p = Detached.start(List.of(dist.launcher().toString(), "run", "--home", files.home().toString()),
                    files.agentOutput());
            current = p.toHandle();
        }

        @Override
        public boolean ended() {
            return current == null || !current.isAlive();
        }
    }
}

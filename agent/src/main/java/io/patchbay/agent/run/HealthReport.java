package io.patchbay.agent.run;

import io.patchbay.agent.home.AgentConfig;
import io.patchbay.agent.home.AgentHome;
import io.patchbay.model.policy.PolicyStore;
import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.StatusReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Keeps the running agent's {@link AgentHealth} and rewrites {@code status/health.json} (atomically) on every
 * change: at start, after each tick, after each error. Only the daemon owns one: a one-shot operator command is
 * not "the agent", and must not overwrite the daemon's start time.
 */
public final class HealthReport {
    private static final Logger LOG = LoggerFactory.getLogger(HealthReport.class);

    private final AgentHome home;
    private final AgentConfig config;
    private final Clock clock;
    private final Supplier<AgentHealth.Service> mail;
    private final Instant startedAt;
    private Instant lastTick;
    private AgentHealth.LastError lastError;
    private AgentHealth.Service https = AgentHealth.Service.OFF;

    public HealthReport(AgentHome home, AgentConfig config, Clock clock, Supplier<AgentHealth.Service> mail) {
        this.home = Objects.requireNonNull(home, "home");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mail = Objects.requireNonNull(mail, "mail");
        this.startedAt = clock.instant();
    }

    /** The HTTPS endpoint's state, as the daemon saw it start (or fail). */
    public synchronized void https(AgentHealth.Service state) {
        https = Objects.requireNonNull(state, "state");
    }

    /** A tick ended without error. */
    public synchronized void ticked() {
        lastTick = clock.instant();
        write();
    }

    /** Something failed in this process; {@code message} is one line saying what. */
    public synchronized void failed(String message) {
        lastError = new AgentHealth.LastError(message, clock.instant());
        write();
    }

    /** The report as it stands now, with the disks and the policy looked at afresh. */
    public synchronized AgentHealth snapshot() {
        return new AgentHealth(StatusReports.SCHEMA, Agent.agentVersion(), startedAt, lastTick, lastError,
                freeBytes(home.dir()), freeBytes(config.installRoot()), policyReadable(), mail.get(), https);
    }

    /** Rewrites {@code status/health.json}; a failure to write is logged, never thrown (the next tick retries). */
    public synchronized void write() {
        try {
            Files.createDirectories(home.status());
            StatusReports.write(home.status(), snapshot());
        } catch (IOException e) {
            LOG.warn("cannot write the health report in {}: {}", home.status(), e.getMessage());
        }
    }

    private boolean policyReadable() {
        try {
            PolicyStore.read(home.policy());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Usable bytes where {@code path} is, or would be (an install root not created yet: its nearest parent). */
    static Long freeBytes(Path path) {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return null;
        }
        try {
            return Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return null;
        }
    }
}

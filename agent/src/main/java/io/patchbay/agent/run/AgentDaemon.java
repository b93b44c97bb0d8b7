package io.patchbay.agent.run;

import io.patchbay.agent.home.AgentConfig;
import io.patchbay.agent.home.SecretFiles;
import io.patchbay.agent.http.AgentHttpsConfig;
import io.patchbay.agent.http.AgentHttpsServer;
import io.patchbay.agent.http.ConnectionGuards;
import io.patchbay.agent.http.InboxLimits;
import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.receive.DownloadStarts;
import io.patchbay.agent.receive.HandCopyGate;
import io.patchbay.agent.receive.InboxIntake;
import io.patchbay.agent.receive.InboxWatcher;
import io.patchbay.agent.upgrade.RunningAgent;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.auth.BearerToken;
import io.patchbay.model.report.AgentHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code patchbay agent run}: one thread does all of the agent's work in order (receive what arrived, then
 * tick), so a kit and a tick never race inside the process. Each pass offers the inbox to the agent through
 * {@link InboxIntake}: a file once whole, a kit this machine failed to take again on a later tick. The inbox watcher and the HTTPS receiver only queue
 * the kits they see. The thread sleeps until the next tick or the earliest moment a patch could install,
 * whichever is sooner, and wakes at once when a kit arrives.
 */
public final class AgentDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentDaemon.class);
    private static final Path WAKE = Path.of("");
    private static final Duration MIN_SLEEP = Duration.ofMillis(200);

    private final Agent agent;
    private final Clock clock;
    private final BlockingQueue<Path> queue = new LinkedBlockingQueue<>();
    private final InboxIntake intake;
    private final DownloadStarts downloads;
    private final Thread worker;
    private final HealthReport health;
    private volatile boolean running = true;
    private InboxWatcher watcher;
    private AgentHttpsServer https;
    private Optional<InstallOutcome> recovered = Optional.empty();

    private AgentDaemon(Agent agent, Clock clock) {
        this.agent = agent;
        this.clock = clock;
        this.worker = new Thread(this::loop, "agent");
        this.intake = new InboxIntake(agent.config().inbox(), new HandCopyGate(), agent.config().tick(), clock);
        this.downloads = new DownloadStarts(agent.config().inbox(), agent.home().notices().resolve("downloads"));
        this.health = new HealthReport(agent.home(), agent.config(), clock, agent::mailState);
    }

    /**
     * Recovers an unfinished installation first, then watches the inbox, serves HTTPS when configured, and ticks.
     */
    public static AgentDaemon start(Agent agent, Clock clock) throws IOException {
        SecretFiles.requirePrivate(agent.config()); // before anything starts: a readable secret is refused at run
        AgentDaemon d = new AgentDaemon(agent, clock);
        // Before the recovery: a self-upgrade it resumes must find this process to stop it.
        RunningAgent.announce(agent.home().dir());
        d.recovered = agent.recover();
        d.recovered.ifPresent(o -> LOG.info("recovered installation {} of {} {}: {}", o.id(), o.product(), o.version(),
                o.state().word()));
        AgentConfig config = agent.config();
        try {
            d.watcher = InboxWatcher.start(config.inbox(), Duration.ofSeconds(30), d::enqueue, d::wake);
            if (config.https() != null) {
                d.https = AgentHttpsServer.start(httpsConfig(agent, config), d::enqueue);
                LOG.info("serving HTTPS on port {}", d.https.port());
                d.health.https(AgentHealth.Service.ok("port " + d.https.port()));
            }
        } catch (IOException | RuntimeException e) {
            if (config.https() != null && d.https == null) {
                d.health.https(AgentHealth.Service.failing(oneLine(e)));
            }
            d.health.failed("the agent did not start: " + oneLine(e));
            d.close();
            throw e;
        }
        d.health.write();
        d.worker.start();
        return d;
    }

    /** What the start-up recovery found: empty when the last installation had ended cleanly. */
    public Optional<InstallOutcome> recovered() {
        return recovered;
    }

    /** The HTTPS port actually bound, or -1 without HTTPS. */
    public int httpsPort() {
        return https == null ? -1 : https.port();
    }

    /** Asks for a tick now (an operator changed something). */
    public void wake() {
        queue.add(WAKE);
    }

    private void enqueue(Path kit) {
        queue.add(kit);
    }

    private void loop() {
        while (running) {
            try {
                downloads.newArrivals().forEach(agent::downloadStarted);
                Path next;
                Set<Path> arrivedNow = new LinkedHashSet<>();
                while ((next = queue.poll()) != null) {
                    if (next != WAKE) {
                        arrivedNow.add(next);
                    }
                }
                boolean copying = intake.pass(arrivedNow, agent::receive);
                Instant wake = agent.tick();
                health.ticked();
                Duration sleep = agent.config().tick();
                if (copying && intake.settle().compareTo(sleep) < 0) {
                    sleep = intake.settle();
                }
                if (wake != null) {
                    Duration until = Duration.between(clock.instant(), wake);
                    sleep = until.compareTo(sleep) < 0 ? until : sleep;
                }
                sleep = sleep.compareTo(MIN_SLEEP) < 0 ? MIN_SLEEP : sleep;
                Path arrived = queue.poll(sleep.toMillis(), TimeUnit.MILLISECONDS);
                if (arrived != null) {
                    queue.add(arrived); // handled at the top of the loop, in order
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // One bad tick (an unreadable policy, a full disk) must not stop the agent: log one line
                // (journald shows each line as one entry), say so in the health report, and go on.
                LOG.error("agent tick failed: {}", oneLine(e));
                health.failed("tick failed: " + oneLine(e));
                try {
                    Thread.sleep(Math.max(MIN_SLEEP.toMillis(), Math.min(agent.config().tick().toMillis(), 30_000)));
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** The health report this daemon keeps in {@code status/health.json}. */
    public HealthReport health() {
        return health;
    }

    /**
     * One line for the log and the health report: the message, and for an unexpected exception (a bug, not a
     * refusal) its type and where it was thrown, so the line still points at the code.
     */
    static String oneLine(Throwable e) {
        String text = e instanceof PatchbayException ? e.getMessage() : e + (e.getStackTrace().length == 0 ? ""
                : " at " + e.getStackTrace()[0]);
        return text == null ? e.getClass().getName() : text.replaceAll("[\\r\\n]+", " ");
    }

    /** Blocks until {@link #close()} stops the daemon. */
    public void awaitStop() throws InterruptedException {
        worker.join();
    }

    /** Stops receiving, lets a running tick end (an install runs on in its own process), then returns. */
    @Override
    public void close() {
        running = false;
        if (watcher != null) {
            watcher.close();
        }
        if (https != null) {
            https.close();
        }
        queue.add(WAKE);
        try {
            // A tick in progress finishes its registry and report writes; only a long wait is cut short.
            worker.join(Duration.ofSeconds(10).toMillis());
            worker.interrupt();
            worker.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static AgentHttpsConfig httpsConfig(Agent agent, AgentConfig config) throws IOException {
        AgentConfig.Https h = config.https();
        char[] password = h.keystorePasswordFile() == null ? new char[0]
                : SecretFiles.read(h.keystorePasswordFile(), "keystore password file").toCharArray();
        if (h.tokenFile() == null) {
            throw new PatchbayException("HTTPS is configured without a token file");
        }
        return new AgentHttpsConfig(h.bindAddress(), h.keystore(), password,
                BearerToken.read(h.tokenFile()), config.inbox(), agent.home().status(),
                AgentHttpsConfig.DEFAULT_MAX_UPLOAD, AgentHttpsConfig.DEFAULT_THREADS, ConnectionGuards.DEFAULTS,
                InboxLimits.forFreeSpace(Files.getFileStore(config.inbox()).getUsableSpace()));
    }
}

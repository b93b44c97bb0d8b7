package io.patchbay.agent.run;

import io.patchbay.agent.cli.AgentVersion;
import io.patchbay.app.cli.PatchbayCommand;
import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.workspace.AgentCondition;
import io.patchbay.model.workspace.SiteAgent;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.fixtures.SshdPerClass;
import io.patchbay.transport.outbox.DeliveryWorker;
import io.patchbay.transport.outbox.SftpSitePusher;
import io.patchbay.transport.outbox.WorkerSettings;
import io.patchbay.transport.sftp.SftpTimeouts;
import io.patchbay.model.workspace.TransportKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real agent (in this JVM) writes its health report; the workstation harvests it over SFTP from a real OpenSSH
 * sshd, stores it, and {@code patchbay status} shows the agent's version, last contact and health.
 */
class AgentHealthHarvestTest {
    @RegisterExtension
    static final SshdPerClass SSHD = new SshdPerClass();

    @TempDir
    Path dir;

    @Test
    void theHealthOfARunningAgentReachesTheWorkspaceAndTheStatusCommand() throws Exception {
        AgentSite site = new AgentSite(dir.resolve("acme"), null);
        Path ws = dir.resolve("ws");
        AgentHealth written;
        try (AgentDaemon daemon = AgentDaemon.start(site.agent(Clock.systemUTC()), Clock.systemUTC())) {
            written = awaitTick(site.home.status().resolve(StatusReports.HEALTH_FILE));
        }
        try (Workspace w = Workspace.open(ws)) {
            w.sites().add(SiteSpec.sftp("acme", SSHD.server().url(site.home.dir()), SSHD.server().userKey(),
                    SSHD.server().knownHosts()), "alice");
            try (DeliveryWorker worker = new DeliveryWorker(w, Map.of(TransportKind.SFTP,
                    new SftpSitePusher(SSHD.pusher(), SftpTimeouts.DEFAULTS)),
                    WorkerSettings.defaults("test-worker").withHarvestEvery(Duration.ZERO), null)) {
                worker.harvestAll();
            }
            SiteAgent stored = w.siteAgents().get("acme");
            assertEquals(AgentVersion.current(), stored.agentVersion());
            assertEquals(micros(written.startedAt()), stored.startedAt());
            AgentHealth now = StatusReports.parseHealth("health", Files.readAllBytes(
                    site.home.status().resolve(StatusReports.HEALTH_FILE)));
            assertEquals(micros(now.lastTick()), stored.lastTick(), "the harvest read the report as the agent left it");
            assertEquals(micros(now.lastTick()), stored.lastContact());
            assertEquals(now.installRootFreeBytes(), stored.installRootFreeBytes());
            assertEquals(AgentCondition.Kind.HEALTHY, AgentCondition.of(stored, Instant.now(),
                    AgentCondition.DEFAULT_NOT_HEARD_AFTER).kind(), "a test machine with at least 1 GiB free");

            String status = status("status", "--workspace", ws.toString());
            String line = status.lines().filter(l -> l.startsWith("acme ")).reduce((a, b) -> b).orElseThrow();
            assertTrue(line.contains(AgentVersion.current()), status);
            String shown = AgentCondition.contact(stored.lastContact(), Instant.now(), ZoneId.systemDefault());
            String withZone = shown.substring(0, shown.indexOf(" (")); // e.g. 2026-12-02 09:10 CET
            assertTrue(withZone.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\S+"), withZone);
            assertTrue(line.contains(withZone), "last contact in this machine's zone, with it: " + status);
            assertTrue(line.endsWith("healthy"), status);
            assertTrue(status.contains("SITE  AGENT"), status);
        }
    }

    /** The workspace keeps times to the microsecond. */
    private static Instant micros(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static String status(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PatchbayCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        assertEquals(0, exit, err.toString());
        return out.toString();
    }

    private static AgentHealth awaitTick(Path file) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(file)) {
                AgentHealth h = StatusReports.parseHealth(file.toString(), Files.readAllBytes(file));
                if (h.lastTick() != null) {
                    return h;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no tick in " + file);
    }
}

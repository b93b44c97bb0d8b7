package io.patchbay.agent.run;

import com.icegreen.greenmail.util.GreenMail;
import io.patchbay.agent.cli.AgentVersion;
import io.patchbay.agent.home.AgentConfig;
import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.StatusReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The running agent's {@code status/health.json}: written at start and after every tick, errors included. */
class HealthReportTest {
    @TempDir
    Path dir;

    @Test
    void theDaemonWritesItsHealthAtStartAndAfterEveryTick() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        Instant before = Instant.now();
        try (AgentDaemon daemon = AgentDaemon.start(site.agent(Clock.systemUTC()), Clock.systemUTC())) {
            AgentHealth first = await(site, h -> h.lastTick() != null, "a first tick");
            assertEquals(AgentVersion.current(), first.agentVersion());
            assertFalse(first.startedAt().isBefore(before), "started by this test");
            assertFalse(first.lastTick().isBefore(first.startedAt()));
            assertNull(first.lastError());
            assertTrue(first.policyReadable());
            assertTrue(first.homeFreeBytes() > 0 && first.installRootFreeBytes() > 0, first.toString());
            assertEquals(AgentHealth.ServiceState.OFF, first.mail().state());
            assertEquals(AgentHealth.ServiceState.OFF, first.https().state());

            AgentHealth later = await(site, h -> h.lastTick().isAfter(first.lastTick()), "a later tick (1 s apart)");
            assertEquals(first.startedAt(), later.startedAt());
        }
    }

    @Test
    void anUnreadablePolicyIsTheLastErrorAndTicksStopCountingUntilItIsFixed() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        byte[] policy = Files.readAllBytes(site.home.policy());
        try (AgentDaemon daemon = AgentDaemon.start(site.agent(Clock.systemUTC()), Clock.systemUTC())) {
            await(site, h -> h.lastTick() != null, "a first tick");
            Files.writeString(site.home.policy(), "{ not json");
            daemon.wake();
            AgentHealth broken = await(site, h -> h.lastError() != null, "the failing tick's error");
            assertFalse(broken.policyReadable());
            assertTrue(broken.lastError().message().startsWith("tick failed: "), broken.lastError().message());
            assertTrue(broken.lastError().message().contains("policy"), broken.lastError().message());
            assertFalse(broken.lastError().message().contains("\n"));
            assertTrue(broken.lastTick().isBefore(broken.lastError().at()), "the failing tick did not count");

            Files.write(site.home.policy(), policy);
            daemon.wake();
            AgentHealth fixed = await(site, h -> h.lastTick().isAfter(h.lastError().at()), "a good tick again");
            assertTrue(fixed.policyReadable());
            assertEquals(broken.lastError(), fixed.lastError(), "the last error stays, with its time");
        }
    }

    @Test
    void httpsAndMailStatesAreReported() throws Exception {
        AgentConfig.Https https = AgentSite.https(dir);
        int port = https.port();
        GreenMail smtp = TestSmtp.start();
        AgentSite site = new AgentSite(dir, TestSmtp.settings(smtp), https);
        smtp.stop(); // the site's mail server is down: a notice cannot be sent
        Agent agent = site.agent(Clock.systemUTC());
        try (AgentDaemon daemon = AgentDaemon.start(agent, Clock.systemUTC())) {
            AgentHealth up = await(site, h -> h.lastTick() != null, "a first tick");
            assertEquals(AgentHealth.Service.ok("port " + port), up.https());
            assertEquals("ok (port " + port + ")", up.https().describe());
            assertEquals(AgentHealth.ServiceState.OK, up.mail().state(), "nothing was sent yet");

            site.deliver(site.kit(AgentSite.manifest("12.10.11", false, Instant.now().minus(Duration.ofDays(1))), null));
            AgentHealth failing = await(site, h -> h.mail().state() == AgentHealth.ServiceState.FAILING,
                    "mail failing once a notice could not be sent");
            assertNotNull(failing.mail().detail());
            assertTrue(failing.mail().describe().startsWith("failing: "), failing.mail().describe());
        }
    }

    private static AgentHealth await(AgentSite site, Predicate<AgentHealth> condition, String what) throws Exception {
        Path file = site.home.status().resolve(StatusReports.HEALTH_FILE);
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        AgentHealth last = null;
        while (System.nanoTime() < end) {
            if (Files.exists(file)) {
                last = read(file);
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; last health: " + last);
    }

    private static AgentHealth read(Path file) throws IOException {
        return StatusReports.parseHealth(file.toString(), Files.readAllBytes(file));
    }
}

package io.patchbay.model.workspace;

import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.AgentReport;
import io.patchbay.model.report.StatusReports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workspace's record of each site's agent, and how the workstation reads its condition. */
class SiteAgentsTest {
    private static final Instant T = Instant.parse("2026-12-02T09:00:00Z");
    private static final Duration TWO_HOURS = AgentCondition.DEFAULT_NOT_HEARD_AFTER;
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;
    private Workspace ws;

    @BeforeEach
    void open() {
        ws = Workspace.open(dir);
        Fixtures.addSite(ws, "alpha");
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void aHarvestedHealthReportIsStoredAndReplacedByTheNextOne() {
        ws.siteAgents().record("alpha", Optional.empty(), Optional.of(health(T.plusSeconds(60), null, 50 * GIB)));
        SiteAgent first = ws.siteAgents().get("alpha");
        assertEquals("1.4.0", first.agentVersion());
        assertEquals(T, first.startedAt());
        assertEquals(T.plusSeconds(60), first.lastContact());
        assertEquals(AgentHealth.Service.ok("port 8443"), first.https());
        assertEquals(AgentHealth.Service.OFF, first.mail());
        assertEquals(AgentCondition.Kind.HEALTHY, AgentCondition.of(first, T.plusSeconds(120), TWO_HOURS).kind());

        AgentHealth.LastError error = new AgentHealth.LastError("tick failed: policy.json: not a site policy",
                T.plusSeconds(180));
        ws.siteAgents().record("alpha", Optional.empty(), Optional.of(health(T.plusSeconds(60), error, 50 * GIB)));
        SiteAgent second = ws.siteAgents().get("alpha");
        assertEquals(error, second.lastError());
        assertEquals(T.plusSeconds(180), second.lastContact(), "an error is a sign of life too");
        assertEquals(new AgentCondition(AgentCondition.Kind.ERROR, "error: tick failed: policy.json: not a site policy"),
                AgentCondition.of(second, T.plusSeconds(200), TWO_HOURS));
        assertEquals(1, ws.siteAgents().list().size());
    }

    @Test
    void withoutAHealthReportTheLastSiteReportIsTheLastContact() {
        assertNull(ws.siteAgents().get("alpha").lastContact());
        assertEquals(new AgentCondition(AgentCondition.Kind.NEVER_HEARD_FROM, "never heard from"),
                AgentCondition.of(ws.siteAgents().get("alpha"), T, TWO_HOURS));

        ws.siteAgents().record("alpha", Optional.of(new AgentReport(StatusReports.SCHEMA, "1.3.0", T, Map.of(), false)),
                Optional.empty());
        SiteAgent agent = ws.siteAgents().get("alpha");
        assertEquals("1.3.0", agent.agentVersion());
        assertEquals(T, agent.lastContact());
        assertEquals(AgentCondition.Kind.NO_HEALTH_REPORT, AgentCondition.of(agent, T.plusSeconds(60), TWO_HOURS).kind());
    }

    @Test
    void anAgentSilentLongerThanTheSettingIsNotHeardFrom() {
        ws.siteAgents().record("alpha", Optional.empty(), Optional.of(health(T, null, 50 * GIB)));
        SiteAgent agent = ws.siteAgents().get("alpha");
        assertEquals(AgentCondition.Kind.HEALTHY, AgentCondition.of(agent, T.plus(TWO_HOURS), TWO_HOURS).kind());
        AgentCondition silent = AgentCondition.of(agent, T.plus(TWO_HOURS).plusSeconds(60), TWO_HOURS);
        assertEquals(new AgentCondition(AgentCondition.Kind.NOT_HEARD_FROM, "not heard from for 2 h 1 min"), silent);
        assertTrue(silent.kind().silent());
        assertEquals(AgentCondition.Kind.HEALTHY,
                AgentCondition.of(agent, T.plus(TWO_HOURS).plusSeconds(60), Duration.ofHours(3)).kind());
    }

    @Test
    void lowDiskNamesWhereAndHowMuchIsFree() {
        ws.siteAgents().record("alpha", Optional.empty(), Optional.of(health(T, null, 300L << 20)));
        assertEquals(new AgentCondition(AgentCondition.Kind.LOW_DISK, "low disk: 300 MiB free in the install root"),
                AgentCondition.of(ws.siteAgents().get("alpha"), T, TWO_HOURS));
    }

    @Test
    void removingTheSiteRemovesWhatItsAgentSaid() {
        ws.siteAgents().record("alpha", Optional.empty(), Optional.of(health(T, null, 50 * GIB)));
        ws.sites().remove("alpha", Fixtures.PERSON);
        Fixtures.addSite(ws, "alpha");
        assertNull(ws.siteAgents().get("alpha").agentVersion());
    }

    @Test
    void aLastContactShowsItsZoneAndAge() {
        assertEquals("2026-12-02 10:00 CET (1 h 5 min ago)",
                AgentCondition.contact(T, T.plus(Duration.ofMinutes(65)), ZoneId.of("Europe/Paris")));
        assertEquals("never", AgentCondition.contact(null, T, ZoneId.of("UTC")));
    }

    private static AgentHealth health(Instant lastTick, AgentHealth.LastError error, long installRootFree) {
        return new AgentHealth(StatusReports.SCHEMA, "1.4.0", T, lastTick, error, 80 * GIB, installRootFree, true,
                AgentHealth.Service.OFF, AgentHealth.Service.ok("port 8443"));
    }
}

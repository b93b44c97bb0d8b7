package io.patchbay.model.workspace;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A site's refused signed status reports: counted in a row, each an event, cleared by an accepted report. */
@OnEachDatabase
class ReportRefusalsTest extends WorkspaceTestSupport {
    private static final Instant START = Instant.parse("2026-12-02T23:10:00Z");

    ReportRefusalsTest() {
        super(START);
    }

    @BeforeEach
    void seed() {
        Fixtures.addSite(ws, "alpha");
        Fixtures.addSite(ws, "beta");
    }

    @Test
    void aRefusalIsRecordedWithItsTimeAndReasonAndCountedInARow() {
        ws.reportRefusals().refused("alpha", "report bundle status-report.bundle refused: changed", Fixtures.WORKER);
        clock.advance(Duration.ofMinutes(5));
        ws.reportRefusals().refused("alpha", "report bundle status-report.bundle refused: a replay", Fixtures.WORKER);

        assertEquals(Optional.of(new ReportRefusal(START.plus(Duration.ofMinutes(5)),
                "report bundle status-report.bundle refused: a replay", 2)), ws.reportRefusals().find("alpha"));
        assertEquals(Optional.empty(), ws.reportRefusals().find("beta"), "another site's reports are not touched");
    }

    @Test
    void eachRefusalIsAnEventOfTheSiteWithItsReason() {
        ws.reportRefusals().refused("alpha", "no signed status report: refused", Fixtures.WORKER);
        ws.reportRefusals().refused("alpha", "no signed status report: refused", Fixtures.WORKER);

        List<Event> events = ws.events().find(EventQuery.all().kind(EventKind.REPORT_REFUSED));
        assertEquals(2, events.size());
        for (Event e : events) {
            assertEquals("alpha", e.subject());
            assertEquals(Fixtures.WORKER, e.actor());
            assertEquals("no signed status report: refused", e.detail());
        }
    }

    @Test
    void anAcceptedReportClearsTheRefusalsAndTheNextRefusalCountsAfresh() {
        ws.reportRefusals().refused("alpha", "changed", Fixtures.WORKER);
        ws.reportRefusals().refused("beta", "forged", Fixtures.WORKER);
        ws.reportRefusals().refused("alpha", "changed", Fixtures.WORKER);

        ws.reportRefusals().accepted("alpha");
        assertEquals(Optional.empty(), ws.reportRefusals().find("alpha"));
        assertEquals(Map.of("beta", new ReportRefusal(START, "forged", 1)), ws.reportRefusals().all());

        ws.reportRefusals().refused("alpha", "replayed", Fixtures.WORKER);
        assertEquals(1, ws.reportRefusals().find("alpha").orElseThrow().times());
    }

    @Test
    void aRemovedSiteTakesItsRefusalWithIt() {
        ws.reportRefusals().refused("beta", "forged", Fixtures.WORKER);
        ws.sites().remove("beta", Fixtures.PERSON);
        assertEquals(Map.of(), ws.reportRefusals().all());
    }
}

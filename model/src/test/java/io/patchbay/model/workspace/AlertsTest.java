package io.patchbay.model.workspace;

import io.patchbay.model.report.InstallChance;
import io.patchbay.model.report.InstallationReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.rollout.FailureThreshold;
import io.patchbay.model.rollout.RingAdvance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dead-man watch and the rollout guard's alerts, on a real workspace with a clock the test moves. */
class AlertsTest {
    static final Duration GRACE = Duration.ofHours(2);
    static final Duration QUIET = Duration.ofHours(24);
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private Workspace ws;
    private Release release;

    @BeforeEach
    void open() {
        ws = Workspace.open(dir, clock);
        release = Fixtures.addRelease(ws, "12.10.11");
        ws.sites().add(Fixtures.site("alpha", "broad"), Fixtures.PERSON);
        ws.sites().add(Fixtures.site("bravo", "broad"), Fixtures.PERSON);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private void deliver(String site) {
        Delivery d = ws.deliveries().enqueue(release.id(), site, Fixtures.PERSON);
        ws.deliveries().claim(Fixtures.WORKER, 5, Duration.ofMinutes(1));
        ws.deliveries().markDelivered(d.id(), Fixtures.WORKER);
    }

    private void report(String site, PatchState state, InstallChance chance) {
        Instant t = clock.instant();
        List<InstallationReport> installs = state == PatchState.FAILED
                ? List.of(new InstallationReport(1, "automatic", t, t, state, "install", "hook failed")) : List.of();
        ws.reports().record(site, new PatchReport(StatusReports.SCHEMA, release.kitFile(), release.kitSha256(), "Spruce",
                "12.10.11", state, state.word(), t, t, null, List.of(), installs, null, chance), Fixtures.WORKER);
    }

    @Test
    void aDeliveredKitThatMissedItsChanceByMoreThanTheGraceRaisesOneAlertUntilItInstalls() {
        deliver("alpha");
        Instant chance = clock.instant().plus(Duration.ofHours(1));
        report("alpha", PatchState.WAITING, InstallChance.at(chance, "install-window", ZoneId.of("Europe/Paris")));
        assertEquals(List.of(), ws.alerts().watch(GRACE, QUIET, Fixtures.WORKER), "the chance has not come yet");

        clock.advance(Duration.ofHours(3).plusMinutes(1)); // chance + 2 h grace has passed
        report("alpha", PatchState.WAITING, InstallChance.at(chance, "install-window", ZoneId.of("Europe/Paris")));
        List<Alert> alerts = ws.alerts().watch(GRACE, QUIET, Fixtures.WORKER);
        assertEquals(1, alerts.size());
        assertEquals(AlertKind.MISSED_CHANCE, alerts.get(0).kind());
        assertEquals("Spruce 12.10.11 -> alpha", alerts.get(0).subject());
        assertTrue(alerts.get(0).message().startsWith("Spruce 12.10.11 -> alpha should have installed by " + chance),
                alerts.get(0).message());
        assertEquals(alerts, ws.alerts().watch(GRACE, QUIET, Fixtures.WORKER), "raised once");
        assertEquals(1, ws.events().find(EventQuery.all().kind(EventKind.ALERT_RAISED)).size());

        ws.alerts().markMailed(alerts.get(0).id());
        assertEquals(List.of(), ws.alerts().unmailed());
        report("alpha", PatchState.INSTALLED, null);
        assertEquals(List.of(), ws.alerts().watch(GRACE, QUIET, Fixtures.WORKER), "cleared once installed");
    }

    @Test
    void aSiteWhoseAgentHasNotReportedForTooLongRaisesAnAlert() {
        deliver("alpha");
        deliver("bravo");
        report("alpha", PatchState.WAITING, null);
        clock.advance(Duration.ofHours(20));
        report("bravo", PatchState.WAITING, null);
        clock.advance(Duration.ofHours(5));
        List<Alert> alerts = ws.alerts().watch(GRACE, QUIET, Fixtures.WORKER);
        assertEquals(List.of("alpha"), alerts.stream().map(Alert::subject).toList());
        assertEquals(AlertKind.SITE_QUIET, alerts.get(0).kind());
        assertTrue(alerts.get(0).message().startsWith("the agent of alpha has not reported since 2026-11-22T10:00:00Z"),
                alerts.get(0).message());
    }

    @Test
    void aRolloutThatPausesItselfRaisesAnAlertThatItsResumeClears() {
        Rollout r = ws.rollouts().startWith(release.id(), List.of("alpha", "bravo"), List.of(), null,
                FailureThreshold.parse("1"), RingAdvance.QUOTA_ONLY, Fixtures.PERSON).rollout();
        report("alpha", PatchState.FAILED, null);
        List<Alert> alerts = ws.alerts().open();
        assertEquals(1, alerts.size());
        assertEquals(AlertKind.ROLLOUT_PAUSED, alerts.get(0).kind());
        assertEquals("rollout " + r.id() + " of Spruce 12.10.11 paused itself: 1 site failed or rolled back (threshold 1); "
                + "resume it with `patchbay rollout resume " + r.id() + "`", alerts.get(0).message());
        ws.rollouts().resume(r.id(), Fixtures.PERSON);
        assertEquals(List.of(), ws.alerts().open());
    }
}

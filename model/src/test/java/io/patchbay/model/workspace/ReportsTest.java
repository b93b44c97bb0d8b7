package io.patchbay.model.workspace;

import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.report.CheckOutcome;
import io.patchbay.model.report.CheckRow;
import io.patchbay.model.report.InstallationReport;
import io.patchbay.model.report.InstallChance;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@OnEachDatabase
class ReportsTest extends WorkspaceTestSupport {
    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    private Release release;

    @BeforeEach
    void seed() {
        release = Fixtures.addRelease(ws, "12.10.11");
        Fixtures.addSite(ws, "alpha");
        Delivery d = ws.deliveries().enqueue(release.id(), "alpha", Fixtures.PERSON);
        ws.deliveries().claim(Fixtures.WORKER, 1, Duration.ofMinutes(1));
        ws.deliveries().markDelivered(d.id(), Fixtures.WORKER);
    }

    @Test
    void aReportFillsThePatchItsInstallationsAndChecks() {
        PatchReport report = report(PatchState.INSTALLED, null,
                List.of(new CheckRow("install-window", CheckOutcome.PASS, "inside 22:00-07:00", T)),
                List.of(new InstallationReport(1, "automatic", T, T.plusSeconds(40), PatchState.INSTALLED, "commit",
                        null)));
        assertTrue(ws.reports().record("alpha", report, Fixtures.WORKER));

        assertEquals(PatchState.INSTALLED, ws.reports().patch("alpha", release.id()).orElseThrow().state());
        List<Installation> installs = ws.reports().installations("alpha", release.id());
        assertEquals(1, installs.size());
        assertEquals(T.plusSeconds(40), installs.get(0).finishedAt());
        assertEquals(List.of(new CheckResult(installs.get(0).siteId(), release.id(), "install-window",
                CheckOutcome.PASS, "inside 22:00-07:00", T)), ws.reports().checks("alpha", release.id()));
        assertEquals("installed", ws.matrix().cells().get(0).word());
    }

    @Test
    void readingTheSameReportAgainChangesNothingAndLogsNothing() {
        PatchReport waiting = report(PatchState.WAITING, "outside the install window 22:00-07:00",
                List.of(new CheckRow("install-window", CheckOutcome.WAIT, "outside the install window", T)), List.of());
        ws.reports().record("alpha", waiting, Fixtures.WORKER);
        ws.reports().record("alpha", waiting, Fixtures.WORKER);
        assertEquals(1, ws.events().find(EventQuery.all().kind(EventKind.PATCH_REPORTED)).size());
        assertEquals(1, ws.reports().checks("alpha", release.id()).size());
        MatrixCell cell = ws.matrix().cells().get(0);
        assertEquals("waiting", cell.word());
        assertEquals("outside the install window 22:00-07:00", cell.reason());
    }

    @Test
    void aWaitingPatchsNextInstallChanceReachesTheMatrixAndLeavesWhenItInstalls() {
        InstallChance chance = InstallChance.at(Instant.parse("2026-11-19T21:00:00Z"), "wait-days", ZoneId.of("Europe/Paris"));
        PatchReport r = report(PatchState.WAITING, "released Monday with 3 wait days", List.of(), List.of());
        ws.reports().record("alpha", new PatchReport(r.schema(), r.kit(), r.kitSha256(), r.product(), r.version(),
                r.state(), r.reason(), r.receivedAt(), r.updatedAt(), null, r.checks(), r.installations(), null, chance),
                Fixtures.WORKER);
        assertEquals(chance, ws.matrix().cells().get(0).nextChance());

        ws.reports().record("alpha", report(PatchState.INSTALLED, null, List.of(), List.of()), Fixtures.WORKER);
        assertNull(ws.matrix().cells().get(0).nextChance());
    }

    @Test
    void aRefusedKitMarksItsDeliveryRejected() {
        ws.reports().record("alpha", report(PatchState.REJECTED, "signature by an untrusted key", List.of(),
                List.of()), Fixtures.WORKER);
        Delivery d = ws.deliveries().find(release.id(), "alpha").orElseThrow();
        assertEquals(DeliveryState.REJECTED, d.state());
        assertEquals("signature by an untrusted key", d.lastError());
        assertEquals("rejected", ws.matrix().cells().get(0).word());
    }

    @Test
    void aSiteFailureIsNotARefusalTheDeliveryStaysDeliveredAndTheCellSaysWhatFailed() {
        String why = "site disk full while reading and extracting the kit (No space left on device); the kit stays "
                + "in the inbox and is tried again";
        ws.reports().record("alpha", report(PatchState.SITE_FAILURE, why, List.of(), List.of()), Fixtures.WORKER);

        assertEquals(DeliveryState.DELIVERED, ws.deliveries().find(release.id(), "alpha").orElseThrow().state());
        MatrixCell cell = ws.matrix().cells().get(0);
        assertEquals(MatrixState.RETRYING, cell.state(), "not final: the site tries again");
        assertEquals(why, cell.reason(), "the reason says what failed on the site");

        ws.reports().record("alpha", report(PatchState.RECEIVED, "received and verified", List.of(), List.of()),
                Fixtures.WORKER);
        assertEquals(MatrixState.DELIVERED, ws.matrix().cells().get(0).state(), "the agent's retry took it");
    }

    @Test
    void aReportOfAKitThisWorkspaceNeverHadIsIgnored() {
        PatchReport stranger = new PatchReport(StatusReports.SCHEMA, "Other-1.0.kit", "00", null, null,
                PatchState.REJECTED, "unknown", T, T, null, List.of(), List.of());
        assertFalse(ws.reports().record("alpha", stranger, Fixtures.WORKER));
    }

    private PatchReport report(PatchState state, String reason, List<CheckRow> checks,
                               List<InstallationReport> installs) {
        return new PatchReport(StatusReports.SCHEMA, release.kitFile(), release.kitSha256(), "Spruce", "12.10.11",
                state, reason, T, T.plusSeconds(60), null, checks, installs);
    }
}

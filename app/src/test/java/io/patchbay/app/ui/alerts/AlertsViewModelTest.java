package io.patchbay.app.ui.alerts;

import io.patchbay.app.ui.workspace.TestWorkspaces;
import io.patchbay.model.report.InstallationReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.rollout.FailureThreshold;
import io.patchbay.model.rollout.RingAdvance;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The status bar's alerts over a real workspace, followed by the real poller, without a Stage. */
class AlertsViewModelTest {
    static final Instant T = Instant.parse("2026-11-20T09:00:00Z");
    @TempDir
    Path dir;
    private Workspace ws;
    private Release release;
    /** Stands in for the FX thread: the view model is touched only here. */
    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private final AlertsViewModel alerts = new AlertsViewModel(ZoneId.of("Europe/Paris"));

    @BeforeEach
    void open() {
        ws = Workspace.open(dir);
        release = TestWorkspaces.addRelease(ws, "Spruce", "12.10.12", T);
        TestWorkspaces.addSite(ws, "acme", "pilot");
        TestWorkspaces.addSite(ws, "bolt", "pilot");
        // A rollout that pauses itself, with an alert, at the first failed site.
        ws.rollouts().startWith(release.id(), List.of("acme", "bolt"), List.of(), null, FailureThreshold.parse("1"),
                RingAdvance.QUOTA_ONLY, TestWorkspaces.PERSON);
    }

    @AfterEach
    void close() {
        alerts.close();
        ui.shutdownNow();
        ws.close();
    }

    private void acmeFails() {
        ws.reports().record("acme", new PatchReport(StatusReports.SCHEMA, release.kitFile(), release.kitSha256(),
                "Spruce", "12.10.12", PatchState.FAILED, "restore failed", T, T, null, List.of(),
                List.of(new InstallationReport(1, "automatic", T, T, PatchState.FAILED, "install", "restore failed"))),
                TestWorkspaces.WORKER);
    }

    private <V> V onUi(Callable<V> read) throws Exception {
        return ui.submit(read).get();
    }

    @Test
    void anAlertRaisedInTheWorkspaceAppearsOnTheNextPassWithoutRefresh() throws Exception {
        alerts.follow(ws.alerts()::open, ui, Duration.ofMillis(100));
        Thread.sleep(300); // a few passes over a workspace with no alert: the badge stays hidden
        assertEquals("", onUi(() -> alerts.badgeProperty().get()));
        assertEquals(List.of(), onUi(() -> List.copyOf(alerts.lines())));

        acmeFails(); // the worker records the failed report: the rollout pauses itself and raises an alert

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (onUi(() -> alerts.badgeProperty().get()).isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("the alert did not show within 30 s");
            }
            Thread.sleep(50);
        }
        assertEquals("1 open alert", onUi(() -> alerts.badgeProperty().get()));
        List<String> lines = onUi(() -> List.copyOf(alerts.lines()));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("rollout-paused: rollout 1 of Spruce 12.10.12 paused itself: 1 site failed"),
                lines.get(0));
        assertTrue(lines.get(0).matches(".*\\(raised \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} CES?T\\)$"),
                "the raised time carries the viewer's zone: " + lines.get(0));
    }

    @Test
    void aPassThatFindsNothingNewTellsNobodyAndAClearedAlertGoes() throws Exception {
        List<Runnable> handedToUi = new java.util.ArrayList<>();
        alerts.follow(ws.alerts()::open, handedToUi::add, Duration.ofHours(1)); // passes run by hand below
        alerts.pollOnce(handedToUi::add);
        assertEquals(List.of(), handedToUi, "no alert, nothing changed");

        acmeFails();
        alerts.pollOnce(handedToUi::add);
        alerts.pollOnce(handedToUi::add);
        assertEquals(1, handedToUi.size(), "the same alerts twice are shown once");
        handedToUi.remove(0).run();
        assertEquals("1 open alert", alerts.badgeProperty().get());

        ws.rollouts().resume(1, TestWorkspaces.PERSON); // resuming clears the rollout's alert
        alerts.pollOnce(handedToUi::add);
        assertEquals(1, handedToUi.size());
        handedToUi.remove(0).run();
        assertEquals("", alerts.badgeProperty().get(), "no open alert: the badge hides");
        assertEquals(List.of(), alerts.lines());
    }
}

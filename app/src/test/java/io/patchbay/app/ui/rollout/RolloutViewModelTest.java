package io.patchbay.app.ui.rollout;

import io.patchbay.app.ui.RecordingDialogService;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.CurrentThreadTaskExecutor;
import io.patchbay.app.ui.workspace.TestWorkspaces;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.RolloutState;
import io.patchbay.model.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RolloutViewModelTest {
    @TempDir
    Path dir;
    private Workspace ws;
    private Release release;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private RolloutViewModel model;

    @BeforeEach
    void open() {
        ws = Workspace.open(dir);
        release = TestWorkspaces.addRelease(ws, "Spruce", "12.10.11", Instant.parse("2026-11-20T09:00:00Z"));
        TestWorkspaces.addSite(ws, "alpha", "broad");
        TestWorkspaces.addSite(ws, "beta", "broad");
        TestWorkspaces.addSite(ws, "lab", "pilot");
        model = new RolloutViewModel(new WorkspaceSession(ws, "alice"), new CurrentThreadTaskExecutor(), dialogs,
                () -> { });
        model.refresh();
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void startsARolloutToARingWithAQuotaAndShowsTheQueuedTotals() {
        assertEquals("pilot, broad", model.ringOrderProperty().get());
        model.toggleRing("broad");
        model.quotaFirstDayProperty().set("1");
        model.quotaGrowthProperty().set("2");

        assertTrue(model.start(), model.formErrorProperty().get());

        var rollout = ws.rollouts().list().get(0);
        assertEquals(List.of("pilot", "broad"), rollout.ringOrder());
        assertEquals(1, rollout.quota().firstDay());
        assertEquals(List.of("alpha", "beta"), ws.rollouts().targets(rollout.id()).stream().map(t -> t.siteName()).toList());
        assertEquals(List.of(new StateTotal(MatrixState.QUEUED, 2)), model.totals());
        assertTrue(model.canPause());
    }

    @Test
    void pauseAndResumeChangeTheRolloutsState() {
        model.selectAllSites(true);
        model.start();

        model.pause();
        assertEquals(RolloutState.PAUSED, ws.rollouts().list().get(0).state());
        assertTrue(model.canResume());
        assertEquals(List.of(new StateTotal(MatrixState.HELD, 3)), model.totals());

        model.resume();
        assertEquals(RolloutState.RUNNING, ws.rollouts().list().get(0).state());
    }

    @Test
    void withoutTargetsOrWithABadQuotaNothingStarts() {
        assertFalse(model.start());
        assertEquals("choose at least one site (or a whole ring)", model.formErrorProperty().get());

        model.selectAllSites(true);
        model.quotaFirstDayProperty().set("five");
        assertFalse(model.start());
        assertTrue(model.formErrorProperty().get().startsWith("daily quota:"));
        assertTrue(ws.rollouts().list().isEmpty());
    }

    @Test
    void theChartCountsDeliveredSitesOverTime() {
        model.selectAllSites(true);
        model.start();
        for (int i = 0; i < 2; i++) {
            Delivery d = ws.deliveries().claim(TestWorkspaces.WORKER, 1, Duration.ofMinutes(1)).get(0);
            ws.deliveries().markDelivered(d.id(), TestWorkspaces.WORKER);
        }

        model.refreshRelease();

        assertEquals(2, model.progress().size());
        assertEquals(2, model.progress().get(1).delivered());
        assertEquals(0, model.progress().get(1).installed());
    }

    @Test
    void aChangeToTheChosenReleasesCellsReadsItAgainAndAChangeToAnotherDoesNot() {
        model.selectAllSites(true);
        model.start();
        Delivery d = ws.deliveries().claim(TestWorkspaces.WORKER, 1, Duration.ofMinutes(1)).get(0);
        ws.deliveries().markDelivered(d.id(), TestWorkspaces.WORKER);

        model.cellsChanged(java.util.Set.of(release.id() + 1000));
        assertEquals(List.of(new StateTotal(MatrixState.QUEUED, 3)), model.totals(), "another release's change");

        model.cellsChanged(java.util.Set.of(release.id()));
        assertEquals(List.of(new StateTotal(MatrixState.QUEUED, 2), new StateTotal(MatrixState.DELIVERED, 1)),
                model.totals());
        assertEquals(1, model.progress().size());
        assertEquals(3, model.sitesInReleaseProperty().get(), "the chart's site axis is sized to the release's sites");
    }
}

package io.patchbay.app.ui.workspace;

import io.patchbay.app.ui.matrix.CellRef;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.matrix.MatrixChange;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkspaceMatrixSourceTest {
    private static final Instant T = Instant.parse("2026-11-20T09:00:00Z");
    @TempDir
    Path dir;
    private Workspace ws;
    private Release older;
    private Release newer;

    @BeforeEach
    void open() {
        ws = Workspace.open(dir);
        newer = TestWorkspaces.addRelease(ws, "Spruce", "12.10.12", T.plusSeconds(86_400));
        older = TestWorkspaces.addRelease(ws, "Spruce", "12.10.11", T);
        TestWorkspaces.addSite(ws, "zulu", "broad");
        TestWorkspaces.addSite(ws, "alpha", "broad");
        TestWorkspaces.addSite(ws, "lab", "pilot");
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void sitesAreGroupedByRingInRolloutOrderAndReleasesRunOldestToNewest() {
        WorkspaceMatrixSource source = WorkspaceMatrixSource.load(ws);

        assertEquals(List.of("pilot", "broad"), source.rings());
        assertEquals(List.of("lab", "alpha", "zulu"), source.sites().stream().map(s -> s.name()).toList());
        assertEquals(List.of("12.10.11", "12.10.12"), source.releases().stream().map(r -> r.version()).toList());
        assertEquals(MatrixState.NONE, source.state(0, 0));
    }

    @Test
    void pollingPublishesOnlyTheCellsThatChanged() {
        Delivery d = ws.deliveries().enqueue(older.id(), "alpha", TestWorkspaces.PERSON);
        WorkspaceMatrixSource source = WorkspaceMatrixSource.load(ws);
        assertEquals(MatrixState.QUEUED, source.state(1, 0));
        List<MatrixChange> changes = new ArrayList<>();
        source.subscribe(changes::add);

        assertEquals(0, source.poll(), "nothing changed");
        ws.deliveries().claim(TestWorkspaces.WORKER, 1, Duration.ofMinutes(1));
        assertEquals(1, source.poll());
        assertEquals(MatrixState.SENDING, source.state(1, 0));
        assertEquals(1, source.sendingNow());

        ws.deliveries().markDelivered(d.id(), TestWorkspaces.WORKER);
        source.poll();
        assertEquals(MatrixState.DELIVERED, source.state(1, 0));
        assertEquals(2, changes.size());
        assertEquals(1, changes.get(1).size());
        assertEquals(1, changes.get(1).site(0));
        assertEquals(0, changes.get(1).release(0));
    }

    @Test
    void theAgentsWordWinsOnceTheKitArrivedAndUpToDateShowsAsInstalled() {
        WorkspaceMatrixSource source = deliveredToAlpha();

        ws.reports().record("alpha", report(PatchState.RECEIVED), TestWorkspaces.WORKER);
        source.poll();
        assertEquals(MatrixState.DELIVERED, source.state(1, 0));
        ws.reports().record("alpha", report(PatchState.UP_TO_DATE), TestWorkspaces.WORKER);
        source.poll();
        assertEquals(MatrixState.INSTALLED, source.state(1, 0));
    }

    @Test
    void aKitTheSiteFailedToTakeShowsAsRetryingNotRejected() {
        WorkspaceMatrixSource source = deliveredToAlpha();

        ws.reports().record("alpha", report(PatchState.SITE_FAILURE), TestWorkspaces.WORKER);
        source.poll();
        assertEquals(MatrixState.RETRYING, source.state(1, 0), "the site retries by itself: not final");
    }

    @Test
    void holdCancelsTheDeliveryAndReleaseQueuesItAgain() {
        ws.deliveries().enqueue(newer.id(), "zulu", TestWorkspaces.PERSON);
        WorkspaceMatrixSource source = WorkspaceMatrixSource.load(ws);
        WorkspaceMatrixActions actions = new WorkspaceMatrixActions(ws, source, TestWorkspaces.PERSON);

        actions.hold(List.of(new CellRef(2, 1)));
        source.poll();
        assertEquals(MatrixState.HELD, source.state(2, 1));

        actions.releaseHold(List.of(new CellRef(2, 1)));
        source.poll();
        assertEquals(MatrixState.QUEUED, source.state(2, 1));
    }

    @Test
    void anActionOnACellWithoutDeliverySaysSoAndStillActsOnTheOthers() {
        ws.deliveries().enqueue(newer.id(), "zulu", TestWorkspaces.PERSON);
        WorkspaceMatrixSource source = WorkspaceMatrixSource.load(ws);
        WorkspaceMatrixActions actions = new WorkspaceMatrixActions(ws, source, TestWorkspaces.PERSON);

        PatchbayException e = assertThrows(PatchbayException.class,
                () -> actions.hold(List.of(new CellRef(0, 0), new CellRef(2, 1))));

        assertEquals("nothing to hold: Spruce 12.10.11 was never queued for lab", e.getMessage());
        source.poll();
        assertEquals(MatrixState.HELD, source.state(2, 1));
    }

    @Test
    void aPulledReleaseShowsPulledWhereItsKitHasNotArrived() {
        ws.deliveries().enqueue(older.id(), "lab", TestWorkspaces.PERSON);
        ws.releases().pull(older.id(), "bad migration", TestWorkspaces.PERSON);

        WorkspaceMatrixSource source = WorkspaceMatrixSource.load(ws);

        assertEquals(MatrixState.PULLED, source.state(0, 0));
        assertTrue(source.cell(0, 0).reason().contains("bad migration"));
    }

    /** The older release delivered to alpha, and the matrix over it. */
    private WorkspaceMatrixSource deliveredToAlpha() {
        Delivery d = ws.deliveries().enqueue(older.id(), "alpha", TestWorkspaces.PERSON);
        ws.deliveries().claim(TestWorkspaces.WORKER, 1, Duration.ofMinutes(1));
        ws.deliveries().markDelivered(d.id(), TestWorkspaces.WORKER);
        return WorkspaceMatrixSource.load(ws);
    }

    private PatchReport report(PatchState state) {
        return new PatchReport(StatusReports.SCHEMA, older.kitFile(), older.kitSha256(), "Spruce", "12.10.11",
                state, null, T, Instant.now(), null, List.of(), List.of());
    }
}

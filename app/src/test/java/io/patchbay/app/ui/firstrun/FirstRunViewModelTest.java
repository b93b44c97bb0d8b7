package io.patchbay.app.ui.firstrun;

import io.patchbay.app.demo.DemoSites;
import io.patchbay.app.ui.RecordingDialogService;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.CurrentThreadTaskExecutor;
import io.patchbay.app.ui.workspace.TestWorkspaces;
import io.patchbay.app.ui.workspace.WorkspaceMatrixSource;
import io.patchbay.model.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first-run model without a Stage: when the offer shows, and what a refused creation leaves. */
class FirstRunViewModelTest {
    @TempDir
    Path dir;
    private Workspace ws;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final AtomicInteger sitesChanged = new AtomicInteger();
    private FirstRunViewModel model;

    @BeforeEach
    void open() {
        ws = Workspace.open(dir.resolve("workspace"));
        model = new FirstRunViewModel(new WorkspaceSession(ws, "alice"), new CurrentThreadTaskExecutor(), dialogs,
                Runnable::run, sitesChanged::incrementAndGet);
    }

    @AfterEach
    void close() {
        model.close();
        ws.close();
    }

    @Test
    void onlyAWorkspaceWithoutSitesAndReleasesIsOfferedTheDemo() {
        try (WorkspaceMatrixSource empty = WorkspaceMatrixSource.load(ws)) {
            assertTrue(FirstRunViewModel.isEmpty(empty));
        }
        TestWorkspaces.addSite(ws, "alpha", "pilot");
        try (WorkspaceMatrixSource oneSite = WorkspaceMatrixSource.load(ws)) {
            assertFalse(FirstRunViewModel.isEmpty(oneSite));
        }
    }

    @Test
    void aWorkspaceThatGotASiteMeanwhileIsRefusedWithTheReasonAndNothingRuns() {
        TestWorkspaces.addSite(ws, "alpha", "pilot"); // e.g. `patchbay site add` in a terminal after the offer showed

        model.createDemo();

        assertTrue(model.errorProperty().get().contains("demo sites go only into an empty workspace"),
                model.errorProperty().get());
        assertEquals(1, dialogs.errors.size());
        assertFalse(model.busyProperty().get(), "the button is usable again");
        assertNull(model.demoProperty().get());
        assertEquals(0, sitesChanged.get());
        assertEquals(Optional.empty(), model.workerLine(0), "no worker runs in the client");
        assertFalse(Files.exists(DemoSites.folder(ws.dir())), "nothing written");
    }

    @Test
    void aWorkspaceThatIsNoDemoStartsNothingWhenOpened() {
        model.resumeIfDemo();

        assertNull(model.demoProperty().get());
        assertEquals(Optional.empty(), model.workerLine(3));
        assertEquals(Optional.empty(), model.suggestedSource(), "the wizard starts as usual");
        assertEquals(0, dialogs.errors.size());
    }
}

package io.patchbay.app.ui.desktop;

import io.patchbay.app.ui.RecordingDialogService;
import io.patchbay.app.ui.task.CurrentThreadTaskExecutor;
import io.patchbay.model.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkspaceMenuModelTest {
    @TempDir
    Path dir;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final List<Path> switched = new ArrayList<>();

    private WorkspaceMenuModel model(Path current) {
        return new WorkspaceMenuModel(new RecentWorkspaces(dir.resolve("config")), dialogs, new CurrentThreadTaskExecutor(),
                current, switched::add);
    }

    @Test
    void openingAWorkspaceSwitchesToItAndPutsItFirstInTheRecentList() throws Exception {
        Path a = workspace("a");
        Path b = workspace("b");
        WorkspaceMenuModel model = model(a);
        model.currentOpened();
        dialogs.fileAnswers.add(b);

        model.openWorkspace();

        assertEquals(List.of(b), switched);
        assertEquals(List.of(b, a), model.recent());
        assertEquals(List.of(b, a), new RecentWorkspaces(dir.resolve("config")).read());
        assertEquals(List.of(), dialogs.errors);
    }

    @Test
    void aFolderThatIsNoWorkspaceIsRefusedInOneLineAndNothingSwitches() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        dialogs.fileAnswers.add(home);

        model(null).openWorkspace();

        assertEquals(List.of(), switched);
        assertEquals(List.of("Open workspace: " + home + " is not a Patchbay workspace (it has no patchbay.mv.db); "
                + "choose New workspace to make one there"), dialogs.errors);
        assertEquals(List.of(), new RecentWorkspaces(dir.resolve("config")).read(), "a refused folder is not remembered");
    }

    @Test
    void aNewWorkspaceGoesIntoAnEmptyOrNewFolderOnly() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("notes.txt"), "mine");
        WorkspaceMenuModel model = model(null);

        dialogs.fileAnswers.add(full);
        model.newWorkspace();
        dialogs.fileAnswers.add(empty);
        model.newWorkspace();

        assertEquals(List.of("New workspace: " + full + " is not empty: a new workspace needs an empty or new folder"),
                dialogs.errors);
        assertEquals(List.of(empty), switched);
        assertEquals("mine", Files.readString(full.resolve("notes.txt")), "nothing written into the refused folder");
    }

    @Test
    void newOnAnExistingWorkspaceSaysToOpenIt() throws Exception {
        Path a = workspace("a");
        dialogs.fileAnswers.add(a);

        model(null).newWorkspace();

        assertEquals(List.of("New workspace: " + a + " already is a workspace; choose Open workspace to open it"), dialogs.errors);
        assertEquals(List.of(), switched);
    }

    @Test
    void aRecentWorkspaceThatWasRemovedIsRefusedWhenChosen() {
        Path gone = dir.resolve("gone");

        model(null).openRecent(gone);

        assertEquals(List.of("Open workspace: no such folder: " + gone), dialogs.errors);
        assertEquals(List.of(), switched);
    }

    @Test
    void cancellingTheChooserDoesNothing() {
        model(null).openWorkspace();
        assertEquals(List.of(), switched);
        assertEquals(List.of(), dialogs.errors);
    }

    private Path workspace(String name) {
        Path ws = dir.resolve(name);
        Workspace.open(ws).close();
        return ws;
    }
}

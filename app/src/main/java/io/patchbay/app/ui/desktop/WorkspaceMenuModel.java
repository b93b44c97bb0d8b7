package io.patchbay.app.ui.desktop;

import io.patchbay.app.ui.DialogService;
import io.patchbay.app.ui.task.BackgroundTask;
import io.patchbay.app.ui.task.TaskExecutor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * File > New workspace, Open workspace and Open recent. Checks the chosen folder and records it in the recent list
 * off the FX thread, then hands it to the switcher, which closes the open workspace and opens this one in the same
 * window. A refused folder is shown as an error and nothing switches.
 */
public final class WorkspaceMenuModel {
    private final RecentWorkspaces recentFile;
    private final DialogService dialogs;
    private final TaskExecutor tasks;
    private final Consumer<Path> switcher;
    private final Path current;

    // ---- Properties
    private final ObservableList<Path> recent = FXCollections.observableArrayList();

    /**
     * @param current  the workspace open now (choosers start beside it), or null
     * @param switcher called on the FX thread with the checked folder
     */
    public WorkspaceMenuModel(RecentWorkspaces recentFile, DialogService dialogs, TaskExecutor tasks, Path current,
                              Consumer<Path> switcher) {
        this.recentFile = Objects.requireNonNull(recentFile);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.tasks = Objects.requireNonNull(tasks);
        this.current = current;
        this.switcher = Objects.requireNonNull(switcher);
    }

    /** The workspaces opened lately, newest first; filled by {@link #load()}. */
    public ObservableList<Path> recent() {
        return FXCollections.unmodifiableObservableList(recent);
    }

    // ---- Commands

    /** Reads the recent list. */
    public void load() {
        BackgroundTask.of("Read the recent workspaces", ctx -> recentFile.read())
                .onSuccess(recent::setAll)
                .onFailure(f -> dialogs.notify("Cannot read the recent workspaces: " + f.getMessage()))
                .executeWith(tasks);
    }

    /** The current workspace opened: it goes first in the recent list (also when opened by {@code --workspace}). */
    public void currentOpened() {
        if (current == null) {
            return;
        }
        BackgroundTask.of("Remember the workspace", ctx -> recentFile.add(current))
                .onSuccess(recent::setAll)
                .onFailure(f -> dialogs.notify("Cannot write the recent workspaces: " + f.getMessage()))
                .executeWith(tasks);
    }

    public void newWorkspace() {
        dialogs.chooseFolder("New workspace: choose an empty folder", startFolder())
                .ifPresent(folder -> switchTo("New workspace", folder, true));
    }

    public void openWorkspace() {
        dialogs.chooseFolder("Open workspace", startFolder())
                .ifPresent(folder -> switchTo("Open workspace", folder, false));
    }

    public void openRecent(Path folder) {
        switchTo("Open workspace", folder, false);
    }

    private void switchTo(String title, Path folder, boolean fresh) {
        BackgroundTask.of(title + " " + folder, ctx -> {
                    Path checked = fresh ? WorkspaceFolders.fresh(folder) : WorkspaceFolders.existing(folder);
                    return remember(checked);
                })
                .onSuccess(opened -> {
                    if (opened.recent() != null) {
                        recent.setAll(opened.recent());
                    }
                    switcher.accept(opened.folder());
                })
                .onFailure(f -> dialogs.showError(title, f))
                .executeWith(tasks);
    }

    private Remembered remember(Path folder) {
        try {
            return new Remembered(folder, recentFile.add(folder));
        } catch (IOException e) {
            // The list is a convenience: a config folder that cannot be written must not stop the switch.
            return new Remembered(folder, null);
        }
    }

    private Path startFolder() {
        return current == null ? null : current.getParent();
    }

    /** @param recent the new list, or null when it could not be written */
    private record Remembered(Path folder, List<Path> recent) {
    }
}

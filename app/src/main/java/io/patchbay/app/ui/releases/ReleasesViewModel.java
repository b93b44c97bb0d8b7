package io.patchbay.app.ui.releases;

import io.patchbay.app.ui.DialogService;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.BackgroundTask;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.KitImport;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The releases table and its commands: add a kit (verified against a trusted key the user picks, then
 * recorded by {@link KitImport}, as {@code patchbay release add} does) and pull a release (with a reason).
 */
public final class ReleasesViewModel {
    private final WorkspaceSession session;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final ZoneId zone;
    private final Runnable releasesChanged;
    private final ObservableList<ReleaseRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<ReleaseRow> selected = new SimpleObjectProperty<>(this, "selected");
    /** The public key used last; asked once per session unless the user picks another. */
    private final ObjectProperty<Path> trustedKey = new SimpleObjectProperty<>(this, "trustedKey");

    public ReleasesViewModel(WorkspaceSession session, TaskExecutor tasks, DialogService dialogs, ZoneId zone,
                             Runnable releasesChanged) {
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.zone = zone;
        this.releasesChanged = releasesChanged;
    }

    public ObservableList<ReleaseRow> rows() {
        return rows;
    }

    public ObjectProperty<ReleaseRow> selectedProperty() {
        return selected;
    }

    public ObjectProperty<Path> trustedKeyProperty() {
        return trustedKey;
    }

    public WorkspaceSession session() {
        return session;
    }

    public void refresh() {
        BackgroundTask.of("Read releases", ctx -> session.workspace().releases().list())
                .onSuccess(this::show)
                .onFailure(f -> dialogs.showError("Read releases", f))
                .executeWith(tasks);
    }

    private void show(List<Release> releases) {
        Long keep = selected.get() == null ? null : selected.get().release().id();
        rows.setAll(releases.stream().map(r -> ReleaseRow.of(r, zone)).toList());
        selected.set(rows.stream().filter(r -> keep != null && r.release().id() == keep).findFirst().orElse(null));
    }

    /** Asks for a kit file and the key it must be signed with, then verifies and records it. */
    public void addKit() {
        Optional<Path> kit = dialogs.chooseFile("Add kit: choose the kit file", session.workspace().dir());
        if (kit.isEmpty()) {
            return;
        }
        Optional<Path> key = dialogs.chooseFile("Add kit: choose the trusted public key (signing.pub)",
                trustedKey.get() == null ? null : trustedKey.get().getParent());
        if (key.isEmpty()) {
            return;
        }
        addKit(kit.get(), key.get());
    }

    /** Verifies the kit against the public key file and records it (off the FX thread). */
    public void addKit(Path kit, Path publicKeyFile) {
        trustedKey.set(publicKeyFile);
        BackgroundTask.of("Add kit " + kit.getFileName(), ctx -> {
                    ctx.updateMessage("verifying " + kit.getFileName());
                    return KitImport.add(session.workspace(), kit,
                            List.of(SigningKeys.readPublic(publicKeyFile)), session.person()).release();
                })
                .onSuccess(release -> {
                    dialogs.notify("Added " + release.title() + " (signed by " + release.signerFingerprint() + ")");
                    releasesChanged.run();
                    refresh();
                })
                .onFailure(f -> dialogs.showError("Add kit", f))
                .executeWith(tasks);
    }

    /** Pulls the selected release after asking why and for the signing key (see {@link PullRelease}). */
    public void pullSelected() {
        ReleaseRow row = selected.get();
        if (row == null) {
            dialogs.showError("Pull release", "Choose the release to pull first.");
            return;
        }
        PullRelease.ask(row.release(), session, dialogs, tasks, r -> {
            releasesChanged.run();
            refresh();
        });
    }
}

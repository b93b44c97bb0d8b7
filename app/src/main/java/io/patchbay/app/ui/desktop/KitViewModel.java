package io.patchbay.app.ui.desktop;

import io.patchbay.app.ui.DialogService;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.BackgroundTask;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.model.kit.KitInfo;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.workspace.KitImport;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A .kit opened from the file manager ({@code patchbay gui FILE.kit}): what the kit says it is (its manifest), who
 * signed it and whether the open workspace trusts that signer; "Add to workspace" adds it as {@code release add}
 * does, verifying every byte. Reading the kit and the workspace happens off the FX thread.
 */
public final class KitViewModel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH);

    private final Path kit;
    private final WorkspaceSession session;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final Runnable releasesChanged;

    // ---- Properties
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyObjectWrapper<Map<String, String>> rows = new ReadOnlyObjectWrapper<>(this, "rows", Map.of());
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private final ReadOnlyBooleanWrapper canAdd = new ReadOnlyBooleanWrapper(this, "canAdd", false);

    /** @param releasesChanged called on the FX thread after the kit was added (the screens reload) */
    public KitViewModel(Path kit, WorkspaceSession session, TaskExecutor tasks, DialogService dialogs,
                        Runnable releasesChanged) {
        this.kit = kit.toAbsolutePath().normalize();
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.releasesChanged = releasesChanged;
        title.set(this.kit.getFileName().toString());
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Label to value, in the order shown. */
    public ReadOnlyObjectProperty<Map<String, String>> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    /** What became of the kit: read, refused (why), added. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canAddProperty() {
        return canAdd.getReadOnlyProperty();
    }

    // ---- Commands

    public void load() {
        outcome.set("Reading " + kit + "...");
        BackgroundTask.of("Read kit " + kit.getFileName(), ctx -> {
                    KitInfo info = KitInfo.inspect(kit);
                    return new Described(info, KitTrust.of(info.signerFingerprint(), session.workspace().trustedSigners().keys()));
                })
                .onSuccess(d -> {
                    title.set(d.info().manifest().title());
                    rows.set(rows(d.info(), d.trust()));
                    canAdd.set(d.trust() != KitTrust.NOT_TRUSTED && d.info().signerFingerprint() != null);
                    outcome.set("Not added yet. Adding verifies the signature and every entry, as `patchbay release add` does.");
                })
                .onFailure(f -> {
                    canAdd.set(false);
                    outcome.set("Cannot read " + kit + ": " + f.getMessage());
                })
                .executeWith(tasks);
    }

    public void addToWorkspace() {
        canAdd.set(false);
        BackgroundTask.of("Add " + kit.getFileName() + " to the workspace",
                        ctx -> KitImport.add(session.workspace(), kit, List.of(), session.person()))
                .onSuccess(r -> {
                    outcome.set((r.alreadyPresent() ? "Already in the workspace (identical kit): " : "Added to the workspace: ")
                            + r.release().product() + " " + r.release().version()
                            + (r.newlyTrustedSigner() == null ? "" : "; now trusting signer " + r.newlyTrustedSigner()));
                    releasesChanged.run();
                })
                .onFailure(f -> {
                    outcome.set("Refused: " + f.getMessage());
                    dialogs.showError("Add to workspace", f);
                })
                .executeWith(tasks);
    }

    static Map<String, String> rows(KitInfo info, KitTrust trust) {
        Manifest m = info.manifest();
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Product", m.product());
        rows.put("Version", m.version().toString());
        rows.put("Upgrades from", m.requires() + " or later");
        rows.put("Channel", m.channel().word());
        rows.put("Installs", m.automatic() ? "automatically where the site's policy allows" : "only when an operator says so");
        rows.put("Major upgrade", m.major() ? "yes" : "no");
        rows.put("Released", WHEN.format(m.released().atOffset(ZoneOffset.UTC)));
        rows.put("Backs up data", m.backupData() ? "yes" : "no");
        rows.put("Removes", m.remove().isEmpty() ? "nothing" : String.join(", ", m.remove()));
        rows.put("Size", info.fileSize() + " bytes, " + info.entries() + " entries");
        rows.put("SHA-256", info.sha256());
        rows.put("Signer", info.signerFingerprint() == null ? "none (the kit is unsigned and will be refused)"
                : info.signerFingerprint());
        rows.put("Trust", trust.words());
        return rows;
    }

    private record Described(KitInfo info, KitTrust trust) {
    }
}

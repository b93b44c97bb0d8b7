package io.patchbay.app.ui.sites;

import io.patchbay.app.backup.StateVerification;
import io.patchbay.app.ui.Times;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.BackgroundTask;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.app.ui.task.TaskHandle;
import io.patchbay.model.backup.StateDifferences;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;
import io.patchbay.transport.Cancellation;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * The selected site's detail: which release it reports installed, and "Verify installed state", which brings the
 * site's post-install backup of that release back in the background (progress, Cancel) and checks every file
 * against the kit's signed checksums ({@link StateVerification}, the code {@code site fetch-backup} runs). It
 * shows "verified N files" or each file that differs, and when it was checked, in the workstation's zone.
 */
public final class InstalledStateViewModel {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    /** What the last check said: none yet, as released, differs, or could not check. */
    public enum Outcome { NONE, VERIFIED, DIFFERS, FAILED }

    private final WorkspaceSession session;
    private final TaskExecutor tasks;
    private final Executor ui;
    private final Clock clock;
    private final StateVerification verification;
    private final ObjectProperty<Site> site = new SimpleObjectProperty<>(this, "site");
    private final ObjectProperty<Release> installed = new SimpleObjectProperty<>(this, "installed");
    private final StringProperty title = new SimpleStringProperty(this, "title", "No site selected");
    private final StringProperty installedText = new SimpleStringProperty(this, "installedText", "");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final BooleanProperty canVerify = new SimpleBooleanProperty(this, "canVerify");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    private final StringProperty progressText = new SimpleStringProperty(this, "progressText", "");
    private final ObjectProperty<Outcome> outcome = new SimpleObjectProperty<>(this, "outcome", Outcome.NONE);
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final StringProperty checkedAt = new SimpleStringProperty(this, "checkedAt", "");
    private final ObservableList<String> differences = FXCollections.observableArrayList();
    private TaskHandle handle;
    private Cancellation cancellation;

    /**
     * @param ui    runs progress updates on the UI thread (Platform::runLater; tests may pass Runnable::run)
     * @param clock when a check happened, and the zone it is shown in
     */
    public InstalledStateViewModel(WorkspaceSession session, TaskExecutor tasks, Executor ui, Clock clock) {
        this.session = session;
        this.tasks = tasks;
        this.ui = ui;
        this.clock = clock;
        this.verification = new StateVerification(session.workspace(), clock);
        canVerify.bind(installed.isNotNull().and(running.not()));
    }

    /** Shows {@code site} (null: none): reads which release it reports installed, in the background. */
    public void show(Site shown) {
        if (shown != null && site.get() != null && shown.name().equals(site.get().name())) {
            site.set(shown); // the table read again: same site, its check (under way or done) stays
            return;
        }
        cancel();
        site.set(shown);
        installed.set(null);
        clearResult();
        if (shown == null) {
            title.set("No site selected");
            installedText.set("");
            return;
        }
        title.set("Site " + shown.name());
        installedText.set("Reading what " + shown.name() + " reports installed...");
        BackgroundTask.of("Read installed release of " + shown.name(), ctx -> verification.installedRelease(shown))
                .onSuccess(release -> {
                    if (site.get() != shown) {
                        return;
                    }
                    installed.set(release.orElse(null));
                    installedText.set(release.map(r -> "Installed: " + r.title())
                            .orElse("No installed release reported yet: nothing to verify"));
                })
                .onFailure(f -> installedText.set("Cannot read what " + shown.name() + " installed: " + f.getMessage()))
                .executeWith(tasks);
    }

    /** Fetches and checks the installed state of the shown site's installed release; Cancel stops it. */
    public void verify() {
        Site s = site.get();
        Release release = installed.get();
        if (s == null || release == null || running.get()) {
            return;
        }
        clearResult();
        running.set(true);
        progress.set(-1);
        progressText.set("Starting");
        Cancellation cancel = new Cancellation();
        cancellation = cancel;
        handle = BackgroundTask.of("Verify installed state of " + s.name(), ctx -> {
                    Path out = Files.createTempDirectory("patchbay-verified-")
                            .resolve(s.name() + "-" + release.version() + "-" + STAMP.format(clock.instant()
                                    .atZone(clock.getZone())));
                    return verification.run(s, release, out, cancel, (step, what) -> {
                        ctx.updateProgress(step, StateVerification.STEPS);
                        ctx.updateMessage(what);
                        ui.execute(() -> {
                            progress.set((double) step / StateVerification.STEPS);
                            progressText.set(what);
                        });
                    });
                })
                .onSuccess(this::showResult)
                .onFailure(f -> {
                    if (f instanceof Cancellation.CancelledException) {
                        cancelled();
                        return;
                    }
                    outcome.set(Outcome.FAILED);
                    summary.set("Could not verify: " + f.getMessage());
                })
                .onCancelled(this::cancelled)
                .onFinished(() -> {
                    running.set(false);
                    progress.set(outcome.get() == Outcome.FAILED || outcome.get() == Outcome.NONE ? 0 : 1);
                    progressText.set("");
                })
                .executeWith(tasks);
    }

    /** Stops a check under way; nothing is kept of it. */
    public void cancel() {
        if (cancellation != null) {
            cancellation.cancel();
        }
        if (handle != null && running.get()) {
            handle.cancel();
        }
    }

    private void cancelled() {
        outcome.set(Outcome.NONE);
        summary.set("Cancelled; nothing was kept");
    }

    private void showResult(StateVerification.Verified v) {
        StateDifferences d = v.differences();
        checkedAt.set("Checked " + Times.at(v.checkedAt(), clock.getZone()) + ", " + v.backup().describe()
                + ", state in " + v.dir());
        if (d.none()) {
            outcome.set(Outcome.VERIFIED);
            summary.set("Verified " + d.identical() + " file" + (d.identical() == 1 ? "" : "s")
                    + ": identical to the release's signed checksums");
        } else {
            outcome.set(Outcome.DIFFERS);
            summary.set("Differs from the release's signed checksums: " + d.identical() + " as released, "
                    + d.changed().size() + " changed, " + d.missing().size() + " missing, " + d.extra().size() + " extra");
            d.changed().forEach(p -> differences.add("changed  " + p));
            d.missing().forEach(p -> differences.add("missing  " + p));
            d.extra().forEach(p -> differences.add("extra    " + p));
        }
    }

    private void clearResult() {
        outcome.set(Outcome.NONE);
        summary.set("");
        checkedAt.set("");
        differences.clear();
        progress.set(0);
        progressText.set("");
    }

    public ObjectProperty<Site> siteProperty() {
        return site;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty installedTextProperty() {
        return installedText;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    public ReadOnlyBooleanProperty canVerifyProperty() {
        return canVerify;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty progressTextProperty() {
        return progressText;
    }

    public ObjectProperty<Outcome> outcomeProperty() {
        return outcome;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty checkedAtProperty() {
        return checkedAt;
    }

    /** One line per file that differs: its kind (changed, missing, extra) and its path in the state. */
    public ObservableList<String> differences() {
        return differences;
    }
}

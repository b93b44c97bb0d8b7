package io.patchbay.app.ui.firstrun;

import io.patchbay.app.demo.DemoSites;
import io.patchbay.app.ui.DialogService;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.BackgroundTask;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.model.matrix.MatrixSource;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The first run of a workspace: on an empty one, the offer to create demo sites on this machine; on a demo
 * workspace, its sites, agents and outbox worker started again in this client. The running demo belongs to
 * this model until {@link #close()}.
 */
public final class FirstRunViewModel {
    private final WorkspaceSession session;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final Executor ui;
    private final Runnable sitesChanged;
    private DemoSites running;
    private boolean closed;

    // ---- Properties
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanProperty starting = new SimpleBooleanProperty(this, "starting");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", -1);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final ReadOnlyObjectWrapper<DemoSites> demo = new ReadOnlyObjectWrapper<>(this, "demo");

    /**
     * @param ui           runs progress updates on the UI thread (Platform::runLater; tests pass Runnable::run)
     * @param sitesChanged called on the UI thread once demo sites exist (the matrix reads the workspace again)
     */
    public FirstRunViewModel(WorkspaceSession session, TaskExecutor tasks, DialogService dialogs, Executor ui,
                             Runnable sitesChanged) {
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.ui = ui;
        this.sitesChanged = sitesChanged;
    }

    /** True while demo sites are being created. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** Progress of the creation, 0..1 (-1 before the first step). */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** The step being done, e.g. "starting 4 agents and the outbox worker". */
    public StringProperty messageProperty() {
        return message;
    }

    /** Why the last try failed, or empty. */
    public StringProperty errorProperty() {
        return error;
    }

    /** The demo once it runs in this client (set on the UI thread); null before and after. */
    public ReadOnlyObjectProperty<DemoSites> demoProperty() {
        return demo.getReadOnlyProperty();
    }

    /** An empty workspace (no sites, no releases) is offered the demo. */
    public static boolean isEmpty(MatrixSource source) {
        return source.sites().isEmpty() && source.releases().isEmpty();
    }

    // ---- Commands

    /** Creates and starts the demo sites in the background; the FX thread never waits for it. */
    public void createDemo() {
        if (busy.get() || running() != null) {
            return;
        }
        busy.set(true);
        error.set("");
        progress.set(-1);
        message.set("Starting...");
        BackgroundTask.of("Create demo sites", ctx -> adopt(DemoSites.create(session.workspace(), session.person(),
                        (done, total, what) -> {
                            ctx.updateProgress(done, total);
                            ctx.updateMessage(what);
                            ui.execute(() -> {
                                progress.set((double) done / total);
                                message.set(what);
                            });
                        })))
                .onSuccess(adopted -> {
                    if (adopted) {
                        demo.set(running());
                        dialogs.notify("Demo sites running; Spruce 1.0.0 is on its way to them");
                        sitesChanged.run();
                    }
                })
                .onFailure(f -> {
                    error.set(f.getMessage() == null ? f.toString() : f.getMessage());
                    dialogs.showError("Create demo sites", f);
                })
                .onFinished(() -> busy.set(false))
                .executeWith(tasks);
    }

    /** On a demo workspace, starts its server, agents and worker again; elsewhere does nothing. */
    public void resumeIfDemo() {
        starting.set(true);
        BackgroundTask.of("Start demo sites", ctx -> DemoSites.isDemo(session.workspace().dir())
                        && adopt(DemoSites.resume(session.workspace(), session.person(), (done, total, what) -> {
                            ctx.updateProgress(done, total);
                            ctx.updateMessage(what);
                        })))
                .onSuccess(resumed -> {
                    if (resumed) {
                        demo.set(running());
                        dialogs.notify("Demo sites running on 127.0.0.1:" + running().port());
                    }
                })
                .onFailure(f -> dialogs.showError("Start demo sites", f))
                .onFinished(() -> starting.set(false))
                .executeWith(tasks);
    }

    /**
     * The status bar's worker line while the demo runs here: its worker is this client's, and it sends
     * whatever this workspace's outbox holds. Empty when no worker runs in this client.
     */
    public Optional<String> workerLine(int sendingNow) {
        DemoSites demo = running();
        if (demo != null && demo.workerRunning()) {
            return Optional.of("Worker: running in this client for the demo sites; "
                    + (sendingNow > 0 ? "sending " + sendingNow + (sendingNow == 1 ? " kit" : " kits") + " now"
                    : "nothing to send now"));
        }
        if (starting.get() || busy.get()) {
            return Optional.of("Worker: starting in this client with the demo sites...");
        }
        return Optional.empty();
    }

    /** Where the wizard starts in a demo workspace: the next build tree, signed with the demo's key. */
    public Optional<Path> suggestedSource() {
        return Optional.ofNullable(running()).map(DemoSites::nextBuild);
    }

    public Optional<Path> suggestedSigningKey() {
        return Optional.ofNullable(running()).map(DemoSites::signingKey);
    }

    /** The running demo, or null. */
    public synchronized DemoSites running() {
        return running;
    }

    /** Stops the demo's worker, agents and server; a demo that finishes starting after this is stopped at once. */
    public void close() {
        DemoSites demo;
        synchronized (this) {
            closed = true;
            demo = running;
            running = null;
        }
        if (demo != null) {
            demo.close();
        }
        this.demo.set(null);
    }

    /** Takes a started demo, or stops it when the client closed meanwhile. Runs on the task's thread. */
    private boolean adopt(DemoSites demo) {
        synchronized (this) {
            if (!closed) {
                running = demo;
                return true;
            }
        }
        demo.close();
        return false;
    }
}

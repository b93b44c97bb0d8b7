package io.patchbay.app.ui.firstrun;

import io.patchbay.app.demo.DemoSites;
import io.patchbay.app.ui.DialogService;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.BackgroundTask;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.model.matrix.MatrixSource;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.policy.InstallMode;
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
import java.util.List;
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
    private final java.util.Set<String> announced = new java.util.HashSet<>();
    private boolean checking;

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

    /**
     * Where a demo release stands on the demo sites, once its rollout is through: every automatic site installed
     * it and the manual site waits for its operator.
     *
     * @param release    "Spruce 1.0.0"
     * @param installed  how many demo sites installed it
     * @param manualSite the site that waits for its operator
     */
    public record DemoArrival(String release, int installed, String manualSite) {
        /** The status line's words. */
        public String words() {
            return release + " installed on " + io.patchbay.app.ui.Words.count(installed, "demo site") + "; "
                    + manualSite + " waits for its operator: see the Site console";
        }
    }

    /**
     * The workspace's cells changed: when a demo release has reached every demo site (installed on the automatic
     * ones, waiting on the manual one) the status line says so, once per release, and {@code arrived} is told
     * (the client opens the Site console on the manual site). Reads the matrix off the FX thread.
     */
    public void cellsChanged(java.util.function.Consumer<DemoArrival> arrived) {
        DemoSites running = running();
        if (running == null || checking) {
            return;
        }
        checking = true;
        BackgroundTask.of("Follow the demo rollout", ctx -> arrivals(running, session.workspace().matrix().cells()))
                .onSuccess(found -> found.stream().filter(a -> announced.add(a.release())).forEach(a -> {
                    dialogs.notify(a.words());
                    arrived.accept(a);
                }))
                .onFinished(() -> checking = false)
                .executeWith(tasks);
    }

    static List<DemoArrival> arrivals(DemoSites demo, List<io.patchbay.model.workspace.MatrixCell> cells) {
        java.util.Map<String, InstallMode> modes = new java.util.HashMap<>();
        demo.sites().forEach(s -> modes.put(s.name(), s.mode()));
        java.util.Map<String, List<io.patchbay.model.workspace.MatrixCell>> byRelease = new java.util.TreeMap<>();
        cells.stream().filter(c -> modes.containsKey(c.siteName()))
                .forEach(c -> byRelease.computeIfAbsent(c.releaseTitle(), k -> new java.util.ArrayList<>()).add(c));
        List<DemoArrival> found = new java.util.ArrayList<>();
        byRelease.forEach((release, onSites) -> {
            if (onSites.size() != modes.size()) {
                return; // not on every demo site yet
            }
            int installed = 0;
            String waiting = null;
            boolean through = true;
            for (var c : onSites) {
                MatrixState state = c.state();
                if (state == MatrixState.INSTALLED) {
                    installed++;
                } else if (modes.get(c.siteName()) == InstallMode.MANUAL && state == MatrixState.WAITING) {
                    waiting = c.siteName();
                } else {
                    through = false;
                }
            }
            if (through && waiting != null) {
                found.add(new DemoArrival(release, installed, waiting));
            }
        });
        return found;
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

package io.patchbay.app.ui;

import io.patchbay.app.ui.console.SiteConsoleView;
import io.patchbay.app.ui.console.SiteConsoleViewModel;
import io.patchbay.app.ui.matrix.MatrixActions;
import io.patchbay.app.ui.matrix.MatrixView;
import io.patchbay.app.ui.matrix.MatrixViewModel;
import io.patchbay.app.ui.matrix.MatrixWarmUp;
import io.patchbay.app.ui.demo.GeneratedMatrixSource;
import io.patchbay.app.ui.task.BackgroundTask;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.app.ui.task.UiTaskExecutor;
import io.patchbay.app.ui.workspace.WorkspaceMatrixActions;
import io.patchbay.app.ui.workspace.WorkspaceMatrixSource;
import io.patchbay.model.matrix.MatrixSource;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.model.workspace.WorkspaceLocation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Puts the client together on a stage: the task executor, dialogs, view models and views. Either on a
 * workspace ({@link #openWorkspace}: opened in a background task, then every screen works on it), or on
 * a given {@link MatrixSource} (tests and the demo data).
 */
public final class PatchbayClient {
    private final Stage stage;
    private final TaskExecutor tasks = new UiTaskExecutor(2);
    private final io.patchbay.app.ui.workspace.WorkspaceChanges changes =
            new io.patchbay.app.ui.workspace.WorkspaceChanges(Platform::runLater);
    private final MainViewModel main = new MainViewModel(tasks);
    private final DialogService dialogs;
    private final StackPane matrixPane = new StackPane();
    private final MainWindow window;
    private final Map<MenuItem, io.patchbay.app.ui.matrix.CellCommand> selectionItems = new java.util.LinkedHashMap<>();
    private Consumer<String> eventsShower;
    private final Scene scene;
    private final SiteConsoleViewModel siteConsole;
    private MatrixViewModel matrix;
    private MatrixView matrixView;
    private MatrixWarmUp warmUp;
    private WorkspaceMatrixSource workspaceSource;
    private WorkspaceSession session;
    private Timeline workerWatch;
    private io.patchbay.app.ui.kit.KitWizardView kitWizard;
    private Consumer<io.patchbay.model.workspace.Release> rolloutStarter;
    private Stage wizardStage;
    private io.patchbay.app.ui.releases.ReleasesViewModel releasesModel;
    private final List<MenuItem> workspaceItems = new ArrayList<>();
    private FirstRun firstRun;
    private final WorkspaceLocation location;
    private final io.patchbay.app.ui.desktop.WorkspaceMenuModel workspaceMenu;
    private Consumer<PatchbayClient> onOpened = c -> { };
    private io.patchbay.app.ui.help.HelpWindow help;

    /** @param location the workspace this client opens, or null (demo data) */
    private PatchbayClient(Stage stage, WorkspaceLocation location) {
        this.stage = stage;
        this.location = location;
        this.dialogs = new FxDialogService(stage, main::notify);
        this.workspaceMenu = new io.patchbay.app.ui.desktop.WorkspaceMenuModel(
                new io.patchbay.app.ui.desktop.RecentWorkspaces(configDir()), dialogs, tasks,
                location == null || location.database() != null ? null : location.dir().toAbsolutePath().normalize(),
                this::switchTo);
        matrixPane.setId("matrix-pane");
        Map<Screen, Supplier<Node>> screens = new EnumMap<>(Screen.class);
        screens.put(Screen.MATRIX, () -> matrixPane);
        this.siteConsole = SiteConsoleViewModel.forRealAgents(tasks, dialogs);
        siteConsole.follow(Platform::runLater, java.time.Duration.ofSeconds(1));
        screens.put(Screen.SITE_CONSOLE, () -> new SiteConsoleView(siteConsole));
        this.window = new MainWindow(main, screens, fileItems(), List.of(workspaceMenu(), matrixMenu(), helpMenu()));
        main.setRefresher(Screen.MATRIX, this::reloadMatrix);
        main.setRefresher(Screen.SITE_CONSOLE, siteConsole::reload);
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        this.scene = new Scene(window, Math.min(1440, screen.getWidth()), Math.min(900, screen.getHeight()));
        scene.getStylesheets().setAll(main.themeProperty().get().stylesheets());
        main.themeProperty().addListener((o, old, theme) -> scene.getStylesheets().setAll(theme.stylesheets()));
        stage.setTitle(location == null ? "Patchbay" : "Patchbay - opening " + location);
        stage.setOnHidden(e -> close());
        stage.getProperties().put(PatchbayClient.class, this);
        workspaceMenu.load();
    }

    /** File's workspace commands and recent list (tests wait on it). */
    public io.patchbay.app.ui.desktop.WorkspaceMenuModel workspaceMenuModel() {
        return workspaceMenu;
    }

    /** The client that shows on the stage now (it changes when File > Open switches workspaces). */
    public static PatchbayClient of(Stage stage) {
        return (PatchbayClient) stage.getProperties().get(PatchbayClient.class);
    }

    /**
     * The person's config folder (the recent workspaces): {@code -Dpatchbay.config.dir} (tests), else the XDG
     * rule, {@code ~/.config/patchbay}.
     */
    static Path configDir() {
        String dir = System.getProperty("patchbay.config.dir");
        return dir != null ? Path.of(dir) : io.patchbay.app.ui.desktop.RecentWorkspaces.userConfigDir(System.getenv(),
                Path.of(System.getProperty("user.home")));
    }

    /** Builds the client on the stage over the given matrix data and shows it. */
    public static PatchbayClient show(Stage stage, MatrixSource source, MatrixActions actions, String sourceNote) {
        PatchbayClient client = new PatchbayClient(stage, null);
        client.useMatrix(source, actions, sourceNote);
        stage.setScene(client.scene);
        stage.show();
        return client;
    }

    /**
     * Shows the client at once and opens the workspace in a background task; the screens fill in when
     * it is open. {@code opened} runs on the FX thread once every screen works (tests wait for it).
     */
    public static PatchbayClient openWorkspace(Stage stage, Path dir, Consumer<PatchbayClient> opened) {
        return openWorkspace(stage, WorkspaceLocation.folder(dir), opened);
    }

    /** As {@link #openWorkspace(Stage, Path, Consumer)}, on a workspace that may live in a team's database. */
    public static PatchbayClient openWorkspace(Stage stage, WorkspaceLocation dir, Consumer<PatchbayClient> opened) {
        PatchbayClient client = new PatchbayClient(stage, dir);
        client.onOpened = opened;
        Label opening = new Label("Opening workspace " + dir + "...");
        opening.getStyleClass().add(Styles.MUTED);
        opening.setId("matrix-opening");
        client.warmUp = new MatrixWarmUp(opening, new GeneratedMatrixSource(64, 16, java.time.Instant.now()),
                client.tasks, client.dialogs);
        client.matrixPane.getChildren().setAll(client.warmUp);
        client.showCoverFirst("Opening workspace " + dir + "...");
        BackgroundTask.of("Open workspace " + dir, ctx -> {
                    ctx.updateMessage("opening the database");
                    Workspace ws = dir.open();
                    try {
                        ctx.updateMessage("reading the matrix");
                        return new Opened(ws, WorkspaceMatrixSource.load(ws));
                    } catch (RuntimeException e) {
                        ws.close();
                        throw e;
                    }
                })
                .onSuccess(o -> {
                    client.attach(o.workspace(), o.source());
                    opened.accept(client);
                })
                .onFailure(failure -> {
                    opening.setText("Cannot open workspace " + dir + ": " + FxDialogService.oneLine(failure));
                    client.dialogs.showError("Open workspace", failure);
                })
                .executeWith(client.tasks);
        return client;
    }

    private record Opened(Workspace workspace, WorkspaceMatrixSource source) {
    }

    /**
     * Shows the window at once with a plain cover that says what is happening, and the whole window only
     * after the cover was painted: the whole window's first frame (every screen's style sheet, the warm-up
     * matrix) takes seconds in a fresh JVM, during which a newcomer saw a black, then white, window.
     */
    private void showCoverFirst(String words) {
        stage.setScene(cover(words, scene));
        stage.show();
        new javafx.animation.AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames >= 2) { // the cover is on screen
                    stop();
                    useWholeWindow();
                }
            }
        }.start();
    }

    /** A plain scene the size of {@code like} that says what is happening: cheap enough to paint at once. */
    private static Scene cover(String words, Scene like) {
        Label text = new Label(words);
        text.setId("window-cover");
        text.getStyleClass().add(Styles.MUTED);
        StackPane cover = new StackPane(text);
        cover.getStyleClass().add("matrix-warm-up-cover");
        Scene coverScene = new Scene(cover, like.getWidth(), like.getHeight());
        coverScene.getStylesheets().setAll(like.getStylesheets());
        return coverScene;
    }

    private void useWholeWindow() {
        if (stage.getScene() != scene) {
            stage.setScene(scene);
        }
    }

    private void attach(Workspace workspace, WorkspaceMatrixSource source) {
        useWholeWindow();
        session = new WorkspaceSession(workspace, System.getProperty("user.name", "unknown"));
        firstRun = new FirstRun(this, session);
        useWorkspaceSource(source);
        stage.setTitle("Patchbay - " + location);
        workspaceMenu.currentOpened();
        workerWatch = new Timeline(new KeyFrame(Duration.seconds(1), e -> showWorkerState()));
        workerWatch.setCycleCount(Timeline.INDEFINITE);
        workerWatch.play();
        showWorkerState();
        WorkspaceScreens.install(this, session);
    }

    private void useWorkspaceSource(WorkspaceMatrixSource source) {
        if (workspaceSource != null) {
            workspaceSource.close();
        }
        workspaceSource = source;
        useMatrix(source, new WorkspaceMatrixActions(session.workspace(), source, session.person()),
                "Workspace " + session.workspace().dir() + " (follows the outbox every second)",
                new io.patchbay.app.ui.workspace.WorkspaceCellDetails(session.workspace(), source));
        source.follow(java.time.Duration.ofSeconds(1));
        changes.follow(source);
        matrixPane.getChildren().setAll(firstRun.matrixArea(source, matrixView));
    }

    /**
     * One honest line: the workspace keeps no record of running workers, so the line says what the
     * outbox shows, kits being sent now, and that nothing is sending otherwise.
     */
    private void showWorkerState() {
        if (workspaceSource == null) {
            return;
        }
        int sending = workspaceSource.sendingNow();
        String line = firstRun.workerLine(sending, sending > 0
                ? "Worker: sending " + sending + (sending == 1 ? " kit" : " kits") + " now"
                : "Worker: no delivery being sent (start one with `patchbay deliver`)");
        int unknown = workspaceSource.unknownCells();
        main.setWorkerState(unknown > 0 ? line + "; new sites or releases: press F5" : line);
    }

    /** F5: a workspace source is read again (new sites and releases appear); other sources re-index. */
    private void reloadMatrix() {
        if (session == null) {
            if (matrix != null) {
                matrix.reload();
            }
            return;
        }
        BackgroundTask.of("Reload the matrix", ctx -> WorkspaceMatrixSource.load(session.workspace()))
                .onSuccess(this::useWorkspaceSource)
                .onFailure(f -> dialogs.showError("Reload the matrix", f))
                .executeWith(tasks);
    }

    private void useMatrix(MatrixSource source, MatrixActions actions, String note) {
        useMatrix(source, actions, note, io.patchbay.app.ui.matrix.CellDetails.NONE);
    }

    private void useMatrix(MatrixSource source, MatrixActions actions, String note,
                           io.patchbay.app.ui.matrix.CellDetails details) {
        if (matrix != null) {
            matrix.close();
        }
        if (warmUp != null) {
            warmUp.close();
            warmUp = null;
        }
        matrix = new MatrixViewModel(source, actions, tasks, dialogs, Platform::runLater, Clock.systemDefaultZone());
        matrix.setNavigator(new Navigator());
        matrixView = new MatrixView(matrix, note, new io.patchbay.app.ui.matrix.CellDetailModel(matrix, details, tasks,
                java.time.ZoneId.systemDefault()));
        matrixPane.getChildren().setAll(matrixView);
        selectionItems.forEach((item, command) -> {
            item.disableProperty().unbind();
            item.disableProperty().bind(matrix.enabledProperty(command).not());
        });
    }

    /** Where the matrix's context menu leads: the Site console of a site with a local agent home, the event log. */
    private final class Navigator implements io.patchbay.app.ui.matrix.CellNavigator {
        @Override
        public boolean hasConsole(String site) {
            return firstRun != null && firstRun.agentHome(site).isPresent();
        }

        @Override
        public void openConsole(String site) {
            firstRun.agentHome(site).ifPresent(home -> {
                siteConsole.open(home);
                main.show(Screen.SITE_CONSOLE);
            });
        }

        @Override
        public boolean hasEvents() {
            return eventsShower != null;
        }

        @Override
        public void showEvents(String subject) {
            main.show(Screen.REPORTS);
            eventsShower.accept(subject);
        }
    }

    /**
     * The demo's manual site waits for its operator: the Site console opens on it. The client goes there only from
     * the matrix, where the person watches the rollout, and not while the wizard is open: a screen that changed
     * under someone at work elsewhere (the Rollout form, say) took their next click; the status line says where to go.
     */
    void demoSiteWaits(String site, java.nio.file.Path agentHome) {
        if (siteConsole.homeProperty().get() == null || siteConsole.homeProperty().get().equals(agentHome)) {
            siteConsole.open(agentHome);
            boolean watching = main.screenProperty().get() == Screen.MATRIX
                    && (wizardStage == null || !wizardStage.isShowing());
            if (watching) {
                main.show(Screen.SITE_CONSOLE);
            }
        }
    }

    void setEventsShower(Consumer<String> shower) {
        this.eventsShower = shower;
    }

    /** Shows the empty workspace's offer in the matrix area, whatever the workspace holds (screenshots). */
    void showFirstRunOffer() {
        matrixPane.getChildren().setAll(firstRun.offer());
    }

    /** Puts the matrix back in its area. */
    void showMatrix() {
        matrixPane.getChildren().setAll(matrixView);
    }

    /** Replaces a placeholder with a built screen. */
    void putScreen(Screen screen, Supplier<Node> factory) {
        window.replaceScreen(screen, factory);
    }

    /** Opens the kit-builder wizard; a built kit can be added to the releases. */
    public void openKitWizard(io.patchbay.app.ui.releases.ReleasesViewModel releases) {
        if (session == null) {
            return;
        }
        Stage window = new Stage();
        window.initOwner(stage);
        window.setTitle("New kit - Patchbay");
        io.patchbay.app.ui.kit.KitWizardViewModel model = new io.patchbay.app.ui.kit.KitWizardViewModel(session,
                tasks, new FxDialogService(window, main::notify), Platform::runLater);
        firstRun.prepare(model);
        model.addedReleaseProperty().addListener((o, old, release) -> {
            if (release != null) {
                if (releases != null) {
                    releases.refresh();
                }
                matrixStructureChanged();
            }
        });
        kitWizard = new io.patchbay.app.ui.kit.KitWizardView(model, release -> {
            window.hide();
            startRollout(release);
        }, window::hide);
        Scene wizardScene = new Scene(kitWizard, 1180, 760);
        wizardScene.getStylesheets().setAll(scene.getStylesheets());
        window.setScene(wizardScene);
        window.setOnHidden(e -> model.cancelBuild());
        wizardStage = window;
        window.show();
    }

    /** The Rollout screen with the release chosen, ready to start. */
    void startRollout(io.patchbay.model.workspace.Release release) {
        main.show(Screen.ROLLOUT);
        if (rolloutStarter != null && release != null) {
            rolloutStarter.accept(release);
        }
    }

    /** The wizard's window, opened last (tests and screenshots). */
    public Stage kitWizardStage() {
        return wizardStage;
    }

    /** The wizard opened last (tests and screenshots). */
    public io.patchbay.app.ui.kit.KitWizardView kitWizard() {
        return kitWizard;
    }

    void setRolloutStarter(Consumer<io.patchbay.model.workspace.Release> starter) {
        this.rolloutStarter = starter;
    }

    /** Called after a change the matrix cannot follow by polling (a new release or site). */
    public void matrixStructureChanged() {
        reloadMatrix();
    }

    public Scene scene() {
        return scene;
    }

    public Stage stage() {
        return stage;
    }

    public MainViewModel mainModel() {
        return main;
    }

    /** The site console's model: open an agent home with {@code siteConsoleModel().open(dir)}. */
    public SiteConsoleViewModel siteConsoleModel() {
        return siteConsole;
    }

    public MatrixViewModel matrixModel() {
        return matrix;
    }

    /** The one executor for slow work; give it to every view model. */
    public TaskExecutor taskExecutor() {
        return tasks;
    }

    public DialogService dialogs() {
        return dialogs;
    }

    /** The open workspace's cell changes by release, as the matrix's pass sees them (screens follow these). */
    public io.patchbay.app.ui.workspace.WorkspaceChanges workspaceChanges() {
        return changes;
    }

    public MatrixView matrixView() {
        return matrixView;
    }

    /** The open workspace, or null while opening or on demo data. */
    public WorkspaceSession session() {
        return session;
    }

    /**
     * File > New or Open: the same window turns to the other workspace without a restart. The open workspace is
     * closed in the background (stopping a demo's sites and the database takes seconds) while the new one opens
     * behind the "Opening workspace" cover, as at start.
     */
    public void switchTo(Path folder) {
        stage.setOnHidden(null);
        if (workerWatch != null) {
            workerWatch.stop(); // an FX timeline: stopped here, on the FX thread
        }
        if (wizardStage != null) {
            wizardStage.hide();
        }
        if (help != null) {
            help.stage().hide();
        }
        // The cover first: building the new window takes a moment on the FX thread, and the old workspace's window
        // must not stand frozen meanwhile.
        WorkspaceLocation next = WorkspaceLocation.folder(folder);
        stage.setScene(cover("Opening workspace " + next + "...", stage.getScene() == null ? scene : stage.getScene()));
        stage.setTitle("Patchbay - opening " + next);
        Thread closer = new Thread(this::close, "close workspace " + location);
        closer.start();
        Platform.runLater(() -> openWorkspace(stage, next, onOpened));
    }

    public void close() {
        changes.close();
        main.alerts().close(); // before the workspace closes below: its poller reads the workspace
        siteConsole.close();
        if (workerWatch != null && Platform.isFxApplicationThread()) {
            workerWatch.stop();
        }
        if (matrix != null) {
            matrix.close();
        }
        if (workspaceSource != null) {
            workspaceSource.close();
        }
        if (firstRun != null) {
            firstRun.close(); // the demo's worker uses the workspace: it stops first
        }
        tasks.shutdown();
        if (session != null) {
            session.workspace().close();
        }
    }

    /** File's workspace items: New, Open (Ctrl+O) and the recent list. */
    private List<MenuItem> fileItems() {
        MenuItem create = new MenuItem("New workspace...");
        create.setId("menu-new-workspace");
        create.setOnAction(e -> workspaceMenu.newWorkspace());
        MenuItem open = new MenuItem("Open workspace...");
        open.setId("menu-open-workspace");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> workspaceMenu.openWorkspace());
        Menu recent = new Menu("Open recent");
        recent.setId("menu-open-recent");
        Runnable fill = () -> {
            recent.getItems().clear();
            for (Path folder : workspaceMenu.recent()) {
                MenuItem item = new MenuItem(folder.toString());
                item.setMnemonicParsing(false);
                item.setOnAction(e -> workspaceMenu.openRecent(folder));
                recent.getItems().add(item);
            }
            recent.setDisable(recent.getItems().isEmpty());
        };
        workspaceMenu.recent().addListener((javafx.collections.ListChangeListener<Path>) c -> fill.run());
        fill.run();
        return List.of(create, open, recent);
    }

    /** F1 opens the help on the README's first page; About names the build, the runtime and where files are. */
    private Menu helpMenu() {
        MenuItem contents = new MenuItem("Help contents");
        contents.setId("menu-help");
        contents.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        contents.setOnAction(e -> showHelp(null));
        MenuItem keys = new MenuItem(io.patchbay.app.ui.help.HelpViewModel.SHORTCUTS);
        keys.setId("menu-shortcuts");
        keys.setOnAction(e -> showHelp(io.patchbay.app.ui.help.HelpViewModel.SHORTCUTS));
        MenuItem about = new MenuItem("About Patchbay");
        about.setId("menu-about");
        about.setOnAction(e -> showAbout());
        return new Menu("Help", null, contents, keys, new javafx.scene.control.SeparatorMenuItem(), about);
    }

    /** Opens the Help window (once; later calls bring it forward) on that page, or on the first. */
    public io.patchbay.app.ui.help.HelpWindow showHelp(String page) {
        if (help == null) {
            io.patchbay.app.ui.help.HelpViewModel model = new io.patchbay.app.ui.help.HelpViewModel(
                    io.patchbay.app.ui.help.HelpPages.fromBuild(),
                    io.patchbay.app.ui.help.HelpWindow.shortcuts(window.menuBar()));
            help = new io.patchbay.app.ui.help.HelpWindow(stage, model, scene.getStylesheets());
        }
        help.show(page);
        return help;
    }

    /**
     * A .kit opened from the file manager: its window over the client, once the workspace is open (it needs the
     * workspace's trusted signers). Returns the kit's window, or null while the workspace is not open yet.
     */
    public Stage openKit(Path kit) {
        if (session == null) {
            return null;
        }
        io.patchbay.app.ui.desktop.KitViewModel model = new io.patchbay.app.ui.desktop.KitViewModel(kit, session, tasks,
                dialogs, () -> {
                    if (releasesModel != null) {
                        releasesModel.refresh();
                    }
                    matrixStructureChanged();
                });
        Stage window = io.patchbay.app.ui.desktop.KitWindow.show(stage, model, scene.getStylesheets());
        model.load();
        return window;
    }

    public Stage showAbout() {
        return io.patchbay.app.ui.help.AboutWindow.show(stage, io.patchbay.app.ui.help.AboutInfo.current(
                location == null ? null : location.toString()), scene.getStylesheets());
    }

    /** Ctrl+N opens the kit wizard, Ctrl+Shift+N the Rollout screen; both need an open workspace. */
    private Menu workspaceMenu() {
        MenuItem newKit = new MenuItem("New kit...");
        newKit.setAccelerator(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
        newKit.setOnAction(e -> openKitWizard(releasesModel));
        MenuItem rollout = new MenuItem("Start rollout...");
        rollout.setAccelerator(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        rollout.setOnAction(e -> main.show(Screen.ROLLOUT));
        workspaceItems.add(newKit);
        workspaceItems.add(rollout);
        workspaceItems.forEach(i -> i.setDisable(true));
        return new Menu("Workspace", null, newKit, rollout);
    }

    void setReleasesModel(io.patchbay.app.ui.releases.ReleasesViewModel releases) {
        this.releasesModel = releases;
        workspaceItems.forEach(i -> i.setDisable(false));
    }

    private Menu matrixMenu() {
        MenuItem find = new MenuItem("Find site");
        find.setAccelerator(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN));
        find.setOnAction(e -> {
            main.show(Screen.MATRIX);
            if (matrixView != null) {
                matrixView.searchField().requestFocus();
            }
        });
        return new Menu("Matrix", null, find,
                matrixItem(io.patchbay.app.ui.matrix.CellCommand.DELIVER_NOW,
                        new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN)),
                matrixItem(io.patchbay.app.ui.matrix.CellCommand.RETRY,
                        new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN)),
                matrixItem(io.patchbay.app.ui.matrix.CellCommand.HOLD,
                        new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN)),
                matrixItem(io.patchbay.app.ui.matrix.CellCommand.RELEASE_HOLD,
                        new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)));
    }

    private MenuItem matrixItem(io.patchbay.app.ui.matrix.CellCommand command, KeyCombination accelerator) {
        MenuItem item = new MenuItem(command.label());
        item.setAccelerator(accelerator);
        item.setDisable(true);
        item.setOnAction(e -> matrix.run(command));
        selectionItems.put(item, command);
        return item;
    }
}

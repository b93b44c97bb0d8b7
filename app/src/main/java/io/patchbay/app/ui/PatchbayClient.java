package io.patchbay.app.ui;

import io.patchbay.app.ui.console.SiteConsoleView;
import io.patchbay.app.ui.console.SiteConsoleViewModel;
import io.patchbay.app.ui.matrix.MatrixActions;
import io.patchbay.app.ui.matrix.MatrixView;
import io.patchbay.app.ui.matrix.MatrixViewModel;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.app.ui.task.UiTaskExecutor;
import io.patchbay.model.matrix.MatrixSource;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Puts the client together on a stage: the task executor, dialogs, view models and views. The lead
 * wires the workspace in by passing its {@link MatrixSource} and {@link MatrixActions}.
 */
public final class PatchbayClient {
    private final Stage stage;
    private final TaskExecutor tasks = new UiTaskExecutor(2);
    private final MainViewModel main = new MainViewModel(tasks);
    private final DialogService dialogs;
    private final MatrixViewModel matrix;
    private final MatrixView matrixView;
    private final Scene scene;
    private final SiteConsoleViewModel siteConsole;

    private PatchbayClient(Stage stage, MatrixSource source, MatrixActions actions, String sourceNote) {
        this.stage = stage;
        this.dialogs = new FxDialogService(stage, main::notify);
        this.matrix = new MatrixViewModel(source, actions, tasks, dialogs, Platform::runLater, Clock.systemDefaultZone());
        this.matrixView = new MatrixView(matrix, sourceNote);
        main.setRefresher(Screen.MATRIX, matrix::reload);
        this.siteConsole = SiteConsoleViewModel.forRealAgents(tasks, dialogs);
        main.setRefresher(Screen.SITE_CONSOLE, siteConsole::reload);
        Map<Screen, Supplier<Node>> screens = Map.of(Screen.MATRIX, () -> matrixView,
                Screen.SITE_CONSOLE, () -> new SiteConsoleView(siteConsole));
        MainWindow window = new MainWindow(main, screens, List.of(matrixMenu()));
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        this.scene = new Scene(window, Math.min(1440, screen.getWidth()), Math.min(900, screen.getHeight()));
        scene.getStylesheets().setAll(main.themeProperty().get().stylesheets());
        main.themeProperty().addListener((o, old, theme) -> scene.getStylesheets().setAll(theme.stylesheets()));
        stage.setTitle("Patchbay");
        stage.setScene(scene);
        stage.setOnHidden(e -> close());
    }

    /** Builds the client on the stage and shows it. */
    public static PatchbayClient show(Stage stage, MatrixSource source, MatrixActions actions, String sourceNote) {
        PatchbayClient client = new PatchbayClient(stage, source, actions, sourceNote);
        stage.show();
        return client;
    }

    public Scene scene() {
        return scene;
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

    public MatrixView matrixView() {
        return matrixView;
    }

    public void close() {
        matrix.close();
        tasks.shutdown();
    }

    private Menu matrixMenu() {
        MenuItem find = new MenuItem("Find site");
        find.setAccelerator(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN));
        find.setOnAction(e -> {
            main.show(Screen.MATRIX);
            matrixView.searchField().requestFocus();
        });
        return new Menu("Matrix", null, find,
                matrixItem("Deliver now", new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN), matrix::deliverNow),
                matrixItem("Retry", new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), matrix::retry),
                matrixItem("Hold", new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN), matrix::hold),
                matrixItem("Release hold", new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN,
                        KeyCombination.SHIFT_DOWN), matrix::releaseHold));
    }

    private MenuItem matrixItem(String text, KeyCombination accelerator, Runnable command) {
        MenuItem item = new MenuItem(text);
        item.setAccelerator(accelerator);
        item.disableProperty().bind(matrix.hasSelectionProperty().not());
        item.setOnAction(e -> command.run());
        return item;
    }
}

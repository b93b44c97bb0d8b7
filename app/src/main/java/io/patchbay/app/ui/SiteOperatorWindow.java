package io.patchbay.app.ui;

import io.patchbay.app.ui.console.SiteConsoleView;
import io.patchbay.app.ui.console.SiteConsoleViewModel;
import io.patchbay.app.ui.task.UiTaskExecutor;
import io.patchbay.styles.Theme;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Site operator mode ({@code patchbay gui --agent-home DIR}): the Site console alone on the site's agent home,
 * following it as it changes. No workspace is opened or created: an operator on a site has none.
 */
public final class SiteOperatorWindow {
    private final UiTaskExecutor tasks = new UiTaskExecutor(1);
    private final SiteConsoleViewModel console;
    private final SiteConsoleView view;

    private SiteOperatorWindow(Stage stage, Path agentHome) {
        FxDialogService dialogs = new FxDialogService(stage, notice -> { });
        console = SiteConsoleViewModel.forRealAgents(tasks, dialogs);
        view = new SiteConsoleView(console);
        Scene scene = new Scene(view, 1200, 780);
        scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
        stage.setTitle("Patchbay site console - " + agentHome);
        stage.setScene(scene);
        stage.setOnHidden(e -> close());
        console.follow(Platform::runLater, Duration.ofSeconds(1));
        console.open(agentHome);
    }

    /** Shows the Site console on the agent home in the stage. */
    public static SiteOperatorWindow show(Stage stage, Path agentHome) {
        SiteOperatorWindow window = new SiteOperatorWindow(stage, agentHome);
        stage.show();
        return window;
    }

    public SiteConsoleView view() {
        return view;
    }

    public void close() {
        console.close();
        tasks.shutdown();
    }
}

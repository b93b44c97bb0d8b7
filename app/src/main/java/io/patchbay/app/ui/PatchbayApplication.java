package io.patchbay.app.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.nio.file.Path;

/** The desktop client. Started through {@link #launch(Path)}, never as the launcher's main class. */
public final class PatchbayApplication extends Application {
    private static volatile Path workspace;

    public static void launch(Path workspaceDir) {
        workspace = workspaceDir;
        Application.launch(PatchbayApplication.class);
    }

    @Override
    public void start(Stage stage) {
        Label label = new Label("Patchbay - workspace " + workspace);
        stage.setTitle("Patchbay");
        stage.setScene(new Scene(new StackPane(label), 960, 640));
        stage.show();
    }
}

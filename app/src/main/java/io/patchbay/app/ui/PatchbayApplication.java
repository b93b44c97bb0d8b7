package io.patchbay.app.ui;

import io.patchbay.app.ui.demo.DemoMatrixActions;
import io.patchbay.app.ui.demo.GeneratedMatrixSource;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/** The desktop client. Started through {@link #launch(Path)}, never as the launcher's main class. */
public final class PatchbayApplication extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(PatchbayApplication.class);
    /** Until the workspace feeds the matrix, it shows generated data, and says so. */
    private static final String DEMO_NOTE = "Demo data: the matrix is not connected to the workspace yet";

    private static volatile Path workspace;
    private static volatile Path screenshotFolder;
    private static volatile List<Path> screenshots = List.of();
    private static volatile RuntimeException failure;

    public static void launch(Path workspaceDir) {
        workspace = workspaceDir;
        screenshotFolder = null;
        Application.launch(PatchbayApplication.class);
    }

    /** Opens the client on demo data, writes screenshots of its screens into the folder and exits. */
    public static List<Path> launchForScreenshots(Path workspaceDir, Path folder) {
        workspace = workspaceDir;
        screenshotFolder = folder;
        Application.launch(PatchbayApplication.class);
        if (failure != null) {
            throw failure;
        }
        return screenshots;
    }

    @Override
    public void start(Stage stage) {
        GeneratedMatrixSource source = new GeneratedMatrixSource(10_000, 100, Instant.now());
        PatchbayClient client = PatchbayClient.show(stage, source, new DemoMatrixActions(source), DEMO_NOTE);
        LOG.info("client open on workspace {}", workspace);
        if (screenshotFolder != null) {
            Screenshots.captureAll(client, screenshotFolder).whenComplete((files, error) -> Platform.runLater(() -> {
                if (error != null) {
                    failure = error instanceof RuntimeException e ? e : new IllegalStateException(error.getMessage(), error);
                } else {
                    screenshots = files;
                }
                stage.hide();
                Platform.exit();
            }));
            return;
        }
        client.mainModel().setWorkerState("Worker: demo (generated changes every second)");
        Random random = new Random(1);
        Timeline demo = new Timeline(new KeyFrame(Duration.seconds(1), e -> source.simulate(200, random)));
        demo.setCycleCount(Timeline.INDEFINITE);
        demo.play();
        stage.setOnHiding(e -> demo.stop());
    }
}

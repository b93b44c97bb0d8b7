package io.patchbay.app.ui;

import io.patchbay.app.ui.demo.DemoMatrixActions;
import io.patchbay.app.ui.demo.GeneratedMatrixSource;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The desktop client. Started through {@link #launch(Path)}, never as the launcher's main class. */
public final class PatchbayApplication extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(PatchbayApplication.class);
    /** The screenshot mode's matrix shows generated data, and says so. */
    private static final String DEMO_NOTE = "Demo data: generated for the screenshots, not a workspace";

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
        if (screenshotFolder == null) {
            PatchbayClient.openWorkspace(stage, workspace,
                    client -> LOG.info("client open on workspace {}", workspace));
            return;
        }
        // Screenshots show generated demo data in the matrix (10,000 sites), labelled as such.
        GeneratedMatrixSource source = new GeneratedMatrixSource(10_000, 100, Instant.now());
        PatchbayClient client = PatchbayClient.show(stage, source, new DemoMatrixActions(source), DEMO_NOTE);
        Platform.runLater(() -> {
            try {
                screenshots = Screenshots.capture(client, screenshotFolder);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                stage.hide();
                Platform.exit();
            }
        });
    }
}

package io.patchbay.app.ui;

import io.patchbay.app.ui.demo.SampleWorkspace;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.workspace.WorkspaceLocation;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The desktop client. Started through {@link #launch(Path)}, never as the launcher's main class. */
public final class PatchbayApplication extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(PatchbayApplication.class);

    private static volatile WorkspaceLocation workspace;
    private static volatile Path agentHome;
    private static volatile Path screenshotFolder;
    private static volatile List<Path> screenshots = List.of();
    private static volatile RuntimeException failure;
    private static volatile Path kitFile;
    private static volatile Path snapshotFile;

    public static void launch(Path workspaceDir) {
        launch(workspaceDir, null);
    }

    /** Opens the client; with an agent home (an operator on a site), straight into the site console on it. */
    public static void launch(Path workspaceDir, Path agentHomeDir) {
        launch(WorkspaceLocation.folder(workspaceDir), agentHomeDir);
    }

    /** As {@link #launch(Path, Path)}, on a workspace that may live in a team's database. */
    public static void launch(WorkspaceLocation location, Path agentHomeDir) {
        launch(location, agentHomeDir, null, null);
    }

    /**
     * @param kit      a .kit to show over the client once the workspace is open (a file manager opening a kit), or null
     * @param snapshot write the windows into this PNG (and siblings) once open, then exit; or null
     */
    public static void launch(WorkspaceLocation location, Path agentHomeDir, Path kit, Path snapshot) {
        workspace = location;
        agentHome = agentHomeDir;
        kitFile = kit;
        snapshotFile = snapshot;
        screenshotFolder = null;
        Application.launch(PatchbayApplication.class);
    }

    /** Opens the client on a generated sample workspace, writes screenshots of its screens into the folder and exits. */
    public static List<Path> launchForScreenshots(Path workspaceDir, Path folder) {
        workspace = WorkspaceLocation.folder(workspaceDir);
        screenshotFolder = folder;
        Application.launch(PatchbayApplication.class);
        if (failure != null) {
            throw failure;
        }
        return screenshots;
    }

    /**
     * What {@code patchbay gui} shows: with an agent home (an operator on a site) the Site console alone, and no
     * workspace opened or created; otherwise the client on the workspace. Returns the window's owner object.
     */
    public static Object open(Stage stage, Path workspaceDir, Path agentHomeDir) {
        return open(stage, WorkspaceLocation.folder(workspaceDir), agentHomeDir);
    }

    /** As {@link #open(Stage, Path, Path)}, on a workspace that may live in a team's database. */
    public static Object open(Stage stage, WorkspaceLocation location, Path agentHomeDir) {
        if (agentHomeDir != null) {
            return SiteOperatorWindow.show(stage, agentHomeDir);
        }
        return PatchbayClient.openWorkspace(stage, location, opened -> LOG.info("client open on workspace {}", location));
    }

    @Override
    public void start(Stage stage) {
        if (screenshotFolder == null && agentHome == null) {
            PatchbayClient.openWorkspace(stage, workspace, client -> {
                LOG.info("client open on workspace {}", workspace);
                Stage kit = kitFile == null ? null : client.openKit(kitFile);
                if (snapshotFile != null) {
                    WindowSnapshots.take(client, kit, snapshotFile);
                }
            });
            return;
        }
        if (screenshotFolder == null) {
            open(stage, workspace, agentHome);
            return;
        }
        // Screenshots show a generated sample workspace (real kits, sites, rollouts and reports), not the
        // user's: the pictures must not depend on what the user's workspace holds.
        Path sample;
        Path nextRelease;
        try {
            sample = Files.createTempDirectory("patchbay-screenshots-");
            nextRelease = SampleWorkspace.create(sample);
        } catch (IOException | RuntimeException e) {
            failure = new PatchbayException("cannot create the sample workspace: " + e.getMessage(), e);
            Platform.exit();
            return;
        }
        PatchbayClient.openWorkspace(stage, sample.resolve("workspace"), client ->
                Screenshots.capture(client, screenshotFolder, nextRelease,
                        sample.resolve("keys").resolve(SigningKeys.PRIVATE_FILE),
                        files -> {
                            screenshots = files;
                            stage.hide();
                            Platform.exit();
                        },
                        e -> {
                            failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                            stage.hide();
                            Platform.exit();
                        }));
    }
}

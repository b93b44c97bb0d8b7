package io.patchbay.app.ui;

import io.patchbay.app.ui.kit.Artifact;
import io.patchbay.app.ui.kit.KitWizardViewModel;
import io.patchbay.app.ui.matrix.MatrixCellNode;
import io.patchbay.app.ui.matrix.MatrixViewModel;
import io.patchbay.model.matrix.MatrixRelease;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.app.ui.rollout.SiteChoice;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first run, headless: an empty workspace offers demo sites; pressing the offer starts them in the client;
 * a kit built with the wizard from the demo's build tree is rolled out from the Rollout screen, and the matrix
 * grid shows "installed" on every automatic demo site. Real agents, SFTP server, child-JVM installs.
 */
@ExtendWith(ApplicationExtension.class)
class FirstRunDemoTest {
    /** Generous for a loaded 2-core machine; every wait ends as soon as its condition holds. */
    private static final int PATIENCE_SECONDS = 180; // a 2-core machine shared with other builds took over 90
    private static final List<String> AUTOMATIC = List.of("clinic-aachen", "hospital-dijon", "practice-graz");

    private final CompletableFuture<PatchbayClient> opened = new CompletableFuture<>();
    private PatchbayClient client;

    @BeforeAll
    static void noWebView() {
        System.setProperty("patchbay.noWebView", "true");
    }

    @AfterAll
    static void webViewAgain() {
        System.clearProperty("patchbay.noWebView");
    }

    @Start
    void start(Stage stage) throws Exception {
        Path workspace = Files.createTempDirectory("first-run-");
        client = PatchbayClient.openWorkspace(stage, workspace, opened::complete);
    }

    @AfterEach
    void stopTheDemo(FxRobot robot) {
        // Hiding the window closes the client, which stops the demo's worker, agents and server.
        robot.interact(() -> {
            if (client.kitWizardStage() != null) {
                client.kitWizardStage().hide();
            }
            client.stage().hide();
        });
    }

    @Test
    void anEmptyWorkspaceOffersDemoSitesWhereARolloutReachesInstalledInTheMatrix(FxRobot robot) throws Exception {
        opened.get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("This workspace is empty", robot.lookup("#first-run-title").queryLabeled().getText());
        assertTrue(robot.lookup("#first-run-real-sites").queryLabeled().getText().contains("patchbay site add"));

        long pressed = System.nanoTime();
        robot.clickOn("#first-run-demo");
        WaitForAsyncUtils.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS,
                () -> client.matrixModel().siteCount() == 4 && robot.lookup("#first-run").tryQuery().isEmpty());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> label(robot, "#status-worker")
                .startsWith("Worker: running in this client for the demo sites"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> String.valueOf(client.siteConsoleModel().siteProperty().get()).startsWith("practice-hamm ("));

        // The wizard starts on the demo's next build, compared with the release the demo rolled out.
        robot.interact(() -> client.openKitWizard(null));
        KitWizardViewModel wizard = client.kitWizard().model();
        WaitForAsyncUtils.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS, () -> wizard.artifacts().size() == 6
                && wizard.compareWithProperty().get() != null && !wizard.scanningProperty().get());
        assertEquals("spruce-1.1.0", wizard.sourceFolderProperty().get().getFileName().toString());
        assertEquals(Map.of("README.txt", "SAME", "bin/spruce.sh", "CHANGED", "config/defaults.ini", "CHANGED",
                        "lib/spruce-core.jar", "CHANGED", "lib/spruce-export.jar", "NEW", "lib/spruce-ui.jar", "SAME"),
                changes(wizard));
        assertTrue(label(robot, "#wizard-selection").endsWith("4 new or changed since Spruce 1.0.0"),
                label(robot, "#wizard-selection"));
        robot.clickOn("#wizard-next");
        robot.clickOn("#wizard-next");
        assertEquals("Spruce", wizard.manifest().product.get(), "filled from Spruce 1.0.0");
        assertEquals("1.1.0", wizard.manifest().version.get(), "prefilled from the build folder's name");
        assertEquals("", wizard.manifest().errorProperty("version").get(), "no red Version before any input");
        robot.clickOn("#wizard-next");
        robot.clickOn("#wizard-notes").write("Nightly export to CSV");
        robot.clickOn("#wizard-next");
        robot.clickOn("#wizard-build");
        WaitForAsyncUtils.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS, () -> wizard.resultProperty().get() != null);
        robot.clickOn("#wizard-add");
        WaitForAsyncUtils.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS, () -> wizard.addedReleaseProperty().get() != null);
        robot.clickOn("#wizard-start-rollout");

        // The Rollout screen has the new release chosen: all sites, start.
        WaitForAsyncUtils.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS, () -> robot.lookup("#rollout-all").tryQuery().isPresent()
                && robot.lookup("#rollout-summary").queryLabeled().getText().startsWith("Spruce 1.1.0"));
        robot.clickOn("#rollout-all");
        await(robot, 10, "every site ticked after 'All sites'", () -> robot.lookup("#rollout-sites")
                .queryListView().getItems().stream().allMatch(s -> ((SiteChoice) s).selected().get()));
        long rolledOut = System.nanoTime();
        robot.clickOn("#rollout-start");
        await(robot, PATIENCE_SECONDS, "the rollout of Spruce 1.1.0 started", () -> robot.lookup("#rollout-summary")
                .queryLabeled().getText().endsWith(", 1 rollout"));
        robot.clickOn("#nav-matrix");

        await(robot, PATIENCE_SECONDS, "Spruce 1.1.0 installed on the automatic demo sites",
                () -> AUTOMATIC.stream().allMatch(site -> "installed".equals(gridText(site, "1.1.0"))));
        for (String site : AUTOMATIC) {
            assertEquals(MatrixState.INSTALLED, gridCell(site, "1.1.0").state(), site);
        }
        System.getLogger(getClass().getName()).log(System.Logger.Level.INFO, "demo: press to 1.1.0 installed "
                + (System.nanoTime() - pressed) / 1_000_000 + " ms, rollout start to installed "
                + (System.nanoTime() - rolledOut) / 1_000_000 + " ms");
        // The manual site has the kit and waits for its operator.
        WaitForAsyncUtils.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS, () -> "waiting".equals(gridText("practice-hamm", "1.1.0")));
        // The status line follows, and the Site console opens on the manual site, as the README says.
        WaitForAsyncUtils.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS, () -> label(robot, "#status-notice")
                .equals("Spruce 1.1.0 installed on 3 demo sites; practice-hamm waits for its operator: see the Site console"));
        assertEquals(Screen.SITE_CONSOLE, client.mainModel().screenProperty().get());
        // What a newcomer sees at this point, to look at after a build.
        Path picture = Files.createDirectories(Path.of("target", "screenshots")).resolve("demo-installed.png");
        robot.interact(() -> Screenshots.write(client.scene(), picture));
        assertTrue(Files.size(picture) > 0);
    }

    /**
     * Waits for {@code condition}; on timeout fails naming what was awaited and what the person would see: every
     * open window's title and message, the Rollout form's error, and a screenshot of the main window.
     */
    private void await(FxRobot robot, int seconds, String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            StringBuilder seen = new StringBuilder();
            robot.interact(() -> {
                for (Window w : Window.getWindows()) {
                    seen.append("\n  window ").append(w instanceof Stage s ? s.getTitle() : w.getClass().getSimpleName());
                    if (w.getScene() != null && w.getScene().getRoot() instanceof DialogPane pane) {
                        seen.append(": ").append(pane.getHeaderText()).append(" / ").append(pane.getContentText());
                    }
                }
                robot.lookup("." + Styles.FIELD_ERROR).queryAllAs(Labeled.class).stream()
                        .filter(l -> l.getText() != null && !l.getText().isBlank())
                        .forEach(l -> seen.append("\n  form error: ").append(l.getText()));
            });
            Path picture = Files.createDirectories(Path.of("target", "screenshots")).resolve("demo-timeout.png");
            robot.interact(() -> Screenshots.write(client.scene(), picture));
            throw new AssertionError("no " + what + " within " + seconds + " s; on screen:" + seen + "\n  see " + picture, e);
        }
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }

    private static Map<String, String> changes(KitWizardViewModel wizard) {
        Map<String, String> out = new TreeMap<>();
        for (Artifact a : wizard.artifacts()) {
            out.put(a.path(), a.change().name());
        }
        return out;
    }

    private String gridText(String site, String version) {
        MatrixCellNode cell = gridCell(site, version);
        return cell == null ? null : cell.text();
    }

    /** The cell node the grid shows now for the site and Spruce version, or null. */
    private MatrixCellNode gridCell(String site, String version) {
        MatrixViewModel matrix = client.matrixModel();
        int column = matrix.releases().indexOf(new MatrixRelease("Spruce", version));
        int siteIndex = -1;
        for (int i = 0; i < matrix.siteCount(); i++) {
            if (matrix.site(i).name().equals(site)) {
                siteIndex = i;
            }
        }
        if (column < 0 || siteIndex < 0) {
            return null;
        }
        return client.matrixView().grid().visibleCell(matrix.rows().rowOf(siteIndex), column);
    }
}

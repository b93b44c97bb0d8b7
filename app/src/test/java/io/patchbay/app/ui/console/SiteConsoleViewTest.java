package io.patchbay.app.ui.console;

import io.patchbay.app.fixtures.AgentHomeFixture;

import io.patchbay.app.ui.TestScenes;
import io.patchbay.app.ui.task.UiTaskExecutor;
import io.patchbay.model.report.PatchState;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The site console screen, headless, over a real agent home: an operator installs a manual-only patch. */
@ExtendWith(ApplicationExtension.class)
class SiteConsoleViewTest {
    @TempDir
    static Path dir;

    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private UiTaskExecutor tasks;
    private SiteConsoleView view;

    @Start
    void start(Stage stage) {
        tasks = new UiTaskExecutor(1);
        view = new SiteConsoleView(SiteConsoleViewModel.forRealAgents(tasks, dialogs));
        TestScenes.show(stage, view, 1200, 760);
    }

    @AfterEach
    void stop() {
        tasks.shutdown();
    }

    @Test
    void anOperatorOpensTheHomeAndInstallsAManualOnlyPatch(FxRobot robot) throws Exception {
        AgentHomeFixture site = new AgentHomeFixture(dir.resolve("install"));
        site.receive("12.10.11", false, "# Spruce 12.10.11\n\n- Fixes the night batch\n");
        dialogs.folder = site.home;
        assertTrue(robot.lookup("#console-install").queryAs(Button.class).isDisabled(), "nothing to install yet");

        robot.clickOn("#console-open");
        waitUntil(() -> !view.model().patches().isEmpty());

        assertEquals("lyon-plant (Europe/Paris)", robot.lookup("#console-site").queryLabeled().getText());
        assertEquals("waiting", robot.lookup("#console-patches .state-badge .state-text").queryText().getText());
        assertTrue(view.patchTable().getSelectionModel().getSelectedItem().reason().contains("must be installed manually"));
        assertFalse(view.checkTable().getItems().isEmpty(), "the checks of the selected patch are listed");

        robot.clickOn("#console-install");
        waitUntil(() -> !view.model().patches().isEmpty() && view.model().patches().get(0).state() == PatchState.INSTALLED);

        assertEquals("app 12.10.11", site.installedApp());
        assertEquals("installed", robot.lookup("#console-patches .state-badge .state-text").queryText().getText());
        assertEquals("installed: Spruce 12.10.11", robot.lookup("#console-installed").queryLabeled().getText());
        assertEquals("[]", dialogs.errors.toString());
    }

    @Test
    void theConsoleFollowsTheHomeAndShowsANewlyDeliveredReleaseWithoutRefresh(FxRobot robot) throws Exception {
        AgentHomeFixture site = new AgentHomeFixture(dir.resolve("follow"));
        robot.interact(() -> view.model().follow(javafx.application.Platform::runLater, java.time.Duration.ofMillis(200)));
        robot.interact(() -> view.model().open(site.home));
        waitUntil(() -> view.model().homeProperty().get() != null);
        assertTrue(robot.lookup("#console-empty").queryLabeled().getText().startsWith("No patch has reached lyon-plant"),
                robot.lookup("#console-empty").queryLabeled().getText());

        site.receive("12.10.11", false, null);

        waitUntil(() -> view.model().patches().size() == 1);
        assertEquals("waiting", robot.lookup("#console-patches .state-badge .state-text").queryText().getText());

        // A second release arrives above the first: the row the table marks is the one whose checks are shown.
        site.receive("12.10.12", false, null);
        waitUntil(() -> view.model().patches().size() == 2);
        PatchRow marked = view.patchTable().getSelectionModel().getSelectedItem();
        assertEquals(view.model().selectedProperty().get(), marked);
        assertEquals(marked.checks(), view.checkTable().getItems());
        robot.interact(() -> view.model().close());
    }

    private static void waitUntil(BooleanSupplier condition) throws Exception {
        TestScenes.waitUntil(60, condition);
    }
}

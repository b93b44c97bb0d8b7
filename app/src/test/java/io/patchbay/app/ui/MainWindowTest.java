package io.patchbay.app.ui;

import io.patchbay.app.ui.demo.DemoMatrixActions;
import io.patchbay.app.ui.demo.GeneratedMatrixSource;
import io.patchbay.app.ui.matrix.MatrixCellNode;
import io.patchbay.model.matrix.MatrixState;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole client window, headless, on generated matrix data. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private PatchbayClient client;

    @Start
    void start(Stage stage) {
        GeneratedMatrixSource source = new GeneratedMatrixSource(500, 20, Instant.parse("2026-11-22T12:00:00Z"));
        client = PatchbayClient.show(stage, source, new DemoMatrixActions(source), "test data");
    }

    @Test
    void opensOnTheMatrixAtTheNewestReleasesWithTheStatusBar(FxRobot robot) {
        assertTrue(client.matrixView().grid().visibleCell(1, 19) != null, "newest release in view");
        assertTrue(client.matrixView().grid().visibleCell(1, 0) == null, "oldest release scrolled away");
        assertEquals("Worker: not connected", robot.lookup("#status-worker").queryLabeled().getText());
        assertEquals("No background tasks", robot.lookup("#status-tasks").queryLabeled().getText());
    }

    @Test
    void ctrlDigitSwitchesScreensAndUnbuiltScreensSaySo(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);

        assertEquals(Screen.SITES, client.mainModel().screenProperty().get());
        assertTrue(robot.lookup("#nav-sites").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
        assertEquals("Not built yet", robot.lookup("#placeholder-sites .placeholder-title").queryLabeled().getText());

        robot.clickOn("#nav-matrix");
        assertEquals(Screen.MATRIX, client.mainModel().screenProperty().get());
    }

    @Test
    void ctrlTSwitchesBetweenLightAndDarkThemes(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        assertTrue(client.scene().getStylesheets().get(0).endsWith("dark.css"));

        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        assertTrue(client.scene().getStylesheets().get(0).endsWith("light.css"));
    }

    @Test
    void statusBarAndTaskListFollowABackgroundTask(FxRobot robot) throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        robot.interact(() -> io.patchbay.app.ui.task.BackgroundTask.ofVoid("Verify kit", context -> {
            context.updateProgress(1, 4);
            release.await(10, java.util.concurrent.TimeUnit.SECONDS);
        }).executeWith(client.taskExecutor()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Verify kit", robot.lookup("#status-tasks").queryLabeled().getText());

        robot.clickOn("#status-show-tasks");
        assertTrue(robot.lookup(".task-progress-view").tryQuery().isPresent(), "the task list opens");

        release.countDown();
        for (int i = 0; i < 100 && !client.mainModel().runningTasks().isEmpty(); i++) {
            WaitForAsyncUtils.sleep(20, java.util.concurrent.TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals("No background tasks", robot.lookup("#status-tasks").queryLabeled().getText());
    }

    @Test
    void holdFromTheToolbarRunsInTheBackgroundAndTheCellTurnsHeld(FxRobot robot) {
        // A cell Hold means something for (queued, sending or retrying): Hold is offered only there.
        MatrixCellNode cell = null;
        for (int row = 1; cell == null && row < 20; row++) {
            for (int column = 0; cell == null && column < 20; column++) {
                MatrixCellNode c = client.matrixView().grid().visibleCell(row, column);
                if (c != null && c.state() != null && io.patchbay.app.ui.matrix.CellCommand.HOLD.appliesTo(c.state())) {
                    cell = c;
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertNotNull(cell, "a holdable cell in view");
        robot.clickOn(cell);
        robot.clickOn("#matrix-hold");
        WaitForAsyncUtils.waitForFxEvents();
        // The action runs on a task thread; its change comes back through the live-update path.
        for (int i = 0; i < 50 && cell.state() != MatrixState.HELD; i++) {
            WaitForAsyncUtils.sleep(20, java.util.concurrent.TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }

        assertEquals("held", cell.text());
        assertEquals("Hold: 1 cell", robot.lookup("#status-notice").queryLabeled().getText());
    }
}

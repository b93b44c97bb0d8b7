package io.patchbay.app.ui.matrix;

import io.patchbay.app.ui.RecordingDialogService;
import io.patchbay.app.ui.TestScenes;
import io.patchbay.app.ui.task.UiTaskExecutor;
import io.patchbay.model.matrix.MatrixCell;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.report.CheckOutcome;
import io.patchbay.model.workspace.CheckResult;
import io.patchbay.model.workspace.Event;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.patchbay.model.matrix.MatrixState.INSTALLED;
import static io.patchbay.model.matrix.MatrixState.NONE;
import static io.patchbay.model.matrix.MatrixState.QUEUED;
import static io.patchbay.model.matrix.MatrixState.RETRYING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matrix's detail pane, context menu and totals in a real (headless) window. */
@ExtendWith(ApplicationExtension.class)
class MatrixDetailViewTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private final TableMatrixSource source = new TableMatrixSource(List.of("pilot", "broad"), "1.0.0", "1.1.0")
            .site("Graz School", "pilot", INSTALLED, RETRYING)
            .site("Linz Archive", "pilot", INSTALLED, QUEUED)
            .site("Bergen Clinic", "broad", INSTALLED, NONE);
    private final RecordingMatrixActions actions = new RecordingMatrixActions();
    private UiTaskExecutor tasks;
    private MatrixViewModel model;
    private MatrixView view;

    @Start
    void start(Stage stage) {
        tasks = new UiTaskExecutor(1);
        model = new MatrixViewModel(source, actions, tasks, new RecordingDialogService(), Platform::runLater,
                Clock.fixed(NOW, ZoneOffset.UTC));
        // What the workspace would say of a cell: one check per site and release, and one event.
        CellDetails details = (site, release) -> new CellDetail(null,
                List.of(new CheckResult(site, release, "window", CheckOutcome.WAIT, "outside 22:00-04:00", NOW)),
                List.of(), List.of(new Event(1, NOW, "worker-1", "delivery.retrying",
                "Spruce 1.1.0 -> " + source.sites().get(site).name(), "connection refused")), null);
        view = new MatrixView(model, null, new CellDetailModel(model, details, tasks, ZoneId.of("Europe/Paris")));
        Scene scene = TestScenes.show(stage, view, 1300, 600);
        view.grid().scrollTo(0, 0);
    }

    @AfterEach
    void stop() {
        tasks.shutdown();
    }

    @Test
    void clickingACellShowsItsStateChecksAndEventsAndFollowsItLive(FxRobot robot) throws Exception {
        robot.clickOn(view.grid().visibleCell(1, 1)); // Graz School, 1.1.0

        waitFor(() -> view.detailPane().model().checks().size() == 1);
        assertEquals("Graz School (pilot)  ·  Spruce 1.1.0", robot.lookup("#detail-title").queryLabeled().getText());
        assertEquals("retrying", robot.lookup("#detail-state").queryLabeled().getText());
        assertEquals("outside 22:00-04:00", view.detailPane().model().checks().get(0).reason());
        assertEquals("2026-11-22 13:00:00 CET", view.detailPane().model().events().get(0).at(), "times carry their zone");
        assertTrue(!robot.lookup("#detail-next-chance").query().isVisible(), "no next install chance known: no row");

        robot.interact(() -> source.set(0, 1, new MatrixCell(MatrixState.INSTALLED, 0, null, null, null, null)));
        waitFor(() -> "installed".equals(robot.lookup("#detail-state").queryLabeled().getText()));
    }

    @Test
    void theContextMenuOffersOnlyWhatMeansSomethingForTheCellAndRunsIt(FxRobot robot) throws Exception {
        robot.clickOn(view.grid().visibleCell(1, 1), MouseButton.SECONDARY); // Graz School, 1.1.0: retrying

        ContextMenu menu = waitForMenu();
        Map<String, Boolean> enabled = menu.getItems().stream().filter(i -> i.getText() != null)
                .collect(Collectors.toMap(MenuItem::getText, i -> !i.isDisable()));
        assertEquals(Map.of("Deliver now", true, "Retry", true, "Hold", true, "Release hold", false,
                "Open site console", false, "Show events", false), enabled);

        Node retry = robot.lookup(".context-menu .label").queryAll().stream()
                .filter(n -> "Retry".equals(((Labeled) n).getText())).findFirst().orElseThrow();
        robot.clickOn(retry);
        waitFor(() -> actions.calls.equals(List.of("retry [CellRef[site=0, release=1]]")));

        robot.clickOn(view.grid().visibleCell(2, 1), MouseButton.SECONDARY); // Linz Archive, 1.1.0: queued
        ContextMenu again = waitForMenu();
        assertTrue(item(again, "Retry").isDisable(), "a queued delivery has nothing to retry");
        assertTrue(!item(again, "Deliver now").isDisable());
        robot.interact(again::hide);
    }

    @Test
    void releaseHeadersAndRingBandsShowTotals(FxRobot robot) {
        assertEquals("0/2 installed, 0%", view.grid().visibleHeader(1).adoptionText());
        assertEquals("3/3 installed, 100%", view.grid().visibleHeader(0).adoptionText());
        assertEquals("0/2, 0%", view.grid().visibleCell(0, 1).text(), "the pilot band under 1.1.0");
        robot.interact(() -> source.set(1, 1, MatrixCell.of(INSTALLED)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("1/2 installed, 50%", view.grid().visibleHeader(1).adoptionText());
        assertEquals("1/2, 50%", view.grid().visibleCell(0, 1).text());
    }

    private static MenuItem item(ContextMenu menu, String text) {
        return menu.getItems().stream().filter(i -> text.equals(i.getText())).findFirst().orElseThrow();
    }

    private ContextMenu waitForMenu() throws Exception {
        waitFor(() -> view.cellMenu().isShowing());
        return view.cellMenu();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}

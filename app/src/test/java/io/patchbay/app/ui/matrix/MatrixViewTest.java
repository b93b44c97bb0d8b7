package io.patchbay.app.ui.matrix;

import io.patchbay.app.ui.RecordingDialogService;
import io.patchbay.app.ui.Styles;
import io.patchbay.app.ui.TestScenes;
import io.patchbay.app.ui.demo.GeneratedMatrixSource;
import io.patchbay.app.ui.task.CurrentThreadTaskExecutor;
import io.patchbay.model.matrix.MatrixCell;
import io.patchbay.model.matrix.MatrixState;
import javafx.application.Platform;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matrix screen in a real (headless) window on a generated 2,000 x 40 matrix. */
@ExtendWith(ApplicationExtension.class)
class MatrixViewTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private GeneratedMatrixSource source;
    private MatrixViewModel model;
    private MatrixView view;

    @Start
    void start(Stage stage) {
        source = new GeneratedMatrixSource(2_000, 40, NOW);
        model = new MatrixViewModel(source, new RecordingMatrixActions(), new CurrentThreadTaskExecutor(),
                new RecordingDialogService(), Platform::runLater, Clock.fixed(NOW, ZoneOffset.UTC));
        view = new MatrixView(model, null);
        TestScenes.show(stage, view, 1200, 700);
        // Start at the oldest release so the tests can name columns from 0.
        view.grid().scrollTo(0, 0);
    }

    @Test
    void visibleCellsShowTheWordAndStateOfTheirCell() {
        List<MatrixCellNode> cells = visibleSiteCells();

        assertTrue(cells.size() > 100, "cells on screen: " + cells.size());
        for (MatrixCellNode cell : cells) {
            MatrixState state = model.state(cell.siteIndex(), cell.releaseIndex());
            assertEquals(model.cellText(cell.siteIndex(), cell.releaseIndex()), cell.text());
            assertTrue(cell.getPseudoClassStates().contains(Styles.stateClass(state)), "pseudo-class of " + state);
        }
        assertTrue(cells.stream().anyMatch(c -> c.text().equals("installed")));
    }

    @Test
    void onlyTheCellsOnScreenExistAsNodesWhereverItScrolls(FxRobot robot) {
        int before = view.grid().cellNodeCount();
        robot.interact(() -> view.grid().scrollTo(1_500, 30));

        MatrixCellNode far = view.grid().visibleCell(1_500, 30);
        assertNotNull(far);
        assertEquals(model.cellText(far.siteIndex(), 30), far.text());
        assertTrue(view.grid().cellNodeCount() <= before + 60,
                "nodes before " + before + ", after scrolling " + view.grid().cellNodeCount());
        assertTrue(before < 2_000, "a 2,000 x 40 matrix drawn with " + before + " cell nodes");
    }

    @Test
    void typingInTheSearchFieldFiltersTheSites(FxRobot robot) {
        robot.clickOn("#matrix-search").write("0046");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(2, model.rows().size());
        MatrixCellNode cell = view.grid().visibleCell(1, 0);
        assertEquals("Graz Depot 0046", model.site(cell.siteIndex()).name());
        assertEquals("1 of 2,000 sites  ·  40 releases", robot.lookup("#matrix-summary").queryLabeled().getText());
    }

    @Test
    void stateFilterKeepsOnlySitesWithThatStateAndShowsItInTheChooser(FxRobot robot) {
        robot.interact(() -> model.stateFilterProperty().set(java.util.Set.of(MatrixState.ROLLED_BACK)));

        List<MatrixCellNode> cells = visibleSiteCells();
        assertTrue(!cells.isEmpty());
        for (MatrixCellNode cell : cells) {
            boolean hasRolledBack = false;
            for (int release = 0; release < model.releaseCount(); release++) {
                hasRolledBack |= model.state(cell.siteIndex(), release) == MatrixState.ROLLED_BACK;
            }
            assertTrue(hasRolledBack, model.site(cell.siteIndex()).name());
            assertEquals(cell.state() != MatrixState.ROLLED_BACK, cell.getPseudoClassStates().contains(Styles.DIMMED));
        }
        assertEquals("rolled back", robot.lookup("#matrix-states").queryAs(org.controlsfx.control.CheckComboBox.class).getTitle());
    }

    @Test
    void clearingTheFilterInTheModelUnchecksTheChooser(FxRobot robot) {
        robot.interact(() -> model.stateFilterProperty().set(java.util.Set.of(MatrixState.FAILED, MatrixState.ROLLED_BACK)));
        var chooser = robot.lookup("#matrix-states").queryAs(org.controlsfx.control.CheckComboBox.class);
        assertEquals("2 states", chooser.getTitle());

        robot.interact(() -> model.stateFilterProperty().set(java.util.Set.of()));

        assertEquals("Any state", chooser.getTitle());
        assertEquals(0, chooser.getCheckModel().getCheckedItems().size());
        assertEquals(java.util.Set.of(), model.stateFilterProperty().get());
        assertEquals(2_000, model.rows().shownSites());
    }

    @Test
    void clickThenShiftClickSelectsARangeOfCells(FxRobot robot) {
        MatrixCellNode first = view.grid().visibleCell(1, 0);
        MatrixCellNode last = view.grid().visibleCell(3, 2);

        robot.clickOn(first);
        robot.press(KeyCode.SHIFT).clickOn(last).release(KeyCode.SHIFT);

        assertEquals(9, model.selectedCountProperty().get());
        assertTrue(first.isSelected() && last.isSelected());
        assertEquals(!model.enabledProperty(CellCommand.HOLD).get(), robot.lookup("#matrix-hold").queryButton().isDisabled(),
                "Hold is offered exactly when a selected cell can be held");
        assertEquals("9 cells selected", robot.lookup("#matrix-selection").queryLabeled().getText());
    }

    @Test
    void theKeyboardMovesACellCursorThatSelectsAndScrollsIntoView(FxRobot robot) {
        robot.clickOn(view.grid().visibleCell(1, 0));
        robot.type(KeyCode.DOWN).type(KeyCode.RIGHT);
        robot.press(KeyCode.SHIFT).type(KeyCode.RIGHT).release(KeyCode.SHIFT);

        assertEquals(2, model.selectedCountProperty().get());
        MatrixCellNode cursor = view.grid().visibleCell(model.cursorRow(), 2);
        assertTrue(cursor.isCursor() && cursor.isSelected(), "the cursor's cell is marked and selected");
        assertEquals(1, view.grid().visibleCells().values().stream().filter(MatrixCellNode::isCursor).count());

        robot.type(KeyCode.PAGE_DOWN, 5);
        int row = model.cursorRow();
        assertNotNull(view.grid().visibleCell(row, 2), "the grid scrolled to the cursor, row " + row);
        assertTrue(view.grid().visibleCell(row, 2).isCursor());
        assertEquals(1, model.selectedCountProperty().get());
    }

    @Test
    void hoveringACellShowsItsTooltip(FxRobot robot) {
        MatrixCellNode cell = view.grid().visibleCell(2, 1);
        String expected = model.tooltip(cell.siteIndex(), 1);

        robot.moveTo(cell);
        WaitForAsyncUtils.sleep(900, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        javafx.scene.control.Labeled tip = robot.lookup(".tooltip")
                .match((javafx.scene.Node node) -> node instanceof javafx.scene.control.Labeled).queryLabeled();
        assertEquals(expected, tip.getText());
        assertTrue(expected.startsWith(model.site(cell.siteIndex()).name()), expected);
    }

    @Test
    void aLiveChangeRepaintsTheCellInPlace() throws Exception {
        MatrixCellNode cell = view.grid().visibleCell(1, 0);
        int site = cell.siteIndex();
        int nodes = view.grid().cellNodeCount();

        Thread worker = new Thread(() -> source.set(site, 0,
                new MatrixCell(MatrixState.SENDING, 37, null, null, "upload started", NOW)));
        worker.start();
        worker.join();
        WaitForAsyncUtils.waitForFxEvents();

        assertSame(cell, view.grid().visibleCell(1, 0));
        assertEquals("sending 37%", cell.text());
        assertTrue(cell.getPseudoClassStates().contains(Styles.stateClass(MatrixState.SENDING)));
        assertEquals(nodes, view.grid().cellNodeCount());
    }

    private List<MatrixCellNode> visibleSiteCells() {
        List<MatrixCellNode> cells = new ArrayList<>();
        for (MatrixCellNode cell : view.grid().visibleCells().values()) {
            if (cell.siteIndex() >= 0) {
                cells.add(cell);
            }
        }
        return cells;
    }
}

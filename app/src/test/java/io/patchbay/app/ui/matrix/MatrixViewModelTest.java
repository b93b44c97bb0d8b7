package io.patchbay.app.ui.matrix;

import io.patchbay.app.ui.RecordingDialogService;
import io.patchbay.app.ui.task.CurrentThreadTaskExecutor;
import io.patchbay.model.matrix.MatrixCell;
import io.patchbay.model.matrix.MatrixState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.patchbay.model.matrix.MatrixState.FAILED;
import static io.patchbay.model.matrix.MatrixState.INSTALLED;
import static io.patchbay.model.matrix.MatrixState.NONE;
import static io.patchbay.model.matrix.MatrixState.QUEUED;
import static io.patchbay.model.matrix.MatrixState.ROLLED_BACK;
import static io.patchbay.model.matrix.MatrixState.SENDING;
import static io.patchbay.model.matrix.MatrixState.WAITING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The matrix's view model without a Stage: tasks run on the test thread, changes arrive at once. */
class MatrixViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private final TableMatrixSource source = new TableMatrixSource(List.of("internal", "pilot", "broad"),
            "1.0.0", "1.0.1", "1.1.0")
            .site("Bergen Clinic", "broad", INSTALLED, INSTALLED, QUEUED)
            .site("Aarhus Depot", "internal", INSTALLED, INSTALLED, INSTALLED)
            .site("Graz School", "pilot", INSTALLED, FAILED, WAITING)
            .site("Bergen Harbour", "broad", INSTALLED, ROLLED_BACK, NONE)
            .site("Linz Archive", "pilot", INSTALLED, INSTALLED, SENDING);
    private final RecordingMatrixActions actions = new RecordingMatrixActions();
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
    private MatrixViewModel model;

    @BeforeEach
    void open() {
        model = new MatrixViewModel(source, actions, tasks, dialogs, Runnable::run, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void groupsSitesUnderRingHeadersInRingOrder() {
        assertEquals(List.of("# internal", "Aarhus Depot", "# pilot", "Graz School", "Linz Archive",
                "# broad", "Bergen Clinic", "Bergen Harbour"), shownRows());
        assertEquals("pilot  ·  2 sites", model.ringHeaderText(1));
        assertEquals("5 of 5 sites  ·  3 releases", model.summary());
    }

    @Test
    void theSummarySaysOneReleaseNotOneReleases() {
        MatrixViewModel one = new MatrixViewModel(new TableMatrixSource(List.of("pilot"), "1.0.0")
                .site("Graz School", "pilot", INSTALLED), actions, tasks, dialogs, Runnable::run, Clock.systemUTC());
        assertEquals("1 of 1 site  ·  1 release", one.summary());
    }

    @Test
    void searchMatchesPartOfTheSiteNameInAnyCase() {
        model.searchTextProperty().set("BERGEN");

        assertEquals(List.of("# broad", "Bergen Clinic", "Bergen Harbour"), shownRows());
        assertEquals("broad  ·  2 sites", model.ringHeaderText(2));
    }

    @Test
    void ringFilterShowsOneRing() {
        model.ringFilterProperty().set("pilot");

        assertEquals(List.of("# pilot", "Graz School", "Linz Archive"), shownRows());
    }

    @Test
    void stateFilterShowsSitesWithACellInOneOfTheStatesAndFadesTheOthers() {
        model.stateFilterProperty().set(java.util.Set.of(FAILED, ROLLED_BACK));

        assertEquals(List.of("# pilot", "Graz School", "# broad", "Bergen Harbour"), shownRows());
        assertEquals("pilot  ·  1 of 2 sites", model.ringHeaderText(1));
        assertEquals(true, model.isDimmed(INSTALLED));
        assertEquals(false, model.isDimmed(FAILED));
    }

    @Test
    void filtersCombine() {
        model.searchTextProperty().set("bergen");
        model.stateFilterProperty().set(java.util.Set.of(QUEUED));

        assertEquals(List.of("# broad", "Bergen Clinic"), shownRows());
    }

    @Test
    void liveChangeIsAnnouncedAndReadWithoutNewRows() {
        List<String> announced = new ArrayList<>();
        model.addCellListener(change -> announced.add(change.site(0) + "x" + change.release(0)));
        MatrixRows before = model.rows();

        source.set(0, 2, new MatrixCell(SENDING, 42, null, null, "upload started", NOW));

        assertEquals(List.of("0x2"), announced);
        assertSame(before, model.rows());
        assertEquals(SENDING, model.state(0, 2));
        assertEquals("sending 42%", model.cellText(0, 2));
    }

    @Test
    void liveChangeBringsASiteIntoAStateFilter() {
        model.stateFilterProperty().set(java.util.Set.of(FAILED));
        assertEquals(List.of("# pilot", "Graz School"), shownRows());

        source.set(4, 2, MatrixCell.of(FAILED));

        assertEquals(List.of("# pilot", "Graz School", "Linz Archive"), shownRows());
    }

    @Test
    void shiftClickSelectsTheRectangleWithoutRingHeaders() {
        model.select(3, 1, SelectMode.REPLACE);      // Graz School, 1.0.1
        model.select(6, 2, SelectMode.EXTEND);       // Bergen Clinic, 1.1.0

        assertEquals(List.of(new CellRef(0, 1), new CellRef(0, 2), new CellRef(2, 1), new CellRef(2, 2),
                new CellRef(4, 1), new CellRef(4, 2)), model.selectedCells());
        assertEquals(6, model.selectedCountProperty().get());
    }

    @Test
    void theCursorStepsOverRingHeadersStopsAtTheEdgesAndShiftExtendsTheSelection() {
        model.moveCursor(1, 0, 0, 1, SelectMode.REPLACE);   // no cursor yet: the first site row, column 1
        assertEquals(new CellRef(1, 1), model.cursorProperty().get());          // Aarhus Depot
        assertEquals(List.of(new CellRef(1, 1)), model.selectedCells());

        model.moveCursor(1, 0, 0, 0, SelectMode.REPLACE);   // over "# pilot"
        assertEquals(new CellRef(2, 1), model.cursorProperty().get());          // Graz School
        model.moveCursor(-5, -5, 0, 0, SelectMode.REPLACE);
        assertEquals(new CellRef(1, 0), model.cursorProperty().get(), "stops at the first site and release");

        model.moveCursor(2, 1, 0, 0, SelectMode.EXTEND);
        assertEquals(new CellRef(4, 1), model.cursorProperty().get());          // Linz Archive
        assertEquals(List.of(new CellRef(1, 0), new CellRef(1, 1), new CellRef(2, 0), new CellRef(2, 1),
                new CellRef(4, 0), new CellRef(4, 1)), model.selectedCells());

        model.moveCursor(1, 0, 0, 0, null);                 // Ctrl: the cursor moves, the selection stays
        assertEquals(new CellRef(0, 1), model.cursorProperty().get());          // Bergen Clinic, over "# broad"
        assertEquals(6, model.selectedCountProperty().get());
        model.toggleAtCursor();
        assertEquals(7, model.selectedCountProperty().get());
    }

    @Test
    void aClickPutsTheCursorOnTheSitesCellAndAFilterThatHidesItLeavesNoCursorRow() {
        model.select(6, 2, SelectMode.REPLACE);             // Bergen Clinic, 1.1.0
        assertEquals(new CellRef(0, 2), model.cursorProperty().get());
        assertEquals(6, model.cursorRow());

        model.ringFilterProperty().set("pilot");
        assertEquals(-1, model.cursorRow());
        model.moveCursor(1, 0, 0, 0, SelectMode.REPLACE);   // back on the first shown site, same release
        assertEquals(new CellRef(2, 2), model.cursorProperty().get());
    }

    @Test
    void ctrlClickAddsAndRemovesOneCell() {
        model.select(1, 0, SelectMode.REPLACE);
        model.select(3, 2, SelectMode.TOGGLE);
        assertEquals(List.of(new CellRef(1, 0), new CellRef(2, 2)), model.selectedCells());

        model.select(1, 0, SelectMode.TOGGLE);
        assertEquals(List.of(new CellRef(2, 2)), model.selectedCells());
    }

    @Test
    void clickOnARingHeaderSelectsThatReleaseOnItsShownSites() {
        model.select(2, 2, SelectMode.REPLACE);

        assertEquals(List.of(new CellRef(2, 2), new CellRef(4, 2)), model.selectedCells());
    }

    @Test
    void columnAndRowSelection() {
        model.selectColumn(0, SelectMode.REPLACE);
        assertEquals(5, model.selectedCountProperty().get());

        model.selectRow(1, SelectMode.REPLACE);
        assertEquals(List.of(new CellRef(1, 0), new CellRef(1, 1), new CellRef(1, 2)), model.selectedCells());
    }

    @Test
    void filteringDropsHiddenCellsFromTheSelection() {
        model.selectAllShown();
        assertEquals(15, model.selectedCountProperty().get());

        model.searchTextProperty().set("linz");

        assertEquals(List.of(new CellRef(4, 0), new CellRef(4, 1), new CellRef(4, 2)), model.selectedCells());
    }

    @Test
    void deliverNowHandsTheSelectedCellsToTheActionsAndSaysSo() {
        model.select(6, 2, SelectMode.REPLACE); // Bergen Clinic, 1.1.0: queued

        model.deliverNow();

        assertEquals(List.of("deliverNow [CellRef[site=0, release=2]]"), actions.calls);
        assertEquals(List.of("Deliver now: 1 cell"), tasks.executedTitles());
        assertEquals(List.of("Deliver now: 1 cell"), dialogs.notices);
    }

    @Test
    void commandsWithoutSelectionDoNothing() {
        model.retry();
        model.hold();

        assertEquals(List.of(), actions.calls);
        assertEquals(false, model.hasSelectionProperty().get());
    }

    @Test
    void aRefusedActionShowsTheRefusalToTheUser() {
        actions.refusal = "release 1.1.0 is pulled: it cannot be delivered";
        model.select(6, 2, SelectMode.REPLACE);

        model.deliverNow();

        assertEquals(List.of("Deliver now: release 1.1.0 is pulled: it cannot be delivered"), dialogs.errors);
    }

    @Test
    void aCommandIsEnabledOnlyWhereItMeansSomethingAndAppliesToThoseCellsOnly() {
        model.selectRow(6, SelectMode.REPLACE); // Bergen Clinic: installed, installed, queued

        assertEquals(true, model.enabledProperty(CellCommand.DELIVER_NOW).get());
        assertEquals(true, model.enabledProperty(CellCommand.HOLD).get());
        assertEquals(false, model.enabledProperty(CellCommand.RETRY).get(), "nothing retrying");
        assertEquals(false, model.enabledProperty(CellCommand.RELEASE_HOLD).get(), "nothing held");

        model.hold();
        assertEquals(List.of("hold [CellRef[site=0, release=2]]"), actions.calls, "the installed cells are left alone");

        source.set(0, 2, MatrixCell.of(MatrixState.HELD));
        assertEquals(true, model.enabledProperty(CellCommand.RELEASE_HOLD).get(), "follows the cell's new state");
        assertEquals(false, model.enabledProperty(CellCommand.HOLD).get());
    }

    @Test
    void openSiteConsoleAndShowEventsNeedOneSiteOrCellAndSomewhereToGo() {
        List<String> went = new ArrayList<>();
        model.setNavigator(new CellNavigator() {
            @Override
            public boolean hasConsole(String site) {
                return site.equals("Graz School");
            }

            @Override
            public void openConsole(String site) {
                went.add("console " + site);
            }

            @Override
            public boolean hasEvents() {
                return true;
            }

            @Override
            public void showEvents(String subject) {
                went.add("events " + subject);
            }
        });
        model.select(3, 1, SelectMode.REPLACE); // Graz School, 1.0.1: failed
        assertEquals(true, model.canOpenConsoleProperty().get());
        assertEquals(true, model.canShowEventsProperty().get());

        model.openSiteConsole();
        model.showEvents();
        assertEquals(List.of("console Graz School", "events Spruce 1.0.1 -> Graz School"), went);

        model.select(7, 2, SelectMode.REPLACE); // Bergen Harbour, 1.1.0: not targeted
        assertEquals(false, model.canOpenConsoleProperty().get(), "no agent home for this site here");
        assertEquals(false, model.canShowEventsProperty().get(), "a cell that is not targeted has no events");
        model.selectColumn(1, SelectMode.REPLACE);
        assertEquals(false, model.canShowEventsProperty().get(), "events are one cell's");
    }

    @Test
    void totalsPerReleaseAndPerRingCountInstalledSitesOfTheTargetedOnesAndFollowChanges() {
        assertEquals("5/5 installed, 100%", model.releaseAdoption(0).text());
        assertEquals("3/5 installed, 60%", model.releaseAdoption(1).text());
        assertEquals("1/4 installed, 25%", model.releaseAdoption(2).text(), "Bergen Harbour is not targeted");
        assertEquals("1/2, 50%", model.ringAdoption(1, 1).shortText(), "pilot: Graz failed, Linz installed");

        source.set(2, 1, MatrixCell.of(INSTALLED)); // Graz installs 1.0.1 after all

        assertEquals("4/5 installed, 80%", model.releaseAdoption(1).text());
        assertEquals("2/2, 100%", model.ringAdoption(1, 1).shortText());
    }

    @Test
    void cellWordsCarryTheDetailThatFits() {
        source.set(0, 0, new MatrixCell(MatrixState.RETRYING, 0, "connection timed out", NOW.plus(Duration.ofMinutes(10)),
                null, null));
        source.set(0, 1, new MatrixCell(MatrixState.SCHEDULED, 0, null, NOW.plus(Duration.ofDays(3)), null, null));

        assertEquals("retrying 12:10", model.cellText(0, 0));
        assertEquals("scheduled 25 Nov", model.cellText(0, 1));
        assertEquals("", model.cellText(3, 2));
        assertEquals("rolled back", model.cellText(3, 1));
    }

    @Test
    void tooltipNamesSiteReleaseReasonNextTryAndLastEvent() {
        source.set(0, 0, new MatrixCell(MatrixState.RETRYING, 0, "connection timed out", NOW.plus(Duration.ofMinutes(10)),
                "upload failed", NOW.minus(Duration.ofMinutes(1))));

        assertEquals("Bergen Clinic (broad)  ·  Spruce 1.0.0\n"
                + "state: retrying\n"
                + "why: connection timed out\n"
                + "next try: 2026-11-22 12:10 Z\n"
                + "last event: 2026-11-22 11:59 Z  upload failed", model.tooltip(0, 0));
    }

    @Test
    void aSiteInAnUnknownRingIsRefusedWithItsName() {
        TableMatrixSource bad = new TableMatrixSource(List.of("pilot"), "1.0.0").site("Odd Site", "beta", INSTALLED);

        var error = org.junit.jupiter.api.Assertions.assertThrows(io.patchbay.model.PatchbayException.class,
                () -> new MatrixViewModel(bad, actions, tasks, dialogs, Runnable::run, Clock.systemUTC()));
        assertEquals("site Odd Site is in ring beta, which is not one of the rings [pilot]", error.getMessage());
    }

    private List<String> shownRows() {
        MatrixRows rows = model.rows();
        List<String> shown = new ArrayList<>();
        for (int row = 0; row < rows.size(); row++) {
            shown.add(rows.isRingHeader(row) ? "# " + model.rings().get(rows.ringIndex(row))
                    : model.site(rows.siteIndex(row)).name());
        }
        return shown;
    }
}

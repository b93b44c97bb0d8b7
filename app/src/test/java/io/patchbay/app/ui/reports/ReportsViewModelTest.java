package io.patchbay.app.ui.reports;

import io.patchbay.app.report.ReportCharts;
import io.patchbay.app.report.ReportKind;
import io.patchbay.app.report.SummaryTable;
import io.patchbay.app.ui.RecordingDialogService;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.CurrentThreadTaskExecutor;
import io.patchbay.app.ui.workspace.TestWorkspaces;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportsViewModelTest {
    @TempDir
    Path dir;
    private Workspace ws;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private ReportsViewModel model;

    @BeforeEach
    void open() {
        ws = Workspace.open(dir.resolve("ws"));
        Release r = TestWorkspaces.addRelease(ws, "Spruce", "12.10.11", Instant.parse("2026-11-20T09:00:00Z"));
        TestWorkspaces.addSite(ws, "alpha", "broad");
        TestWorkspaces.addSite(ws, "beta", "broad");
        ws.deliveries().enqueue(r.id(), "alpha", TestWorkspaces.PERSON);
        ws.deliveries().enqueue(r.id(), "beta", TestWorkspaces.PERSON);
        Delivery d = ws.deliveries().claim(TestWorkspaces.WORKER, 1, Duration.ofMinutes(1)).get(0);
        ws.deliveries().markDelivered(d.id(), TestWorkspaces.WORKER);
        model = new ReportsViewModel(new WorkspaceSession(ws, "alice"), new CurrentThreadTaskExecutor(), dialogs,
                ZoneOffset.UTC);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void thePerReleaseSummaryIsExportedAsCsvWithATotalRow() throws Exception {
        model.refreshSummaries();
        Path file = dir.resolve("releases.csv");
        dialogs.fileAnswers.add(file);

        model.export(ReportKind.RELEASES, ReportKind.Format.CSV);

        assertEquals("Release,Sites,In outbox,Delivered,Waiting,Installed,Failed,Rolled back by operator,Held,Installed %\r\n"
                + "Spruce 12.10.11,2,1,1,0,0,0,0,0,0%\r\n"
                + "Total,2,1,1,0,0,0,0,0,0%\r\n", Files.readString(file));
    }

    @Test
    void theEventLogExportedFromTheScreenNeutralisesCellsASpreadsheetWouldRun() throws Exception {
        // The screen's export goes through the same CSV writer as `patchbay report`: an actor's name is anything.
        TestWorkspaces.addSite(ws, "gamma", "broad");
        ws.deliveries().enqueue(ws.releases().list().get(0).id(), "gamma", "=HYPERLINK(\"http://x\")");
        model.refreshSummaries();
        Path file = dir.resolve("events.csv");
        dialogs.fileAnswers.add(file);

        model.export(ReportKind.EVENTS, ReportKind.Format.CSV);

        String csv = Files.readString(file);
        assertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"), csv);
        assertTrue(!csv.contains(",=") && !csv.contains(",\"="), csv);
    }

    @Test
    void thePerSiteSummaryCountsReleasesAndIsExportedAsHtmlWithItsChart() throws Exception {
        model.refreshSummaries();
        assertEquals("Releases", model.bySiteProperty().get().header().get(1), "a site's row counts releases");
        assertTrue(model.bySiteProperty().get().toCsv().contains("\r\nbeta (broad),1,1,0,0,0,0,0,0,0%,\r\n"),
                model.bySiteProperty().get().toCsv());
        assertEquals("a\r\n\"x, \"\"y\"\"\"\r\n",
                new SummaryTable("t", List.of("a"), List.of(List.of("x, \"y\"")), false).toCsv());
        Path file = dir.resolve("sites.html");
        dialogs.fileAnswers.add(file);

        model.export(ReportKind.SITES, ReportKind.Format.HTML);

        String html = Files.readString(file);
        assertTrue(html.contains("<td>beta (broad)</td>"), html);
        assertTrue(html.contains("Versions the sites run"), html);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
    }

    @Test
    void theChartsFollowTheWorkspaceAndTheRange() {
        model.refreshSummaries();
        assertEquals(List.of(new ReportCharts.Bar("nothing installed yet", 2)), model.versions());
        assertTrue(model.adoption().isEmpty(), "nothing installed");

        model.fromProperty().set(LocalDate.now(ZoneOffset.UTC).plusDays(2));
        model.untilProperty().set(LocalDate.now(ZoneOffset.UTC).plusDays(1));
        model.refresh();
        assertEquals("the date range ends (" + LocalDate.now(ZoneOffset.UTC).plusDays(1) + ") before it starts ("
                + LocalDate.now(ZoneOffset.UTC).plusDays(2) + ")", model.rangeErrorProperty().get());
    }

    @Test
    void theEventLogFiltersByKindSubjectAndDay() {
        model.kindFilterProperty().set("delivery.");
        model.subjectFilterProperty().set("alpha");
        model.refreshEvents();

        assertTrue(model.events().stream().allMatch(e -> e.kind().startsWith("delivery.") && e.subject().contains("alpha")));
        assertEquals(List.of("delivery.delivered", "delivery.sending", "delivery.queued"),
                model.events().stream().map(EventRow::kind).toList());
        assertTrue(model.events().get(0).at().endsWith(" Z") || model.events().get(0).at().endsWith(" UTC"),
                "the time carries its zone: " + model.events().get(0).at());

        model.fromProperty().set(LocalDate.now(ZoneOffset.UTC).plusDays(1));
        model.refreshEvents();
        assertTrue(model.events().isEmpty());
    }

    @Test
    void showEventsOfACellTurnsToTheEventLogFilteredToIt() {
        model.showEventsOf("Spruce 12.10.11 -> beta");

        assertEquals(ReportsViewModel.EVENTS_TAB, model.tabProperty().get());
        assertEquals(List.of("delivery.queued"), model.events().stream().map(EventRow::kind).toList());
    }
}

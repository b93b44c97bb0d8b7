package io.patchbay.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchbay.app.report.ReportFixture;
import io.patchbay.app.report.SummaryTable;
import io.patchbay.model.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code patchbay report ...} through the real command line over a real workspace. */
class ReportCommandTest {
    @TempDir
    Path dir;
    private String ws;

    private static KitCommandTest.Run run(String... args) {
        return KitCommandTest.run(args);
    }

    @BeforeEach
    void workspace() {
        ReportFixture.create(dir.resolve("acme-support"));
        ws = dir.resolve("acme-support").toString();
    }

    @Test
    void theReleasesCsvCountsSitesPerStateWithATotalAndAnOperatorRollbackIsNoFailure() {
        KitCommandTest.Run r = run("report", "releases", "--workspace", ws);

        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("Release,Sites,In outbox,Delivered,Waiting,Installed,Failed,Rolled back by operator,Held,Installed %",
                lines.get(0));
        assertEquals("Spruce 12.10.12,1,1,0,0,0,0,0,0,0%", lines.get(1));
        assertEquals("Spruce 12.10.11,4,0,0,1,1,1,1,0,25%", lines.get(2), "bravo failed; charlie was an operator's choice");
        assertEquals("Total,5,1,0,1,1,1,1,0,20%", lines.get(3));
    }

    @Test
    void theSitesReportCountsReleasesPerSiteAndNamesTheVersionItRuns() {
        KitCommandTest.Run r = run("report", "sites", "--format", "csv", "--workspace", ws);

        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("Site,Releases,In outbox,Delivered,Waiting,Installed,Failed,Rolled back by operator,Held,"
                + "Installed %,Runs", lines.get(0), "the per-site column counts releases");
        assertEquals("alpha (pilot),2,1,0,0,1,0,0,0,50%,Spruce 12.10.11", lines.get(1), "sites in ring order");
        assertEquals("charlie (broad),1,0,0,0,0,0,1,0,0%,", lines.get(3));
        assertEquals("Total,5,1,0,1,1,1,1,0,20%,", lines.get(5));
    }

    @Test
    void theHtmlReportIsOneSelfContainedPrintableFileWithChartsAndTheWorkspacesName() throws Exception {
        Path out = dir.resolve("out/releases.html");
        Files.createDirectories(out.getParent());

        KitCommandTest.Run r = run("report", "releases", "--format", "html", "--out", out.toString(), "--workspace", ws,
                "--zone", "Europe/Paris");

        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out(), "the report went to the file");
        String html = Files.readString(out);
        assertTrue(html.contains("<title>Patchbay releases report: acme-support</title>"), html);
        assertEquals(3, html.split("<figure>", -1).length - 1, "three charts");
        assertEquals(3, html.split("<svg ", -1).length - 1, "each chart is inline SVG");
        assertTrue(html.contains("Spruce 12.10.11 (1)"), "the adoption line's legend: one site installed it");
        assertTrue(html.contains("rolled back: post-check failed: service did not start"), html);
        assertTrue(html.contains("rolled back by an operator: rolled back by an operator to 12.10.10"), html);
        assertTrue(html.contains("<td class=\"n\">25%</td>"), "numbers right-aligned");
        assertTrue(html.contains("<tr class=\"total\"><td>Total</td>"));
        assertTrue(html.contains("time (Europe/Paris)"), "the time axis names its zone");
        assertTrue(html.contains(" by Patchbay " + io.patchbay.model.BuildInfo.current().line()), "which build made it");
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("src="),
                "nothing to fetch, nothing to run");
        assertFalse(html.contains("1970"), "no epoch dates");
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAsFormulasAreNeutralised() {
        KitCommandTest.Run r = run("report", "events", "--workspace", ws);

        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(",\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"), r.out());
        assertFalse(r.out().contains(",=HYPERLINK"));
        for (String cell : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertEquals("'" + cell, SummaryTable.neutralise(cell));
        }
        assertEquals("alpha", SummaryTable.neutralise("alpha"));
    }

    @Test
    void jsonCarriesTheWorkspaceTheRowsAndTheChartData() throws Exception {
        KitCommandTest.Run r = run("report", "sites", "--format", "json", "--workspace", ws);

        assertEquals(0, r.exit(), r.err());
        JsonNode root = Json.mapper().readTree(r.out());
        assertEquals("acme-support", root.get("workspace").asText());
        assertEquals("Spruce 12.10.11", root.get("sites").get(0).get("Runs").asText(), r.out());
        assertEquals(2, root.get("charts").get("versionDistribution").size(), r.out());
        assertEquals("Patchbay " + io.patchbay.model.BuildInfo.current().line(), root.get("generatedBy").asText(),
                "which build made it, so a report can be traced to its source");
    }

    @Test
    void aDateRangeLimitsTheEventsAndABadOneIsRefusedInOneLineWithNoFileWritten() {
        KitCommandTest.Run none = run("report", "events", "--from", "2030-01-01", "--workspace", ws);
        assertEquals(0, none.exit(), none.err());
        assertEquals(1, none.out().lines().count(), "only the header: no event in 2030");

        Path out = dir.resolve("bad.csv");
        KitCommandTest.Run bad = run("report", "events", "--from", "2026-12-01", "--until", "2026-11-01", "--out", out.toString(),
                "--workspace", ws);
        assertEquals(1, bad.exit());
        assertEquals("patchbay: the date range ends (2026-11-01) before it starts (2026-12-01)\n", bad.err());
        assertFalse(Files.exists(out));

        KitCommandTest.Run format = run("report", "events", "--format", "pdf", "--workspace", ws);
        assertEquals(2, format.exit());
        assertTrue(format.err().contains("pdf"), format.err());
    }
}

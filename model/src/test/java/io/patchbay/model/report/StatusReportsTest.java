package io.patchbay.model.report;

import io.patchbay.model.PatchbayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusReportsTest {
    private static final Instant T = Instant.parse("2026-11-20T09:00:00Z");

    @Test
    void patchReportSurvivesTheRoundTripThroughTheStatusFolder(@TempDir Path status) throws Exception {
        PatchReport report = new PatchReport(StatusReports.SCHEMA, "Spruce-12.10.11.kit", "ab".repeat(32),
                "Spruce", "12.10.11", PatchState.WAITING, "outside the install window 22:00-07:00", T, T, null,
                List.of(new CheckRow("install-window", CheckOutcome.WAIT, "outside the install window 22:00-07:00", T)),
                List.of());

        StatusReports.write(status, report);

        assertEquals(List.of(report), StatusReports.readPatches(status));
        assertTrue(Files.exists(status.resolve("patch-Spruce-12.10.11.kit.json")));
        try (var files = Files.list(status)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void readerIgnoresFieldsANewerAgentAdds() {
        String json = "{\"schema\":1,\"kit\":\"a.kit\",\"state\":\"INSTALLED\",\"futureField\":42}";
        PatchReport report = StatusReports.parsePatch("a", json.getBytes(StandardCharsets.UTF_8));
        assertEquals(PatchState.INSTALLED, report.state());
        assertEquals(List.of(), report.checks());
    }

    @Test
    void malformedReportIsRefusedWithItsSourceNamed() {
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> StatusReports.parsePatch("site-a:status/patch-x.json", "{not json".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("malformed status report site-a:status/patch-x.json: "), e.getMessage());
    }

    @Test
    void kitNamesThatCouldLeaveTheFolderAreRefused() {
        assertThrows(PatchbayException.class, () -> StatusReports.patchFileName("../evil.kit"));
        assertThrows(PatchbayException.class, () -> StatusReports.patchFileName("a/b.kit"));
        assertThrows(PatchbayException.class, () -> StatusReports.patchFileName(".hidden.kit"));
    }
}

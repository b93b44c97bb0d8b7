package io.patchbay.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchbay.app.ui.workspace.TestWorkspaces;
import io.patchbay.model.json.Json;
import io.patchbay.model.workspace.AgentCondition;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.ReportRefusal;
import io.patchbay.model.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

import static io.patchbay.app.cli.KitCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A site whose signed status reports a harvest refused shows it where a support lead looks: {@code status} (text and
 * JSON) and {@code site show}, not only in {@code deliver}'s output; an accepted report takes it away.
 */
class ReportRefusedCommandTest {
    private static final String REASON = "report bundle status-report.bundle refused: not signed by the agent key "
            + "recorded for its site";

    @TempDir
    Path dir;
    private String ws;
    private ReportRefusal refused;

    @BeforeEach
    void aSiteRefusedThreeTimes() {
        try (Workspace w = Workspace.open(dir.resolve("ws"))) {
            Release release = TestWorkspaces.addRelease(w, "Spruce", "12.10.11", Instant.parse("2026-11-20T09:00:00Z"));
            TestWorkspaces.addSite(w, "alpha", "pilot");
            TestWorkspaces.addSite(w, "beta-with-a-long-name", "broad");
            w.deliveries().enqueue(release.id(), "alpha", TestWorkspaces.PERSON);
            w.deliveries().enqueue(release.id(), "beta-with-a-long-name", TestWorkspaces.PERSON);
            w.reportRefusals().refused("alpha", "site alpha: no signed status report", TestWorkspaces.WORKER);
            w.reportRefusals().refused("alpha", "changed", TestWorkspaces.WORKER);
            refused = w.reportRefusals().refused("alpha", REASON, TestWorkspaces.WORKER);
        }
        ws = dir.resolve("ws").toString();
    }

    @Test
    void statusSaysUnderTheAgentsHowOftenWhenAndWhyTheSitesReportWasRefusedAndKeepsTheTableAligned() {
        KitCommandTest.Run text = run("status", "--workspace", ws);
        assertEquals(0, text.exit(), text.err());
        String line = "alpha: status report refused 3 times, last at "
                + AgentCondition.at(refused.at(), ZoneId.systemDefault()) + ": " + REASON;
        assertTrue(text.out().lines().anyMatch(line::equals), text.out());
        assertFalse(text.out().contains("beta-with-a-long-name: status report refused"), text.out());
        String header = text.out().lines().filter(l -> l.startsWith("SITE ") && l.contains("LAST CONTACT")).findFirst()
                .orElseThrow();
        int column = header.indexOf("AGENT");
        text.out().lines().filter(l -> l.startsWith("alpha ") || l.startsWith("beta-with-a-long-name "))
                .filter(l -> l.length() > column && !l.contains("Spruce"))
                .forEach(l -> assertEquals(' ', l.charAt(column - 1), "AGENT column aligned: " + l));
    }

    @Test
    void statusJsonCarriesTheRefusalOnEachRowOfTheSiteAndNullElsewhere() throws Exception {
        KitCommandTest.Run json = run("status", "--workspace", ws, "--json");
        assertEquals(0, json.exit(), json.err());
        JsonNode rows = Json.mapper().readTree(json.out());
        assertEquals(2, rows.size(), json.out());
        for (JsonNode row : rows) {
            JsonNode r = row.get("reportRefused");
            if (row.get("site").asText().equals("alpha")) {
                assertEquals(refused.at().toString(), r.get("at").asText());
                assertTrue(r.get("at").asText().endsWith("Z"), "an instant in UTC: " + r);
                assertEquals(REASON, r.get("reason").asText());
                assertEquals(3, r.get("times").asInt());
            } else {
                assertTrue(r.isNull(), json.out());
            }
        }
    }

    @Test
    void siteShowHasTheRefusalInTextAndJsonAndNothingOnceAReportIsAccepted() throws Exception {
        KitCommandTest.Run text = run("site", "show", "alpha", "--workspace", ws);
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("reportRefused: {\"at\":\"" + refused.at() + "\",\"reason\":\"" + REASON
                + "\",\"times\":3}"), text.out());
        KitCommandTest.Run json = run("site", "show", "alpha", "--workspace", ws, "--json");
        assertEquals(0, json.exit(), json.err());
        JsonNode r = Json.mapper().readTree(json.out()).get("reportRefused");
        assertEquals(refused.at().toString(), r.get("at").asText());
        assertEquals(REASON, r.get("reason").asText());
        assertEquals(3, r.get("times").asInt());

        try (Workspace w = Workspace.open(dir.resolve("ws"))) {
            w.reportRefusals().accepted("alpha");
        }
        assertFalse(run("site", "show", "alpha", "--workspace", ws).out().contains("reportRefused"));
        assertTrue(Json.mapper().readTree(run("site", "show", "alpha", "--workspace", ws, "--json").out())
                .get("reportRefused").isNull());
        assertFalse(run("status", "--workspace", ws).out().contains("status report refused"));
    }
}

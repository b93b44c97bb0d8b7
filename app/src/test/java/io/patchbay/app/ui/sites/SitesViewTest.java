package io.patchbay.app.ui.sites;

import io.patchbay.app.ui.RecordingDialogService;
import io.patchbay.app.ui.Screenshots;
import io.patchbay.app.ui.TestScenes;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.UiTaskExecutor;
import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.workspace.AgentCondition;
import io.patchbay.model.workspace.ReportRefusal;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.Workspace;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Sites screen, headless, over a real workspace: each site's agent with its version, last contact (with its
 * zone) and health; the "not heard from" filter and its setting; sorting by last contact; a site's refused status
 * report in its detail.
 */
@ExtendWith(ApplicationExtension.class)
class SitesViewTest {
    private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");
    private static final long GIB = 1L << 30;

    @TempDir
    static Path dir;

    private Workspace ws;
    private UiTaskExecutor tasks;
    private SitesView view;
    private Scene scene;
    private ReportRefusal bravoRefused;
    private static final String REFUSED = "report bundle status-report.bundle refused: not signed by the agent key "
            + "recorded for its site";

    @Start
    void start(Stage stage) {
        ws = Workspace.open(dir.resolve("ws-" + System.nanoTime()));
        for (String name : List.of("alpha", "bravo", "charlie")) {
            ws.sites().add(SiteSpec.sftp(name, "sftp://patchbay@" + name + ".example:22/patchbay",
                    dir.resolve("id"), dir.resolve("known_hosts")), "alice");
        }
        ws.siteAgents().record("alpha", Optional.empty(), Optional.of(health(NOW.minus(Duration.ofMinutes(1)))));
        ws.siteAgents().record("bravo", Optional.empty(), Optional.of(health(NOW.minus(Duration.ofHours(5)))));
        ws.reportRefusals().refused("bravo", "site bravo: no signed status report", "worker-1");
        bravoRefused = ws.reportRefusals().refused("bravo", REFUSED, "worker-1");
        tasks = new UiTaskExecutor(1);
        view = new SitesView(new SitesViewModel(new WorkspaceSession(ws, "alice"), tasks, new RecordingDialogService(),
                new SiteConnectionTester(ws, "alice"), () -> { }, Clock.fixed(NOW, ZoneId.of("Europe/Paris"))));
        scene = TestScenes.show(stage, view, 1500, 500);
    }

    @AfterEach
    void stop() {
        tasks.shutdown();
        ws.close();
    }

    @Test
    void theTableShowsEachAgentsVersionLastContactAndHealth(FxRobot robot) throws Exception {
        TableView<SiteRow> table = table(robot);
        waitUntil(() -> table.getItems().size() == 3);
        assertEquals(List.of("Name", "Kind", "Endpoint", "Ring", "Channel", "Time zone", "Agent", "Last contact", "Health"),
                table.getColumns().stream().map(TableColumn::getText).toList());
        SiteRow alpha = row(table, "alpha");
        assertEquals("1.4.0", alpha.agentVersion());
        assertEquals("2026-12-02 09:59 CET (1 min ago)", alpha.lastContactText(), "the workstation's zone, named");
        assertEquals("healthy", alpha.condition().text());
        assertEquals("not heard from for 5 h", row(table, "bravo").condition().text());
        assertEquals("never", row(table, "charlie").lastContactText());
        assertEquals("never heard from", row(table, "charlie").condition().text());
        assertTrue(robot.lookup(".agent-health").queryAll().stream()
                .anyMatch(n -> n.getPseudoClassStates().toString().contains("not-heard-from")), "coloured by kind");
        assertTrue(robot.lookup("healthy").tryQuery().isPresent(), "the word is on screen");
    }

    @Test
    void theNotHeardFromFilterFollowsItsSetting(FxRobot robot) throws Exception {
        TableView<SiteRow> table = table(robot);
        waitUntil(() -> table.getItems().size() == 3);

        robot.clickOn("#sites-not-heard-only");
        waitUntil(() -> names(table).equals(List.of("bravo", "charlie")));

        @SuppressWarnings("unchecked")
        Spinner<Integer> after = robot.lookup("#sites-not-heard-after").queryAs(Spinner.class);
        robot.interact(() -> after.getValueFactory().setValue(6 * 60));
        waitUntil(() -> names(table).equals(List.of("charlie")));

        robot.clickOn("#sites-not-heard-only");
        waitUntil(() -> table.getItems().size() == 3);
        assertEquals("healthy", row(table, "bravo").condition().text(), "5 h of silence is within 6 h");
    }

    @Test
    void sortingByLastContactPutsTheLongestSilentFirst(FxRobot robot) throws Exception {
        TableView<SiteRow> table = table(robot);
        waitUntil(() -> table.getItems().size() == 3);
        robot.clickOn("Last contact");
        waitUntil(() -> names(table).equals(List.of("charlie", "bravo", "alpha")));
        robot.clickOn("Last contact");
        waitUntil(() -> names(table).equals(List.of("alpha", "bravo", "charlie")));
    }

    @Test
    void theDetailOfASiteWhoseReportsAreRefusedSaysHowOftenWhenAndWhy(FxRobot robot) throws Exception {
        TableView<SiteRow> table = table(robot);
        waitUntil(() -> table.getItems().size() == 3);
        Label refused = robot.lookup("#site-detail-report-refused").queryAs(Label.class);
        assertFalse(refused.isVisible(), "nothing selected, nothing refused");

        robot.interact(() -> table.getSelectionModel().select(row(table, "bravo")));
        waitUntil(refused::isVisible);
        assertEquals("Status report refused 2 times, last at "
                + AgentCondition.at(bravoRefused.at(), ZoneId.of("Europe/Paris")) + ": " + REFUSED, refused.getText());
        assertTrue(refused.getText().contains(" CET: "), "the time with its zone: " + refused.getText());
        Path folder = Files.createDirectories(Path.of("target/screenshots"));
        Path shot = WaitForAsyncUtils.asyncFx(() -> Screenshots.write(scene, folder.resolve("site-report-refused.png")))
                .get(30, TimeUnit.SECONDS);
        assertTrue(Files.size(shot) > 0);

        robot.interact(() -> table.getSelectionModel().select(row(table, "alpha")));
        waitUntil(() -> !refused.isVisible());
    }

    @SuppressWarnings("unchecked")
    private static TableView<SiteRow> table(FxRobot robot) {
        return robot.lookup("#sites-table").queryAs(TableView.class);
    }

    private static List<String> names(TableView<SiteRow> table) {
        return table.getItems().stream().map(SiteRow::name).toList();
    }

    private static SiteRow row(TableView<SiteRow> table, String name) {
        return table.getItems().stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    private static AgentHealth health(Instant lastTick) {
        return new AgentHealth(StatusReports.SCHEMA, "1.4.0", lastTick.minus(Duration.ofDays(1)), lastTick, null,
                80 * GIB, 40 * GIB, true, AgentHealth.Service.OFF, AgentHealth.Service.OFF);
    }

    private static void waitUntil(BooleanSupplier condition) throws Exception {
        TestScenes.waitUntil(60, condition);
    }
}

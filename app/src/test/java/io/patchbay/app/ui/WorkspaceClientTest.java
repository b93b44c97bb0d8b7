package io.patchbay.app.ui;

import io.patchbay.app.cli.PatchbayCommand;
import io.patchbay.app.ui.kit.BuildSummary;
import io.patchbay.app.ui.kit.KitWizardViewModel;
import io.patchbay.app.ui.matrix.MatrixCellNode;
import io.patchbay.app.ui.workspace.TestWorkspaces;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Workspace;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client on a real workspace, headless: the matrix shows and follows it; the wizard builds a kit. */
@ExtendWith(ApplicationExtension.class)
class WorkspaceClientTest {
    private static Path dir;
    private final CompletableFuture<PatchbayClient> opened = new CompletableFuture<>();
    private Path workspace;

    @BeforeAll
    static void noWebView() throws Exception {
        System.setProperty("patchbay.noWebView", "true");
        dir = Files.createTempDirectory("workspace-client-");
    }

    @AfterAll
    static void webViewAgain() {
        System.clearProperty("patchbay.noWebView");
    }

    @Start
    void start(Stage stage) throws Exception {
        workspace = Files.createTempDirectory(dir, "ws-");
        try (Workspace ws = Workspace.open(workspace)) {
            Release r = TestWorkspaces.addRelease(ws, "Spruce", "12.10.11", Instant.parse("2026-11-20T09:00:00Z"));
            TestWorkspaces.addSite(ws, "alpha", "pilot");
            TestWorkspaces.addSite(ws, "bravo", "broad");
            ws.deliveries().enqueue(r.id(), "alpha", TestWorkspaces.PERSON);
        }
        PatchbayClient.openWorkspace(stage, workspace, opened::complete);
    }

    @Test
    void theMatrixShowsTheWorkspaceAndFollowsTheOutbox(FxRobot robot) throws Exception {
        PatchbayClient client = opened.get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        MatrixCellNode alpha = client.matrixView().grid().visibleCell(1, 0);
        assertNotNull(alpha, "alpha's cell is in view");
        assertEquals(MatrixState.QUEUED, alpha.state());
        assertEquals("queued", alpha.text());
        assertEquals(MatrixState.NONE, client.matrixModel().state(1, 0));

        // Another process (here: the test) takes the delivery, as a worker would.
        client.session().workspace().deliveries().claim(TestWorkspaces.WORKER, 1, Duration.ofMinutes(1));

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> client.matrixView().grid().visibleCell(1, 0).state() == MatrixState.SENDING);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> robot.lookup("#status-worker").queryLabeled().getText().equals("Worker: sending 1 kit now"));
    }

    @Test
    void theRolloutScreenFollowsTheOutboxWithoutRefreshAndDrawsARealChart(FxRobot robot) throws Exception {
        PatchbayClient client = opened.get(30, TimeUnit.SECONDS);
        robot.interact(() -> client.mainModel().show(Screen.ROLLOUT));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> totalsText(robot).contains("queued  1"));
        assertTrue(robot.lookup("#rollout-chart-empty").query().isVisible(), "no delivery yet: words, not an empty chart");
        assertTrue(robot.lookup("#rollout-chart-empty").queryLabeled().getText().startsWith("No site has received"));

        // A worker (here: the test) delivers the kit; nobody presses Refresh.
        var ws = client.session().workspace();
        var d = ws.deliveries().claim(TestWorkspaces.WORKER, 1, Duration.ofMinutes(1)).get(0);
        ws.deliveries().markDelivered(d.id(), TestWorkspaces.WORKER);

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> totalsText(robot).contains("delivered  1"));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.chart.LineChart<?, ?> chart = robot.lookup("#rollout-chart").query();
        assertTrue(chart.isVisible());
        javafx.scene.chart.NumberAxis sites = (javafx.scene.chart.NumberAxis) chart.getYAxis();
        assertEquals(0, sites.getLowerBound());
        assertEquals(1, sites.getUpperBound(), "one site in this release: the axis ends at 1, not 110");
        assertEquals(1, sites.getTickUnit());
        javafx.scene.chart.NumberAxis time = (javafx.scene.chart.NumberAxis) chart.getXAxis();
        assertTrue(time.getUpperBound() - time.getLowerBound() <= 120, "one event: about a minute, not months");
        assertTrue(time.getLowerBound() > Instant.parse("2026-01-01T00:00:00Z").getEpochSecond(), "no 1970");
    }

    private static String totalsText(FxRobot robot) {
        return robot.lookup("#rollout-totals .label").queryAll().stream()
                .map(n -> ((javafx.scene.control.Labeled) n).getText()).toList().toString();
    }

    @Test
    void f5OnTheSitesScreenShowsASiteAddedOutsideTheClient(FxRobot robot) throws Exception {
        PatchbayClient client = opened.get(30, TimeUnit.SECONDS);
        robot.interact(() -> client.mainModel().show(Screen.SITES));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#sites-table").tryQuery().isPresent()
                && robot.lookup("#sites-table").queryTableView().getItems().size() == 2);

        TestWorkspaces.addSite(client.session().workspace(), "charlie", "broad"); // as `patchbay site add` would
        robot.type(javafx.scene.input.KeyCode.F5);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#sites-table").queryTableView().getItems().size() == 3);
    }

    @Test
    void theWizardBuildsAKitThatKitVerifyAccepts(FxRobot robot) throws Exception {
        PatchbayClient client = opened.get(30, TimeUnit.SECONDS);
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.createDirectories(source.resolve("lib"));
        Files.writeString(source.resolve("lib/core.jar"), "core");
        Files.writeString(source.resolve("debug.log"), "not shipped");
        Path keys = Files.createDirectories(dir.resolve("keys"));
        SigningKeys.init(keys);

        robot.interact(() -> client.openKitWizard(null));
        KitWizardViewModel model = client.kitWizard().model();
        // Choosers are native windows: the test answers them through the model.
        robot.interact(() -> model.useSourceFolder(source));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.artifacts().size() == 2);
        robot.clickOn("#wizard-glob").write("*.log");
        robot.clickOn("#wizard-select-none");
        robot.clickOn("#wizard-glob").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .type(KeyCode.BACK_SPACE);
        assertEquals("1 of 2 files selected, 4 B", robot.lookup("#wizard-selection").queryLabeled().getText());
        robot.clickOn("#wizard-next");
        robot.clickOn("#wizard-next");
        robot.clickOn("#wizard-product").write("Spruce");
        robot.clickOn("#wizard-version").write("12.10.12");
        robot.clickOn("#wizard-requires").write("12.10.x");
        assertTrue(model.manifest().errorProperty("requires").get().contains("12.10.x"));
        robot.clickOn("#wizard-next");
        assertEquals(2, model.stepProperty().get(), "an invalid manifest keeps the wizard on step 3");
        robot.type(KeyCode.ENTER);
        robot.clickOn("#wizard-requires").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("12.10.11");
        assertTrue(model.manifest().isValid(), model.manifest().rawTextProperty().get());
        robot.clickOn("#wizard-next");
        robot.clickOn("#wizard-notes").write("Faster export");
        // The preview (in its VBox under a title) renders what was typed; this test runs without WebView, so it
        // proves the wiring and the layout, not WebView's painting (a blank preview was reported from Xvfb screenshots).
        javafx.scene.control.TextInputControl preview = robot.lookup("#wizard-preview")
                .queryAs(javafx.scene.control.TextInputControl.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                preview.getText().contains("Faster export")).get());
        assertTrue(preview.getWidth() > 100 && preview.getHeight() > 100,
                "the preview has room: " + preview.getWidth() + " x " + preview.getHeight());
        robot.clickOn("#wizard-next");
        Path kit = dir.resolve("out").resolve("Spruce-12.10.12.kit");
        robot.interact(() -> {
            model.keyFileProperty().set(keys.resolve(SigningKeys.PRIVATE_FILE));
            model.outFileProperty().set(kit);
        });
        robot.clickOn("#wizard-build");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.resultProperty().get() != null);

        BuildSummary summary = model.resultProperty().get();
        assertEquals(1, summary.payloadFiles());
        StringWriter out = new StringWriter();
        int exit = PatchbayCommand.commandLine(new PrintWriter(out), new PrintWriter(new StringWriter()))
                .execute("kit", "verify", kit.toString(), "--trust", keys.resolve(SigningKeys.PUBLIC_FILE).toString());
        assertEquals(0, exit, out.toString());
        assertTrue(out.toString().startsWith("valid: Spruce 12.10.12"), out.toString());

        // Two-person signing: QA signs the kit just built (the key chooser is native; the model takes its answer).
        Path qa = Files.createDirectories(dir.resolve("qa"));
        SigningKeys.init(qa);
        robot.interact(() -> model.signWith(qa.resolve(SigningKeys.PRIVATE_FILE)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.resultProperty().get().signers().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, robot.lookup("#wizard-signers").queryLabeled().getText().lines().count());
        Files.createDirectories(Path.of("target", "screenshots"));
        robot.interact(() -> Screenshots.write(robot.lookup("#wizard-signers").query().getScene(),
                Path.of("target", "screenshots", "wizard-two-signers.png")));

        robot.clickOn("#wizard-add");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.addedReleaseProperty().get() != null);
        assertTrue(client.session().workspace().releases().list().stream()
                .anyMatch(r -> r.title().equals("Spruce 12.10.12")));
    }
}

package io.patchbay.app.ui;

import io.patchbay.app.ui.demo.SampleWorkspace;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.AgentReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.DeltaImport;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.ReleaseDelta;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.Workspace;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The screens issue 12 changed, on the sample workspace plus a delta of Spruce 12.10.11 from 12.10.10 sent to two
 * more sites on 12.10.10: one installs it, the other needs the full kit and gets it. The Reports screen's Deltas tab
 * counts them, and the matrix says which kit each cell got; both are saved under target/screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class DeltaScreensTest {
    private static final String WHY = "needs the full kit: payload/lib/spruce-core.jar: the installed file is not "
            + "Spruce 12.10.10's (changed on this site?)";
    private final CompletableFuture<PatchbayClient> opened = new CompletableFuture<>();

    private static Path sample;

    /** Made off the FX thread: on a busy machine it outlasts TestFX's setup time. */
    @org.junit.jupiter.api.BeforeAll
    static void sample() throws Exception {
        sample = Files.createTempDirectory("delta-screens-");
        SampleWorkspace.create(sample);
        try (Workspace ws = Workspace.open(sample.resolve("workspace"))) {
            sendDeltas(ws, sample.resolve("keys"));
        }
    }

    @Start
    void start(Stage stage) {
        System.setProperty("patchbay.noWebView", "true");
        PatchbayClient.openWorkspace(stage, sample.resolve("workspace"), opened::complete);
    }

    @Test
    void reportsCountTheDeltasAndTheMatrixSaysWhichKitWasSent() throws Exception {
        PatchbayClient client = opened.get(300, TimeUnit.SECONDS);
        Path folder = Files.createDirectories(Paths.get("target", "screenshots"));

        onFx(() -> {
            client.mainModel().show(Screen.REPORTS);
            ((TabPane) client.scene().lookup("#reports-tabs")).getSelectionModel().select(4);
        });
        @SuppressWarnings("unchecked")
        TableView<List<String>> table = (TableView<List<String>>) client.scene().lookup("#reports-deltas");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (table.getItems().size() < 2 && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertEquals(List.of("Spruce 12.10.11", "2", "1", "1", "1 x " + WHY), table.getItems().get(0));
        Path reports = onFx(() -> Screenshots.write(client.scene(), folder.resolve("reports-deltas.png")));

        var m = client.matrixModel();
        onFx(() -> client.mainModel().show(Screen.MATRIX));
        String sent = null;
        for (int site = 0; site < m.siteCount(); site++) {
            if (m.site(site).name().equals("delta-kiel")) {
                int s = site;
                int release = m.releaseCount() - 1;
                sent = m.cell(s, release).sent();
                assertEquals(MatrixState.INSTALLED, m.cell(s, release).state());
                onFx(() -> m.select(m.rows().rowOf(s), release, io.patchbay.app.ui.matrix.SelectMode.REPLACE));
            }
        }
        assertEquals("full kit Spruce-12.10.11.kit (after the delta was refused: " + WHY + ")", sent);
        // The matrix screen is drawn, its detail pane shows the cell and has read its rows in the background.
        javafx.scene.control.Label sentLine = (javafx.scene.control.Label) client.scene().lookup("#detail-sent");
        end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((sentLine == null || !sentLine.isVisible() || sentLine.getScene() == null
                || client.scene().lookup("#detail-attempts") == null
                || ((javafx.scene.control.ListView<?>) client.scene().lookup("#detail-attempts")).getItems().isEmpty())
                && System.nanoTime() < end) {
            Thread.sleep(200);
            sentLine = (javafx.scene.control.Label) client.scene().lookup("#detail-sent");
        }
        assertEquals("sent: " + sent, sentLine.getText());
        assertTrue(client.scene().lookup("#reports-deltas") == null, "the matrix is drawn, not the Reports screen");
        Thread.sleep(300); // one more pulse, so the snapshot has the laid-out pane
        Path matrix = onFx(() -> Screenshots.write(client.scene(), folder.resolve("matrix-delta-fallback.png")));
        assertTrue(Files.size(reports) > 10_000 && Files.size(matrix) > 10_000);
    }

    /** Two more sites on 12.10.10: the worker's own steps, each site's report as its agent would write it. */
    private static void sendDeltas(Workspace ws, Path keys) throws Exception {
        Release r = ws.releases().list().stream().filter(x -> x.version().equals(Version.parse("12.10.11")))
                .findFirst().orElseThrow();
        ReleaseDelta delta = DeltaImport.build(ws, r, Version.parse("12.10.10"),
                SigningKeys.readPrivate(keys.resolve(SigningKeys.PRIVATE_FILE)), "release-manager").delta();
        Instant now = Instant.now();
        for (String site : List.of("delta-jena", "delta-kiel")) {
            ws.sites().add(SiteSpec.sftp(site, "sftp://patchbay@" + site + ".example.net:22/srv/patchbay",
                    keys.resolve("id_ed25519"), keys.resolve("known_hosts")).withRing("broad"), "release-manager");
            ws.siteAgents().record(site, Optional.of(new AgentReport(StatusReports.SCHEMA, "1.0.0", now,
                    Map.of("Spruce", "12.10.10"), false)), Optional.empty());
            ws.deliveries().enqueue(r.id(), site, "release-manager");
        }
        send(ws);
        report(ws, "delta-jena", delta.kitFile(), PatchState.INSTALLED, null);
        report(ws, "delta-kiel", delta.kitFile(), PatchState.REJECTED, WHY);
        send(ws);
        report(ws, "delta-kiel", r.kitFile(), PatchState.INSTALLED, null);
    }

    private static void send(Workspace ws) {
        for (Delivery d : ws.deliveries().claim("worker", 10, Duration.ofMinutes(1))) {
            if (d.siteName().startsWith("delta-")) {
                ws.deliveries().route(d.id(), "worker");
                ws.deliveries().markDelivered(d.id(), "worker");
            } else {
                ws.deliveries().markFailed(d.id(), "worker", "not in this test", Duration.ofHours(1));
            }
        }
    }

    private static void report(Workspace ws, String site, String kit, PatchState state, String reason) {
        Instant now = Instant.now();
        ws.reports().record(site, new PatchReport(StatusReports.SCHEMA, kit, "0".repeat(64), "Spruce", "12.10.11",
                state, reason, now, now, null, List.of(), List.of()), "worker");
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                done.complete(work.call());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(60, TimeUnit.SECONDS);
    }

    private static void onFx(Runnable work) throws Exception {
        onFx(() -> {
            work.run();
            return null;
        });
    }
}

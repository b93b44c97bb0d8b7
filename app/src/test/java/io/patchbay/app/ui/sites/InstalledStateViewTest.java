package io.patchbay.app.ui.sites;

import io.patchbay.app.fixtures.AgentHomeFixture;
import io.patchbay.app.ui.RecordingDialogService;
import io.patchbay.app.ui.Screenshots;
import io.patchbay.app.ui.TestScenes;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.UiTaskExecutor;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.workspace.KitImport;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.fixtures.OpenSshServer;
import io.patchbay.transport.outbox.SftpSitePusher;
import io.patchbay.transport.sftp.SftpPusher;
import io.patchbay.transport.sftp.SftpTimeouts;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Verify installed state" in the site detail, headless on a real scene: a real agent installed Spruce 12.10.11,
 * whose install hook edited an installed file as a person tuning the site would; the site is reached over a real
 * OpenSSH sshd. The check names that file, says when it was checked with the zone, and an offline site is told how
 * to bring its state by hand.
 */
@ExtendWith(ApplicationExtension.class)
class InstalledStateViewTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    static Path dir;

    private static OpenSshServer sshd;
    private static Workspace ws;
    private UiTaskExecutor tasks;
    private Scene scene;

    /** The site and the workspace, once: an install in a child JVM is slow on a loaded machine. */
    @BeforeAll
    static void installedAtLyon() throws Exception {
        Path here = Files.createDirectories(dir.resolve("run-" + System.nanoTime()));
        sshd = OpenSshServer.start(here.resolve("sshd"));
        AgentHomeFixture site = new AgentHomeFixture(here);
        Path hooks = Files.createDirectories(here.resolve("hooks"));
        Files.writeString(hooks.resolve("install"),
                "#!/bin/sh\nprintf ' # tuned for lyon\\n' >> \"$PATCHBAY_INSTALL_ROOT/bin/app.jar\"\n");
        Files.setPosixFilePermissions(hooks.resolve("install"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path kit = site.receive("12.10.11", false, null, hooks);
        site.installNow("12.10.11");
        assertEquals("app 12.10.11 # tuned for lyon\n", site.installedApp(), "the hook changed the installed file");

        ws = Workspace.open(here.resolve("ws"));
        KitImport.add(ws, kit, List.of(SigningKeys.readPublic(site.signingPub)), "alice");
        ws.sites().add(SiteSpec.sftp("lyon-plant", sshd.url(site.home), sshd.userKey(), sshd.knownHosts()), "alice");
        ws.sites().add(SiteSpec.offline("oslo-offline"), "alice");
        try (SftpPusher sftp = new SftpPusher()) { // the worker's harvest: the matrix learns 12.10.11 is installed
            SftpSitePusher pusher = new SftpSitePusher(sftp, SftpTimeouts.DEFAULTS, ws);
            pusher.harvest(ws.sites().get("lyon-plant")).record(ws, "lyon-plant", "worker");
        }
    }

    @Start
    void start(Stage stage) {
        tasks = new UiTaskExecutor(2);
        SitesView view = new SitesView(new SitesViewModel(new WorkspaceSession(ws, "alice"), tasks,
                new RecordingDialogService(), new SiteConnectionTester(ws, "alice"), () -> { }, Clock.system(PARIS)));
        scene = TestScenes.show(stage, view, 1260, 720); // within the headless screen (1280x800)
    }

    @AfterEach
    void stop() {
        tasks.shutdown();
    }

    @AfterAll
    static void close() {
        if (ws != null) {
            ws.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void aFileChangedOnTheSiteIsNamedWithWhenItWasChecked(FxRobot robot) throws Exception {
        select(robot, "lyon-plant");
        waitUntil(() -> text(robot, "#site-detail-installed").equals("Installed: Spruce 12.10.11"));
        Button verify = robot.lookup("#site-verify-state").queryButton();
        assertFalse(verify.isDisabled());

        robot.clickOn(verify);
        waitUntil(() -> !text(robot, "#site-verify-summary").isEmpty());

        assertEquals("Differs from the release's signed checksums: 0 as released, 1 changed, 0 missing, 0 extra",
                text(robot, "#site-verify-summary"), sshd.log());
        @SuppressWarnings("unchecked")
        ListView<String> differences = robot.lookup("#site-verify-differences").queryAs(ListView.class);
        assertEquals(List.of("changed  install/bin/app.jar"), differences.getItems());
        String checked = text(robot, "#site-verify-checked");
        assertTrue(checked.matches("Checked \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d CET, Spruce 12\\.10\\.11 "
                + "\\(installation \\d+\\), state in .*lyon-plant-12\\.10\\.11-.*"), checked);
        Path state = Path.of(checked.substring(checked.indexOf("state in ") + "state in ".length()));
        assertEquals("app 12.10.11 # tuned for lyon\n", Files.readString(state.resolve("install/bin/app.jar")),
                "the state brought back is the site's, for a person to look at");
        assertTrue(robot.lookup("#site-verify-summary").query().getPseudoClassStates().toString().contains("differs"));
        assertTrue(robot.lookup("#site-verify-cancel").queryButton().isDisabled(), "nothing left to cancel");

        Path folder = Files.createDirectories(Path.of("target/screenshots"));
        Path shot = WaitForAsyncUtils.asyncFx(() -> Screenshots.write(scene, folder.resolve("site-verify-state.png")))
                .get(30, TimeUnit.SECONDS);
        assertTrue(Files.size(shot) > 0);
    }

    @Test
    void anOfflineSiteIsToldHowToBringItsStateByHand(FxRobot robot) throws Exception {
        select(robot, "oslo-offline");
        waitUntil(() -> text(robot, "#site-detail-installed").startsWith("No installed release reported yet"));
        assertTrue(robot.lookup("#site-verify-state").queryButton().isDisabled(), "nothing installed to verify");
    }

    private static void select(FxRobot robot, String name) throws Exception {
        @SuppressWarnings("unchecked")
        TableView<SiteRow> table = robot.lookup("#sites-table").queryAs(TableView.class);
        waitUntil(() -> table.getItems().size() == 2);
        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(r -> r.name().equals(name)).findFirst().orElseThrow()));
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static void waitUntil(BooleanSupplier condition) throws Exception {
        TestScenes.waitUntil(120, condition);
    }
}

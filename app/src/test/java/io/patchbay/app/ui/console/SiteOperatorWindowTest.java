package io.patchbay.app.ui.console;

import io.patchbay.app.fixtures.AgentHomeFixture;

import io.patchbay.app.ui.SiteOperatorWindow;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Site operator mode: the Site console alone on an agent home, no workspace anywhere. */
@ExtendWith(ApplicationExtension.class)
class SiteOperatorWindowTest {
    @TempDir
    static Path dir;
    private SiteOperatorWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop(FxRobot robot) {
        if (window != null) {
            robot.interact(window::close);
        }
    }

    @Test
    void guiWithAnAgentHomeOpensTheConsoleAloneCreatesNoWorkspaceAndFollowsTheHome(FxRobot robot) throws Exception {
        AgentHomeFixture site = new AgentHomeFixture(dir.resolve("site"));
        Path workspace = dir.resolve("workspace");
        robot.interact(() -> window = (SiteOperatorWindow) io.patchbay.app.ui.PatchbayApplication.open(stage, workspace,
                site.home));

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return "lyon-plant (Europe/Paris)".equals(robot.lookup("#console-site").queryLabeled().getText());
        });
        assertTrue(stage.getTitle().startsWith("Patchbay site console - "), stage.getTitle());
        assertTrue(robot.lookup("#matrix-pane").tryQuery().isEmpty(), "no matrix, no workspace screens");

        site.receive("12.10.11", false, null); // a delivery lands while the operator looks
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return window.view().model().patches().size() == 1;
        });
        assertTrue(!Files.exists(workspace), "patchbay gui --agent-home creates no workspace");
    }
}

package io.patchbay.app.ui.desktop;

import io.patchbay.app.ui.PatchbayClient;
import io.patchbay.app.ui.help.HelpViewModel;
import io.patchbay.app.ui.workspace.TestWorkspaces;
import io.patchbay.model.BuildInfo;
import io.patchbay.model.workspace.Workspace;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The File and Help menus on a real workspace, headless: switching workspaces in one window, help and About. */
@ExtendWith(ApplicationExtension.class)
class DesktopMenusTest {
    private static Path first;
    private static Path second;
    private final CompletableFuture<PatchbayClient> opened = new CompletableFuture<>();
    private Stage stage;

    /** Made off the FX thread: creating a workspace's database under load must not run into TestFX's set-up time. */
    @BeforeAll
    static void workspaces() throws Exception {
        Path dir = Files.createTempDirectory("desktop-menus-");
        first = workspace(dir.resolve("acme"), "alpha");
        second = workspace(dir.resolve("globex"), "bravo");
        // The person opened the second one before: it is in their recent list.
        new RecentWorkspaces(Path.of(System.getProperty("patchbay.config.dir"))).add(second);
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        PatchbayClient.openWorkspace(stage, first, opened::complete);
    }

    @Test
    void openRecentTurnsTheSameWindowToTheOtherWorkspaceBehindTheOpeningCover(FxRobot robot) throws Exception {
        PatchbayClient old = opened.get(30, TimeUnit.SECONDS);
        assertEquals("Patchbay - " + first, stage.getTitle());
        List<Scene> scenes = new CopyOnWriteArrayList<>();
        robot.interact(() -> stage.sceneProperty().addListener((o, was, now) -> scenes.add(now)));

        // The recent list is read in the background and a submenu opens on hover: wait for the item, never for time.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> PatchbayClient.of(stage).workspaceMenuModel().recent().contains(second));
        robot.clickOn("File").clickOn("Open recent");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(second.toString()).tryQuery().isPresent());
        robot.clickOn(second.toString());

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            PatchbayClient now = PatchbayClient.of(stage);
            return now != old && now.session() != null;
        });
        PatchbayClient now = PatchbayClient.of(stage);
        assertEquals(second, now.session().workspace().dir());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ("Patchbay - " + second).equals(stage.getTitle()));
        assertTrue(stage.isShowing(), "one window all along, no restart");
        assertNotNull(scenes.get(0).getRoot().lookup("#window-cover"),
                "the first frame after the switch is the cover, never a black or empty window");
        assertTrue(((javafx.scene.control.Label) scenes.get(0).getRoot().lookup("#window-cover")).getText()
                .startsWith("Opening workspace " + second), "the cover says what opens");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> now.matrixModel() != null && now.matrixModel().siteCount() == 1);
        assertEquals("bravo", now.matrixModel().site(0).name());
        assertEquals(List.of(second, first), List.copyOf(
                new RecentWorkspaces(Path.of(System.getProperty("patchbay.config.dir"))).read().subList(0, 2)));
    }

    @Test
    void aboutNamesTheBuildTheRuntimesAndTheOpenWorkspace(FxRobot robot) throws Exception {
        opened.get(30, TimeUnit.SECONDS);

        robot.clickOn("Help").clickOn("About Patchbay");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#about-version").tryQuery().isPresent());
        assertEquals(BuildInfo.current().version(), text(robot, "#about-version"));
        assertEquals(BuildInfo.current().source(), text(robot, "#about-build"));
        assertEquals(System.getProperty("javafx.runtime.version"), text(robot, "#about-javafx"));
        assertTrue(text(robot, "#about-java").startsWith(System.getProperty("java.version")));
        assertEquals(first.toString(), text(robot, "#about-workspace"));
    }

    @Test
    void f1OpensTheReadmeAsHelpPagesAndTheShortcutsPageListsTheMenusKeys(FxRobot robot) throws Exception {
        opened.get(30, TimeUnit.SECONDS);

        robot.press(KeyCode.F1).release(KeyCode.F1);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#help-pages").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ListView<io.patchbay.app.ui.help.HelpPage> pages = robot.lookup("#help-pages").queryAs(ListView.class);
        List<String> titles = pages.getItems().stream().map(io.patchbay.app.ui.help.HelpPage::title).toList();
        assertTrue(titles.containsAll(List.of("Overview", "Run it", "Ship a kit", HelpViewModel.SHORTCUTS)), titles.toString());
        assertEquals("Overview", pages.getSelectionModel().getSelectedItem().title());

        robot.interact(() -> PatchbayClient.of(stage).showHelp(HelpViewModel.SHORTCUTS));
        assertEquals(HelpViewModel.SHORTCUTS, pages.getSelectionModel().getSelectedItem().title());
        Window help = pages.getScene().getWindow();
        assertNotEquals(stage, help);
        assertEquals("Patchbay help", ((Stage) help).getTitle());
    }

    /** TestFX keeps one stage for every test: windows a test opened must not take the next test's keys. */
    @AfterEach
    void closeOtherWindows(FxRobot robot) {
        robot.interact(() -> List.copyOf(Window.getWindows()).stream().filter(w -> w != stage).forEach(Window::hide));
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextField.class).getText();
    }

    private static Path workspace(Path dir, String site) {
        try (Workspace ws = Workspace.open(dir)) {
            TestWorkspaces.addRelease(ws, "Spruce", "12.10.11", Instant.parse("2026-11-20T09:00:00Z"));
            TestWorkspaces.addSite(ws, site, "pilot");
        }
        return dir.toAbsolutePath().normalize();
    }
}

package io.patchbay.app.ui.kit;

import io.patchbay.app.ui.RecordingDialogService;
import io.patchbay.app.ui.TestScenes;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.UiTaskExecutor;
import io.patchbay.model.kit.DeltaApplier;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.ManifestCodec;
import io.patchbay.model.kit.VerifiedKit;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Version;
import io.patchbay.model.workspace.KitImport;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Workspace;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
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
import java.security.KeyPair;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wizard on a workspace that holds Spruce 1.0.0 and 1.0.1: building 1.1.0 (one file of twenty changed by a few
 * bytes) offers a delta from the newest earlier release, builds it beside the kit in the same background task, shows
 * both kits and the delta's share of the full kit, and adds both to the workspace. Saved as a screenshot.
 */
@ExtendWith(ApplicationExtension.class)
class KitWizardDeltaTest {
    @TempDir
    static Path dir;

    private static Workspace ws;
    private static Path keyFile;
    private static Path next;
    private UiTaskExecutor tasks;
    private KitWizardViewModel model;

    /** The workspace and kits are made once, off the FX thread (a slow start would miss TestFX's setup time). */
    @BeforeAll
    static void workspace() throws Exception {
        ws = Workspace.open(dir.resolve("ws"));
        SigningKeys.init(Files.createDirectories(dir.resolve("keys")));
        keyFile = dir.resolve("keys").resolve(SigningKeys.PRIVATE_FILE);
        Path v100 = tree(dir.resolve("spruce-1.0.0"), false);
        addRelease(v100, "1.0.0");
        addRelease(v100, "1.0.1");
        next = tree(dir.resolve("spruce-1.1.0"), true);
    }

    @AfterAll
    static void closeWorkspace() {
        ws.close();
    }

    @Start
    void start(Stage stage) {
        tasks = new UiTaskExecutor(1);
        model = new KitWizardViewModel(new WorkspaceSession(ws, "alice"), tasks, new RecordingDialogService(),
                Platform::runLater);
        model.startFrom(next, keyFile);
        KitWizardView view = new KitWizardView(model, release -> { }, () -> { });
        Scene scene = TestScenes.show(stage, view, 1180, 760);
        model.loadReleases();
    }

    @AfterEach
    void stop() {
        tasks.shutdown();
    }

    @Test
    void buildsTheDeltaFromTheNewestEarlierReleaseBesideTheKitAndAddsBoth(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.artifacts().size() == 20
                && !model.scanningProperty().get());
        for (int i = 0; i < 4; i++) {
            robot.clickOn("#wizard-next");
        }
        CheckBox delta = robot.lookup("#wizard-delta").queryAs(CheckBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<Release> base = robot.lookup("#wizard-delta-base").queryAs(ComboBox.class);
        assertTrue(delta.isSelected() && !delta.isDisabled(), "offered, since earlier releases exist");
        assertEquals(List.of("Spruce 1.0.1", "Spruce 1.0.0"), base.getItems().stream().map(Release::title).toList());
        assertEquals("Spruce 1.0.1", base.getValue().title(), "the newest earlier release by default");

        robot.clickOn("#wizard-build");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        BuildSummary built = model.resultProperty().get();
        Path deltaKit = built.kit().resolveSibling("Spruce-1.0.1-1.1.0.delta.kit");
        assertEquals(deltaKit.toString(), label(robot, "#wizard-delta-kit"));
        long full = Files.size(built.kit());
        long small = Files.size(deltaKit);
        assertTrue(small * 10 < full, small + " B of " + full + " B");
        assertTrue(label(robot, "#wizard-delta-size").endsWith(
                String.format(java.util.Locale.ROOT, "%.2f %% of the full kit", 100.0 * small / full)),
                label(robot, "#wizard-delta-size"));
        VerifiedKit verified = DeltaApplier.verify(deltaKit, List.of(SigningKeys.readPublic(
                keyFile.resolveSibling(SigningKeys.PUBLIC_FILE))));
        assertEquals(Version.parse("1.0.1"), verified.manifest().delta().version());
        assertEquals(1.0, robot.lookup("#wizard-progress").queryAs(javafx.scene.control.ProgressBar.class)
                .getProgress(), 1e-9);

        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        robot.interact(() -> io.patchbay.app.ui.Screenshots.write(robot.lookup("#kit-wizard").query().getScene(),
                shots.resolve("kit-wizard-delta.png")));

        robot.clickOn("#wizard-add");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.addedReleaseProperty().get() != null);
        Release added = model.addedReleaseProperty().get();
        assertEquals(List.of("Spruce-1.0.1-1.1.0.delta.kit"),
                ws.releaseDeltas().of(added.id()).stream().map(d -> d.kitFile()).toList());
    }

    @Test
    void noDeltaIsOfferedForAProductWithoutEarlierReleases(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.artifacts().size() == 20
                && !model.scanningProperty().get());
        robot.interact(() -> model.manifest().product.set("Birch"));
        for (int i = 0; i < 4; i++) {
            robot.clickOn("#wizard-next");
        }
        assertTrue(robot.lookup("#wizard-delta").queryAs(CheckBox.class).isDisabled());
        assertFalse(model.deltaFromProperty().get() != null);
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** Twenty files of 64 KiB of random bytes; {@code changed}: the fourth has a few bytes of its middle changed. */
    private static Path tree(Path folder, boolean changed) throws Exception {
        Random random = new Random(12);
        Files.createDirectories(folder.resolve("lib"));
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[64 * 1024];
            random.nextBytes(bytes);
            if (changed && i == 3) {
                System.arraycopy("patched!".getBytes(), 0, bytes, 30_000, 8);
            }
            Files.write(folder.resolve("lib").resolve("part-" + i + ".jar"), bytes);
        }
        return folder;
    }

    private static void addRelease(Path payload, String version) throws Exception {
        Path kit = dir.resolve("Spruce-" + version + ".kit");
        new KitBuilder().build(new KitInputs(payload, ManifestCodec.read("[release]\nproduct = Spruce\nversion = "
                + version + "\nrequires = 1.0.0\nchannel = stable\nautomatic = true\nmajor = false\n"
                + "released = 2026-11-20T09:00:00Z\n"), null, null, null, SigningKeys.readPrivate(keyFile), kit,
                List.of()));
        KitImport.add(ws, kit, List.of(SigningKeys.readPublic(keyFile.resolveSibling(SigningKeys.PUBLIC_FILE))), "alice");
    }
}

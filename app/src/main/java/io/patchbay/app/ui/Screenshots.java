package io.patchbay.app.ui;

import io.patchbay.app.ui.demo.DemoAgentHome;
import io.patchbay.app.ui.task.BackgroundTask;
import io.patchbay.model.PatchbayException;
import io.patchbay.styles.Theme;
import javafx.animation.PauseTransition;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Renders the screens of a client open on a workspace into PNG files, in both themes: releases, sites,
 * an empty workspace's offer of demo sites, matrix, rollout, the site console (on a demo agent home), reports and the event log, and the kit wizard's steps (artifacts compared with the
 * last release, manifest, notes preview, built kit). Each step waits until the background tasks it
 * started have finished, so the pictures show loaded data. Runs on the FX thread, asynchronously.
 */
public final class Screenshots {
    private final PatchbayClient client;
    private final Path folder;
    private final Path wizardSource;
    private final Path signingKey;
    private final List<Step> steps = new ArrayList<>();
    private final List<Path> written = new ArrayList<>();
    private Scene editorScene;
    private Consumer<List<Path>> done;
    private Consumer<Throwable> failed;

    private record Step(String name, Runnable action, Supplier<Scene> scene, long settleMillis) {
    }

    private Screenshots(PatchbayClient client, Path folder, Path wizardSource, Path signingKey) {
        this.client = client;
        this.folder = folder;
        this.wizardSource = wizardSource;
        this.signingKey = signingKey;
    }

    /**
     * Starts capturing; {@code done} gets the files, {@code failed} the first failure. The client must
     * be open on a workspace; {@code wizardSource} is the folder of the next release and
     * {@code signingKey} the key to sign it with.
     */
    public static void capture(PatchbayClient client, Path folder, Path wizardSource, Path signingKey,
                               Consumer<List<Path>> done, Consumer<Throwable> failed) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            failed.accept(new PatchbayException("cannot create the screenshot folder " + folder + ": " + e.getMessage(), e));
            return;
        }
        Screenshots s = new Screenshots(client, folder, wizardSource, signingKey);
        s.done = done;
        s.failed = failed;
        s.plan();
        s.next(0);
    }

    private void plan() {
        MainViewModel main = client.mainModel();
        // The site console works on an agent home, not the workspace: a demo site built by the real agent.
        steps.add(new Step(null, () -> BackgroundTask.of("Create a demo site",
                        ctx -> DemoAgentHome.create(wizardSource.getParent().resolve("demo-site")))
                .onSuccess(home -> client.siteConsoleModel().open(home))
                .onFailure(failed::accept)
                .executeWith(client.taskExecutor()), null, 300));
        for (Theme theme : Theme.values()) {
            String suffix = "-" + theme.name().toLowerCase(Locale.ROOT) + ".png";
            main(suffix.replace(".png", ""), () -> main.themeProperty().set(theme), 100);
            main("releases" + suffix, () -> main.show(Screen.RELEASES), 300);
            main("sites" + suffix, () -> main.show(Screen.SITES), 300);
            steps.add(new Step("site-editor" + suffix, () -> editorScene = siteEditorScene(), () -> editorScene, 200));
            main("first-run" + suffix, () -> {
                main.show(Screen.MATRIX);
                client.showFirstRunOffer();
            }, 300);
            main("matrix" + suffix, client::showMatrix, 300);
            // The detail pane and the context menu's subject: a site whose installation was rolled back.
            main("matrix-detail" + suffix, this::selectRolledBackCell, 600);
            main("rollout" + suffix, () -> main.show(Screen.ROLLOUT), 600);
            // The release notes page loads and restyles for the theme on its own: give it time.
            main("site-console" + suffix, () -> main.show(Screen.SITE_CONSOLE), 1500);
            main("reports" + suffix, () -> {
                main.show(Screen.REPORTS);
                ((TabPane) client.scene().lookup("#reports-tabs")).getSelectionModel().select(0);
            }, 600);
            main("reports-releases" + suffix, () -> ((TabPane) client.scene().lookup("#reports-tabs"))
                    .getSelectionModel().select(1), 300);
            main("events" + suffix, () -> ((TabPane) client.scene().lookup("#reports-tabs"))
                    .getSelectionModel().select(io.patchbay.app.ui.reports.ReportsViewModel.EVENTS_TAB), 300);
            steps.add(new Step(null, () -> {
                client.openKitWizard(null);
                client.kitWizardStage().setX(0);
                client.kitWizardStage().setY(0);
            }, null, 300));
            wizard("wizard-artifacts" + suffix, () -> {
                var m = client.kitWizard().model();
                m.compareWithProperty().set(m.previousReleases().isEmpty() ? null : m.previousReleases().get(0));
                m.useSourceFolder(wizardSource);
            }, 400);
            wizard("wizard-manifest" + suffix, () -> {
                var m = client.kitWizard().model();
                m.artifacts().stream().filter(a -> a.path().endsWith(".log")).forEach(a -> a.selected().set(false));
                m.next();
                m.next();
                m.manifest().version.set("12.10.12");
            }, 300);
            wizard("wizard-notes" + suffix, () -> {
                var m = client.kitWizard().model();
                m.next();
                m.notesProperty().set("# Spruce 12.10.12\n\nA maintenance release.\n\n## Fixed\n\n"
                        + "- The nightly export no longer fails on archives over 2 GiB\n- Report footers show the site name\n\n"
                        + "| Module | Version |\n|---|---|\n| core | 12.10.12 |\n| export | 4.2.1 |\n");
            }, 1500);
            wizard("wizard-build" + suffix, () -> {
                var m = client.kitWizard().model();
                m.next();
                m.keyFileProperty().set(signingKey);
                m.outFileProperty().set(wizardSource.getParent().resolve("built").resolve("Spruce-12.10.12-" + theme.name()
                        .toLowerCase(Locale.ROOT) + ".kit"));
                m.build();
            }, 500);
            steps.add(new Step(null, () -> client.kitWizardStage().hide(), null, 100));
        }
    }

    /** The add/edit site dialog's content, filled like an operator would, with one refused field. */
    private Scene siteEditorScene() {
        io.patchbay.app.ui.sites.SiteForm form = io.patchbay.app.ui.sites.SiteForm.empty();
        form.name.set("practice-nord");
        form.endpoint.set("sftp://patchbay@nord.example.net:22/srv/patchbay");
        form.identityFile.set("/home/release/.ssh/patchbay_ed25519");
        form.knownHostsFile.set("/home/release/.patchbay/known_hosts");
        form.ring.set("early");
        form.timeZone.set("Europe/Berlinn");
        form.policyForm().field("window").set("22:00-06:00");
        form.policyForm().field("wait-days").set("2");
        form.toSpec();
        javafx.scene.control.Label title = new javafx.scene.control.Label("Add site");
        title.getStyleClass().add(Styles.SCREEN_TITLE);
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(12, title,
                io.patchbay.app.ui.sites.SitesView.editor(form));
        box.getStyleClass().add(Styles.SCREEN);
        Scene scene = new Scene(box, 900, 860);
        scene.getStylesheets().setAll(client.scene().getStylesheets());
        return scene;
    }

    /** Puts the matrix's cursor on the first rolled-back cell, or failing that the first waiting one. */
    private void selectRolledBackCell() {
        client.showMatrix();
        var m = client.matrixModel();
        for (var wanted : List.of(io.patchbay.model.matrix.MatrixState.ROLLED_BACK, io.patchbay.model.matrix.MatrixState.WAITING)) {
            for (int site = 0; site < m.siteCount(); site++) {
                for (int release = m.releaseCount() - 1; release >= 0; release--) {
                    if (m.state(site, release) == wanted) {
                        m.select(m.rows().rowOf(site), release, io.patchbay.app.ui.matrix.SelectMode.REPLACE);
                        return;
                    }
                }
            }
        }
    }

    private void main(String name, Runnable action, long settle) {
        steps.add(new Step(name.endsWith(".png") ? name : null, action, client::scene, settle));
    }

    private void wizard(String name, Runnable action, long settle) {
        steps.add(new Step(name, action, () -> client.kitWizardStage().getScene(), settle));
    }

    private void next(int index) {
        if (index >= steps.size()) {
            done.accept(List.copyOf(written));
            return;
        }
        Step step = steps.get(index);
        try {
            step.action().run();
        } catch (RuntimeException e) {
            failed.accept(e);
            return;
        }
        whenIdle(step.settleMillis(), () -> {
            try {
                if (step.name() != null) {
                    written.add(write(step.scene().get(), folder.resolve(step.name())));
                }
            } catch (RuntimeException e) {
                failed.accept(e);
                return;
            }
            next(index + 1);
        });
    }

    /** Waits {@code millis}, then until no background task runs (twice in a row), then runs {@code then}. */
    private void whenIdle(long millis, Runnable then) {
        PauseTransition pause = new PauseTransition(Duration.millis(millis));
        pause.setOnFinished(e -> {
            if (!client.taskExecutor().runningTasks().isEmpty()) {
                whenIdle(150, then);
                return;
            }
            PauseTransition again = new PauseTransition(Duration.millis(150));
            again.setOnFinished(e2 -> {
                if (client.taskExecutor().runningTasks().isEmpty()) {
                    then.run();
                } else {
                    whenIdle(150, then);
                }
            });
            again.play();
        });
        pause.play();
    }

    public static Path write(Scene scene, Path file) {
        WritableImage image = scene.snapshot(null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                buffered.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            ImageIO.write(buffered, "png", file.toFile());
        } catch (IOException e) {
            throw new PatchbayException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}

package io.patchbay.app.ui;

import io.patchbay.app.ui.demo.DemoAgentHome;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.styles.Theme;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Renders screens of a running client into PNG files, in both themes: the shell (a placeholder
 * screen), the matrix, and the matrix filtered by state with a selection. Runs on the FX thread.
 */
public final class Screenshots {
    private Screenshots() {
    }

    /**
     * Every screen, the site console included, off the FX thread: {@link #capture} on the FX thread, then a
     * demo agent home ({@link DemoAgentHome}) built in a scratch folder, opened in the site console and
     * written in both themes once it has loaded. The scratch folder is removed afterwards.
     */
    public static CompletableFuture<List<Path>> captureAll(PatchbayClient client, Path folder) {
        CompletableFuture<List<Path>> result = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                result.complete(captureAllNow(client, folder));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "screenshots");
        worker.setDaemon(true);
        worker.start();
        return result;
    }

    private static List<Path> captureAllNow(PatchbayClient client, Path folder) throws Exception {
        List<Path> files = new ArrayList<>(onFx(() -> capture(client, folder)));
        Path scratch = Files.createTempDirectory("patchbay-demo-site");
        try {
            Path home = DemoAgentHome.create(scratch);
            onFx(() -> {
                client.siteConsoleModel().open(home);
                return null;
            });
            for (Theme theme : Theme.values()) {
                onFx(() -> {
                    client.mainModel().themeProperty().set(theme);
                    client.mainModel().show(Screen.SITE_CONSOLE);
                    return null;
                });
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                while (onFx(() -> client.siteConsoleModel().notesProperty().get().isEmpty())) {
                    if (System.nanoTime() > deadline) {
                        throw new PatchbayException("the site console did not load the demo site within 30 s");
                    }
                    Thread.sleep(50);
                }
                Thread.sleep(1500); // the notes page loads and restyles for the theme on its own
                files.add(onFx(() -> writeSiteConsole(client, folder)));
            }
            return files;
        } finally {
            deleteQuietly(scratch);
        }
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
        try {
            return done.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void deleteQuietly(Path folder) {
        try (java.util.stream.Stream<Path> all = Files.walk(folder)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A scratch folder left in the temp folder is harmless.
        }
    }

    public static List<Path> capture(PatchbayClient client, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new PatchbayException("cannot create the screenshot folder " + folder + ": " + e.getMessage(), e);
        }
        MainViewModel main = client.mainModel();
        List<Path> written = new ArrayList<>();
        for (Theme theme : Theme.values()) {
            String suffix = "-" + theme.name().toLowerCase(java.util.Locale.ROOT) + ".png";
            main.themeProperty().set(theme);
            main.show(Screen.RELEASES);
            written.add(write(client.scene(), folder.resolve("shell-releases" + suffix)));
            main.show(Screen.MATRIX);
            client.matrixModel().select(3, 96, io.patchbay.app.ui.matrix.SelectMode.REPLACE);
            client.matrixModel().select(6, 98, io.patchbay.app.ui.matrix.SelectMode.EXTEND);
            client.matrixView().grid().scrollTo(0, 91);
            written.add(write(client.scene(), folder.resolve("matrix" + suffix)));
            client.matrixModel().stateFilterProperty().set(java.util.Set.of(MatrixState.FAILED, MatrixState.ROLLED_BACK));
            client.matrixView().grid().scrollTo(0, 89);
            written.add(write(client.scene(), folder.resolve("matrix-filtered" + suffix)));
            client.matrixModel().stateFilterProperty().set(java.util.Set.of());
            client.matrixModel().clearSelection();
        }
        return written;
    }

    /**
     * Writes the site console as now shown, named for the current theme. The caller opens an agent home
     * ({@code client.siteConsoleModel().open(dir)}), shows the screen in a theme and lets it settle first:
     * the list and the release notes page load in the background, and the page restyles after a theme change.
     */
    public static Path writeSiteConsole(PatchbayClient client, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new PatchbayException("cannot create the screenshot folder " + folder + ": " + e.getMessage(), e);
        }
        String theme = client.mainModel().themeProperty().get().name().toLowerCase(java.util.Locale.ROOT);
        return write(client.scene(), folder.resolve("site-console-" + theme + ".png"));
    }

    private static Path write(Scene scene, Path file) {
        WritableImage image = scene.snapshot(null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
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

package io.patchbay.app.ui;

import io.patchbay.app.ui.demo.SampleWorkspace;
import io.patchbay.model.kit.sign.SigningKeys;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders the screens headless into app/target/screenshots (the same pictures as
 * {@code patchbay gui --screenshots DIR} under Xvfb), on a generated sample workspace, and checks they
 * hold a real picture.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {
    private final CompletableFuture<PatchbayClient> opened = new CompletableFuture<>();
    private Path sample;
    private Path nextRelease;

    @Start
    void start(Stage stage) throws Exception {
        System.setProperty("patchbay.noWebView", "true");
        sample = Files.createTempDirectory("screenshots-");
        nextRelease = SampleWorkspace.create(sample);
        PatchbayClient.openWorkspace(stage, sample.resolve("workspace"), opened::complete);
    }

    @Test
    void writesEachScreenInBothThemes() throws Exception {
        PatchbayClient client = opened.get(300, TimeUnit.SECONDS); // a loaded machine opens slowly
        Path folder = Paths.get("target", "screenshots");
        CompletableFuture<List<Path>> files = new CompletableFuture<>();

        Platform.runLater(() -> Screenshots.capture(client, folder, nextRelease,
                sample.resolve("keys").resolve(SigningKeys.PRIVATE_FILE), files::complete, files::completeExceptionally));

        List<Path> written = files.get(600, TimeUnit.SECONDS); // 30 pictures; generous for a loaded machine
        assertEquals(30, written.size(), written.toString());
        assertEquals(3, client.siteConsoleModel().patches().size(), "the demo site lists installed, waiting and refused patches");
        for (Path file : written) {
            BufferedImage image = ImageIO.read(file.toFile());
            assertTrue(image.getWidth() > 800 && image.getHeight() > 500, file + " is " + image.getWidth() + "x" + image.getHeight());
            assertTrue(distinctColours(image) > 20, file + " looks blank");
        }
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}

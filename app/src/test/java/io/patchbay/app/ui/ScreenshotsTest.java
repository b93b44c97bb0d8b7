package io.patchbay.app.ui;

import io.patchbay.app.ui.demo.DemoMatrixActions;
import io.patchbay.app.ui.demo.GeneratedMatrixSource;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders the screens headless into app/target/screenshots (the same pictures as
 * {@code patchbay gui --screenshots DIR} under Xvfb) and checks they hold a real picture.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {
    private PatchbayClient client;

    @Start
    void start(Stage stage) {
        GeneratedMatrixSource source = new GeneratedMatrixSource(2_000, 100, Instant.parse("2026-11-22T12:00:00Z"));
        client = PatchbayClient.show(stage, source, new DemoMatrixActions(source), "demo data");
    }

    @Test
    void writesEachScreenInBothThemes(FxRobot robot) throws Exception {
        Path folder = Paths.get("target", "screenshots");

        List<Path> files = Screenshots.captureAll(client, folder).get(120, java.util.concurrent.TimeUnit.SECONDS);

        assertEquals(8, files.size());
        assertEquals(3, client.siteConsoleModel().patches().size(), "installed, waiting and refused patches listed");
        assertTrue(files.get(7).getFileName().toString().equals("site-console-dark.png"), files.toString());
        for (Path file : files) {
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

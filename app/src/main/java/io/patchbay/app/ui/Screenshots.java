package io.patchbay.app.ui;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.styles.Theme;
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

/**
 * Renders screens of a running client into PNG files, in both themes: the shell (a placeholder
 * screen), the matrix, and the matrix filtered by state with a selection. Runs on the FX thread.
 */
public final class Screenshots {
    private Screenshots() {
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

package io.patchbay.app.ui;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code patchbay gui --snapshot FILE.png}: once the client is open, writes what the person sees (the main window, About
 * and an opened kit's window) as PNG files, each beside a {@code .txt} of every text it shows, then exits. Lets a
 * test run the installed package's real client under a real display and check what it offers.
 */
final class WindowSnapshots {
    private static final Duration SETTLE = Duration.millis(1500);

    private WindowSnapshots() {
    }

    /** @param kit the kit's window, or null */
    static void take(PatchbayClient client, Stage kit, Path file) {
        after(() -> true, () -> {
            write(client.stage().getScene(), file);
            Stage about = client.showAbout();
            after(() -> true, () -> {
                write(about.getScene(), sibling(file, "-about"));
                about.hide();
                if (kit == null) {
                    Platform.exit();
                    return;
                }
                after(() -> kit.getScene().lookup("#kit-sha-256") != null, () -> {
                    write(kit.getScene(), sibling(file, "-kit"));
                    Platform.exit();
                });
            });
        });
    }

    private static void after(BooleanSupplier ready, Runnable then) {
        PauseTransition pause = new PauseTransition(SETTLE);
        pause.setOnFinished(e -> {
            if (ready.getAsBoolean()) {
                then.run();
            } else {
                after(ready, then);
            }
        });
        pause.play();
    }

    private static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling(dot < 0 ? name + suffix : name.substring(0, dot) + suffix + name.substring(dot));
    }

    private static void write(Scene scene, Path png) {
        Screenshots.write(scene, png);
        List<String> texts = new ArrayList<>();
        collect(scene.getRoot(), texts);
        try {
            Files.write(png.resolveSibling(png.getFileName() + ".txt"), texts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot's text: " + e.getMessage(), e);
        }
    }

    private static void collect(Node node, List<String> texts) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            texts.add(l.getText());
        } else if (node instanceof TextInputControl t && !t.getText().isBlank()) {
            texts.add(t.getText());
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> collect(child, texts));
        }
    }
}

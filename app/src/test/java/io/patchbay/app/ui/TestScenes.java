package io.patchbay.app.ui;

import io.patchbay.styles.Theme;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** How the screen tests put a view on TestFX's stage and wait for what it shows, written once. */
public final class TestScenes {
    private TestScenes() {
    }

    /** The view in a scene of this size, in the light theme as a person first sees it, shown on the stage. */
    public static Scene show(Stage stage, Parent view, double width, double height) {
        Scene scene = new Scene(view, width, height);
        scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
        stage.setScene(scene);
        stage.show();
        return scene;
    }

    /**
     * Waits up to {@code seconds} for the condition, checking it between FX events (the screen fills in from
     * background tasks), then lets the events it caused run, so the scene is settled when the test looks.
     */
    public static void waitUntil(int seconds, BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}

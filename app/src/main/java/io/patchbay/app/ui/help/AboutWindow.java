package io.patchbay.app.ui.help;

import io.patchbay.app.ui.ReadOnlyRows;
import io.patchbay.app.ui.Styles;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;

/** Help > About: the build, the runtime and where the files are, selectable so a person can paste them. */
public final class AboutWindow {
    private AboutWindow() {
    }

    public static Stage show(Window owner, AboutInfo info, List<String> stylesheets) {
        Label title = new Label("Patchbay");
        title.getStyleClass().add(Styles.SCREEN_TITLE);
        // Wide enough for the longest value (the logs line), within reason.
        GridPane grid = ReadOnlyRows.grid("about", info.rows(), 70);
        Stage stage = new Stage();
        Button close = new Button("Close");
        close.setDefaultButton(true);
        close.setCancelButton(true);
        close.setOnAction(e -> stage.hide());
        VBox box = new VBox(12, title, grid, close);
        box.getStyleClass().addAll(Styles.CONTENT, Styles.SCREEN);
        Scene scene = new Scene(box);
        scene.getStylesheets().setAll(stylesheets);
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("About Patchbay");
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}

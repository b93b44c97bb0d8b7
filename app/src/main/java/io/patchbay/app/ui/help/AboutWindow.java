package io.patchbay.app.ui.help;

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
import java.util.Locale;
import java.util.Map;

/** Help > About: the build, the runtime and where the files are, selectable so a person can paste them. */
public final class AboutWindow {
    private AboutWindow() {
    }

    public static Stage show(Window owner, AboutInfo info, List<String> stylesheets) {
        Label title = new Label("Patchbay");
        title.getStyleClass().add(Styles.SCREEN_TITLE);
        GridPane grid = new GridPane();
        grid.getStyleClass().add(Styles.FORM_GRID);
        int row = 0;
        for (Map.Entry<String, String> e : info.rows().entrySet()) {
            Label name = new Label(e.getKey());
            name.getStyleClass().add(Styles.FIELD_LABEL);
            javafx.scene.control.TextField value = new javafx.scene.control.TextField(e.getValue());
            value.setEditable(false);
            value.setId("about-" + e.getKey().toLowerCase(Locale.ROOT));
            value.setPrefColumnCount(Math.max(20, Math.min(70, e.getValue().length())));
            grid.addRow(row++, name, value);
        }
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

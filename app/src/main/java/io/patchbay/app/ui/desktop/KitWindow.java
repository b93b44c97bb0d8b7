package io.patchbay.app.ui.desktop;

import io.patchbay.app.ui.Styles;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The window a .kit opens in: the kit's rows, what became of it, and "Add to workspace". */
public final class KitWindow {
    private KitWindow() {
    }

    public static Stage show(Window owner, KitViewModel model, List<String> stylesheets) {
        Label title = new Label();
        title.setId("kit-title");
        title.getStyleClass().add(Styles.SCREEN_TITLE);
        title.textProperty().bind(model.titleProperty());
        GridPane grid = new GridPane();
        grid.getStyleClass().add(Styles.FORM_GRID);
        model.rowsProperty().addListener((o, old, rows) -> fill(grid, rows));
        fill(grid, model.rowsProperty().get());
        Label outcome = new Label();
        outcome.setId("kit-outcome");
        outcome.setWrapText(true);
        outcome.getStyleClass().add(Styles.MUTED);
        outcome.textProperty().bind(model.outcomeProperty());
        Button add = new Button("Add to workspace");
        add.setId("kit-add");
        add.setDefaultButton(true);
        add.disableProperty().bind(model.canAddProperty().not());
        add.setOnAction(e -> model.addToWorkspace());
        Stage stage = new Stage();
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.hide());
        VBox box = new VBox(12, title, grid, outcome, new HBox(8, add, close));
        box.getStyleClass().addAll(Styles.CONTENT, Styles.SCREEN);
        Scene scene = new Scene(box, 860, 560);
        scene.getStylesheets().setAll(stylesheets);
        stage.initOwner(owner);
        stage.titleProperty().bind(model.titleProperty().concat(" - Patchbay kit"));
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    private static void fill(GridPane grid, Map<String, String> rows) {
        grid.getChildren().clear();
        int row = 0;
        for (Map.Entry<String, String> e : rows.entrySet()) {
            Label name = new Label(e.getKey());
            name.getStyleClass().add(Styles.FIELD_LABEL);
            TextField value = new TextField(e.getValue());
            value.setEditable(false);
            value.setPrefColumnCount(56);
            value.setId("kit-" + e.getKey().toLowerCase(Locale.ROOT).replace(' ', '-'));
            grid.addRow(row++, name, value);
        }
    }
}

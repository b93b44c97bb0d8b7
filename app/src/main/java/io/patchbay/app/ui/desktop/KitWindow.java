package io.patchbay.app.ui.desktop;

import io.patchbay.app.ui.ReadOnlyRows;
import io.patchbay.app.ui.Styles;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;

/** The window a .kit opens in: the kit's rows, what became of it, and "Add to workspace". */
public final class KitWindow {
    private KitWindow() {
    }

    public static Stage show(Window owner, KitViewModel model, List<String> stylesheets) {
        Label title = new Label();
        title.setId("kit-title");
        title.getStyleClass().add(Styles.SCREEN_TITLE);
        title.textProperty().bind(model.titleProperty());
        GridPane grid = ReadOnlyRows.grid("kit", model.rowsProperty().get(), 56);
        model.rowsProperty().addListener((o, old, rows) -> ReadOnlyRows.fill(grid, "kit", rows, 56));
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
}

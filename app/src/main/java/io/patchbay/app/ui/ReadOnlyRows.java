package io.patchbay.app.ui;

import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

import java.util.Locale;
import java.util.Map;

/**
 * Label-to-value rows a person reads and may copy from (About, a kit's window): each value in a read-only text field
 * with the id {@code PREFIX-label-in-lower-case}.
 */
public final class ReadOnlyRows {
    private ReadOnlyRows() {
    }

    public static GridPane grid(String idPrefix, Map<String, String> rows, int columns) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add(Styles.FORM_GRID);
        fill(grid, idPrefix, rows, columns);
        return grid;
    }

    public static void fill(GridPane grid, String idPrefix, Map<String, String> rows, int columns) {
        grid.getChildren().clear();
        int row = 0;
        for (Map.Entry<String, String> e : rows.entrySet()) {
            Label name = new Label(e.getKey());
            name.getStyleClass().add(Styles.FIELD_LABEL);
            name.setMinWidth(Region.USE_PREF_SIZE); // the whole word, never "Upgrades f..."
            TextField value = new TextField(e.getValue());
            value.setEditable(false);
            value.setPrefColumnCount(columns);
            value.setId(idPrefix + "-" + e.getKey().toLowerCase(Locale.ROOT).replace(' ', '-'));
            grid.addRow(row++, name, value);
        }
    }
}

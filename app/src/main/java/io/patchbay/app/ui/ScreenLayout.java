package io.patchbay.app.ui;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The common frame of a workspace screen: title, a row of actions, then the body filling the rest. */
public final class ScreenLayout {
    private ScreenLayout() {
    }

    public static VBox screen(Screen screen, Node actions, Node body) {
        Label title = new Label(screen.title());
        title.getStyleClass().add(Styles.SCREEN_TITLE);
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox box = new VBox(title, actions, body);
        box.getStyleClass().add(Styles.SCREEN);
        box.setId("screen-" + screen.id());
        return box;
    }

    public static HBox actions(Node... nodes) {
        HBox row = new HBox(8, nodes);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }

    public static Region gap() {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        return gap;
    }

    public static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** A form's field label: never cut, whatever the form's width. */
    public static javafx.scene.control.Label fieldLabel(String text) {
        javafx.scene.control.Label l = new javafx.scene.control.Label(text);
        l.getStyleClass().add(Styles.FIELD_LABEL);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    /** A text column over a row record. */
    public static <T> javafx.scene.control.TableColumn<T, String> column(String title,
            java.util.function.Function<T, String> value, double width) {
        javafx.scene.control.TableColumn<T, String> c = new javafx.scene.control.TableColumn<>(title);
        c.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        // A cut text (a long Why, a signer's fingerprint, a person's name) reads in full in its tooltip.
        c.setCellFactory(col -> new FullTextCell<>());
        return c;
    }

    /** Bytes as people read them: 812 B, 4.2 KiB, 1.3 MiB. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}

package io.patchbay.app.ui.matrix;

import io.patchbay.app.ui.Styles;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** One recycled row of the frozen first column: a site name with its ring, or a ring header. */
final class RowHeaderNode extends HBox {
    private final Label name = new Label();
    private final Label ring = new Label();

    RowHeaderNode() {
        getStyleClass().add(Styles.MATRIX_ROW_HEADER);
        ring.getStyleClass().add(Styles.RING_TAG);
        ring.setMinWidth(Region.USE_PREF_SIZE);
        name.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(name, Priority.ALWAYS);
        getChildren().addAll(name, ring);
        setManaged(false);
    }

    void showSite(String siteName, String ringName) {
        pseudoClassStateChanged(Styles.BAND, false);
        name.setText(siteName);
        ring.setText(ringName);
    }

    void showRing(String text) {
        pseudoClassStateChanged(Styles.BAND, true);
        name.setText(text);
        ring.setText("");
    }

    String text() {
        return name.getText();
    }
}

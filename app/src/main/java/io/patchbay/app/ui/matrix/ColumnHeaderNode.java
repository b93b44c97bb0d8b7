package io.patchbay.app.ui.matrix;

import io.patchbay.app.ui.Styles;
import io.patchbay.model.matrix.MatrixRelease;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** One recycled release header of the frozen top row: product above, version below. */
final class ColumnHeaderNode extends VBox {
    private final Label product = new Label();
    private final Label version = new Label();

    ColumnHeaderNode() {
        getStyleClass().add(Styles.MATRIX_COLUMN_HEADER);
        product.getStyleClass().add(Styles.PRODUCT);
        version.getStyleClass().add(Styles.VERSION);
        getChildren().addAll(product, version);
        setManaged(false);
    }

    void show(MatrixRelease release) {
        product.setText(release.product());
        version.setText(release.version());
    }
}

package io.patchbay.app.ui.matrix;

import io.patchbay.app.ui.Styles;
import io.patchbay.model.matrix.MatrixRelease;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * One recycled release header of the frozen top row: product above, version below, then how far it got
 * ("3/4 installed, 75%"); a pulled release says so and is drawn with the pulled state's look.
 */
final class ColumnHeaderNode extends VBox {
    private final Label product = new Label();
    private final Label version = new Label();
    private final Label adoption = new Label();
    private boolean pulled;

    ColumnHeaderNode() {
        getStyleClass().add(Styles.MATRIX_COLUMN_HEADER);
        product.getStyleClass().add(Styles.PRODUCT);
        version.getStyleClass().add(Styles.VERSION);
        adoption.getStyleClass().add(Styles.ADOPTION);
        getChildren().addAll(product, version, adoption);
        setManaged(false);
    }

    void show(MatrixRelease release, boolean pulled, Adoption adoption) {
        product.setText(release.product());
        version.setText(pulled ? release.version() + "  (pulled)" : release.version());
        this.adoption.setText(adoption.text());
        pseudoClassStateChanged(Styles.PULLED_RELEASE, pulled);
        this.pulled = pulled;
    }

    boolean pulled() {
        return pulled;
    }

    String adoptionText() {
        return adoption.getText();
    }
}

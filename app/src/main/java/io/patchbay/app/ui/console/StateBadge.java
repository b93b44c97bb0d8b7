package io.patchbay.app.ui.console;

import io.patchbay.app.ui.Styles;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.report.PatchState;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/** A patch's state as the matrix draws it: icon, word and colour together, never colour alone. */
final class StateBadge extends HBox {
    static final String STYLE = "state-badge";

    private final Text text = new Text();
    private MatrixState shown;

    StateBadge() {
        Region icon = new Region();
        icon.getStyleClass().add(Styles.STATE_ICON);
        text.getStyleClass().add(Styles.STATE_TEXT);
        getStyleClass().addAll(STYLE, Styles.STATE);
        getChildren().addAll(icon, text);
        setSpacing(5);
        setAlignment(Pos.CENTER_LEFT);
        setMaxWidth(Region.USE_PREF_SIZE);
    }

    void show(PatchState state) {
        MatrixState look = state == null ? null : look(state);
        Styles.switchState(this, shown, look);
        shown = look;
        text.setText(state == null ? "" : state.word());
        setVisible(state != null);
    }

    /** The matrix state whose colour and icon a site's patch state borrows: the one the matrix shows for it. */
    static MatrixState look(PatchState state) {
        return io.patchbay.model.workspace.MatrixCell.of(state);
    }
}

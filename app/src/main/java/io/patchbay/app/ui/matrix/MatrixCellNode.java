package io.patchbay.app.ui.matrix;

import io.patchbay.app.ui.Styles;
import io.patchbay.model.matrix.MatrixState;
import javafx.geometry.VPos;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/**
 * One recycled cell of the grid: an icon and the state's words, coloured by the state pseudo-class.
 * A plain Region with a Text, not a Label, because hundreds of these are refilled while scrolling.
 */
public final class MatrixCellNode extends Region {
    private static final double ICON_X = 8;
    private static final double ICON_SIZE = 16;
    private static final double TEXT_X = 30;

    private final Region icon = new Region();
    private final Text text = new Text();
    private MatrixState state;
    private int site = -1;
    private int release = -1;

    MatrixCellNode() {
        getStyleClass().addAll(Styles.MATRIX_CELL, Styles.STATE);
        icon.getStyleClass().add(Styles.STATE_ICON);
        text.getStyleClass().add(Styles.STATE_TEXT);
        text.setTextOrigin(VPos.CENTER);
        getChildren().addAll(icon, text);
        setManaged(false);
    }

    void showCell(int site, int release, MatrixState state, String words, boolean selected, boolean dimmed) {
        this.site = site;
        this.release = release;
        pseudoClassStateChanged(Styles.BAND, false);
        Styles.switchState(this, this.state, state);
        this.state = state;
        icon.setVisible(true);
        text.setText(words);
        pseudoClassStateChanged(Styles.SELECTED, selected);
        pseudoClassStateChanged(Styles.DIMMED, dimmed);
    }

    /** A cell in a ring header row: no state, just the band and how far the release got in the ring. */
    void showBand(int release, String words) {
        this.site = -1;
        this.release = release;
        Styles.switchState(this, this.state, null);
        this.state = null;
        pseudoClassStateChanged(Styles.BAND, true);
        pseudoClassStateChanged(Styles.CURSOR, false);
        pseudoClassStateChanged(Styles.SELECTED, false);
        pseudoClassStateChanged(Styles.DIMMED, false);
        icon.setVisible(false);
        text.setText(words);
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(Styles.SELECTED, selected);
    }

    /** Marks the keyboard's cell cursor. */
    void setCursor(boolean cursor) {
        pseudoClassStateChanged(Styles.CURSOR, cursor);
    }

    public boolean isCursor() {
        return getPseudoClassStates().contains(Styles.CURSOR);
    }

    /** The site shown; -1 in a ring header row. */
    public int siteIndex() {
        return site;
    }

    public int releaseIndex() {
        return release;
    }

    /** The state shown; null in a ring header row. */
    public MatrixState state() {
        return state;
    }

    public String text() {
        return text.getText();
    }

    public boolean isSelected() {
        return getPseudoClassStates().contains(Styles.SELECTED);
    }

    @Override
    protected void layoutChildren() {
        double h = getHeight();
        icon.resizeRelocate(ICON_X, Math.round((h - ICON_SIZE) / 2), ICON_SIZE, ICON_SIZE);
        // layoutX/Y, not relocate(): with the text origin at its centre, y is where the middle goes.
        text.setLayoutX(TEXT_X);
        text.setLayoutY(Math.round(h / 2));
    }
}

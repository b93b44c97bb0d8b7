package io.patchbay.app.ui;

import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/** A text cell whose tooltip holds the whole text, for a reason, a signer or a name cut short by its column. */
public final class FullTextCell<S> extends TableCell<S, String> {
    private final Tooltip tooltip = new Tooltip();

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        boolean blank = empty || item == null || item.isEmpty();
        setText(blank ? null : item);
        tooltip.setText(blank ? "" : item);
        setTooltip(blank ? null : tooltip);
    }
}

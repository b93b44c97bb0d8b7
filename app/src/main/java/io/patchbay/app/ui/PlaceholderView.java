package io.patchbay.app.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Stands in for a screen that is not built yet, and says so plainly. */
final class PlaceholderView extends VBox {
    PlaceholderView(Screen screen) {
        setId("placeholder-" + screen.id());
        Label title = new Label(screen.title());
        title.getStyleClass().add(Styles.SCREEN_TITLE);

        Label notBuilt = new Label("Not built yet");
        notBuilt.getStyleClass().add(Styles.PLACEHOLDER_TITLE);
        Label purpose = new Label(screen.purpose());
        Label honest = new Label("Nothing on this screen works yet; use the patchbay command meanwhile.");
        VBox box = new VBox(notBuilt, purpose, honest);
        box.getStyleClass().add(Styles.PLACEHOLDER);

        getChildren().addAll(title, box);
        setSpacing(14);
        setAlignment(Pos.TOP_LEFT);
        getStyleClass().add(Styles.CONTENT);
        setFillWidth(false);
        setPadding(new javafx.geometry.Insets(24));
    }
}

package io.patchbay.app.ui.matrix;

import io.patchbay.app.ui.ScreenLayout;
import io.patchbay.app.ui.Styles;
import io.patchbay.model.matrix.MatrixState;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The matrix's detail pane: a thin view over {@link CellDetailModel}. */
public final class CellDetailPane extends VBox {
    private final CellDetailModel model;

    public CellDetailPane(CellDetailModel model) {
        this.model = model;
        setId("matrix-detail");
        getStyleClass().add(Styles.DETAIL_PANE);
        setPrefWidth(380);
        setMinWidth(300);

        Label title = new Label();
        title.setId("detail-title");
        title.getStyleClass().add(Styles.SECTION_TITLE);
        title.setWrapText(true);
        title.textProperty().bind(model.titleProperty());

        Region icon = new Region();
        icon.getStyleClass().add(Styles.STATE_ICON);
        Label state = new Label();
        state.setId("detail-state");
        state.getStyleClass().add(Styles.STATE_TEXT);
        state.textProperty().bind(model.stateTextProperty());
        HBox badge = new HBox(6, icon, state);
        badge.getStyleClass().addAll(Styles.STATE, Styles.MATRIX_CELL);
        badge.setMaxWidth(Region.USE_PREF_SIZE);
        badge.setPadding(new javafx.geometry.Insets(4, 10, 4, 8));
        badge.visibleProperty().bind(model.stateProperty().isNotNull());
        model.stateProperty().addListener((o, old, now) -> Styles.switchState(badge, old, now));
        Styles.switchState(badge, null, model.stateProperty().get());

        Label reason = wrapped("detail-reason");
        reason.textProperty().bind(model.reasonProperty());
        reason.visibleProperty().bind(model.reasonProperty().isNotEmpty());
        reason.managedProperty().bind(reason.visibleProperty());

        // The kit the site was sent: a delta, the full kit, or the full kit after its delta was refused (issue 12).
        Label sent = wrapped("detail-sent");
        sent.setMinHeight(Region.USE_PREF_SIZE); // a long fallback reason wraps onto more lines instead of being cut
        sent.textProperty().bind(javafx.beans.binding.Bindings.concat("sent: ", model.sentProperty()));
        sent.visibleProperty().bind(model.sentProperty().isNotEmpty());
        sent.managedProperty().bind(sent.visibleProperty());

        // The next install chance: shown once the workspace knows it (the agent reports it per waiting patch).
        Label next = wrapped("detail-next-chance");
        next.textProperty().bind(javafx.beans.binding.Bindings.concat("Next install chance: ", model.nextChanceProperty()));
        next.visibleProperty().bind(model.nextChanceProperty().isNotEmpty());
        next.managedProperty().bind(next.visibleProperty());

        TableView<CellDetailModel.CheckLine> checks = new TableView<>(model.checks());
        checks.setId("detail-checks");
        checks.getColumns().add(ScreenLayout.column("Check", CellDetailModel.CheckLine::check, 110));
        checks.getColumns().add(ScreenLayout.column("Outcome", CellDetailModel.CheckLine::outcome, 64));
        checks.getColumns().add(ScreenLayout.column("Reason", CellDetailModel.CheckLine::reason, 180));
        checks.setPlaceholder(new Label("The site's agent reported no checks"));
        checks.setPrefHeight(150);
        checks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        ListView<String> attempts = new ListView<>(model.attempts());
        attempts.setId("detail-attempts");
        attempts.setPlaceholder(new Label("No delivery or installation yet"));
        attempts.setPrefHeight(90);
        attempts.setCellFactory(l -> tooltipCell());

        TableView<CellDetailModel.EventLine> events = new TableView<>(model.events());
        events.setId("detail-events");
        events.getColumns().add(ScreenLayout.column("When", CellDetailModel.EventLine::at, 150));
        events.getColumns().add(ScreenLayout.column("Kind", CellDetailModel.EventLine::kind, 120));
        events.getColumns().add(ScreenLayout.column("Detail", CellDetailModel.EventLine::detail, 200));
        events.setPlaceholder(new Label("No event for this cell"));
        events.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(events, Priority.ALWAYS);

        getChildren().addAll(title, badge, reason, sent, next, section("Checks"), checks, section("Attempts"), attempts,
                section("Events"), events);
    }

    public CellDetailModel model() {
        return model;
    }

    /** True while the cell shown is in a state (for tests and screenshots). */
    boolean showing(MatrixState state) {
        return model.stateProperty().get() == state;
    }

    private static Label wrapped(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        return l;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.FIELD_LABEL);
        return l;
    }

    /** A list line too long for the pane reads in full in its tooltip. */
    private static javafx.scene.control.ListCell<String> tooltipCell() {
        return new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null ? null : new Tooltip(item));
            }
        };
    }
}

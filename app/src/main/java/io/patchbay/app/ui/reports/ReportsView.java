package io.patchbay.app.ui.reports;

import io.patchbay.app.ui.Screen;
import io.patchbay.app.ui.ScreenLayout;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;

/** Summary tables per release and per site with CSV/HTML export, and the filtered event log. */
public final class ReportsView extends BorderPane {
    private final TabPane tabs = new TabPane();

    public ReportsView(ReportsViewModel model) {
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("reports-tabs");
        tabs.getTabs().addAll(
                summaryTab("Per release", "reports-releases", model.byReleaseProperty(), model, ReportsViewModel.Kind.RELEASES),
                summaryTab("Per site", "reports-sites", model.bySiteProperty(), model, ReportsViewModel.Kind.SITES),
                eventsTab(model));
        setCenter(ScreenLayout.screen(Screen.REPORTS, ScreenLayout.actions(ScreenLayout.gap(),
                ScreenLayout.button("reports-refresh", "Refresh", () -> {
                    model.refreshSummaries();
                    model.refreshEvents();
                })), tabs));
        model.refreshSummaries();
        model.refreshEvents();
    }

    public TabPane tabs() {
        return tabs;
    }

    private static Tab summaryTab(String title, String id, ObjectProperty<SummaryTable> table, ReportsViewModel model,
                                  ReportsViewModel.Kind kind) {
        TableView<List<String>> view = new TableView<>();
        view.setId(id);
        Runnable fill = () -> {
            SummaryTable t = table.get();
            view.getColumns().clear();
            for (int i = 0; i < t.header().size(); i++) {
                int col = i;
                TableColumn<List<String>, String> c = new TableColumn<>(t.header().get(i));
                c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().get(col)));
                c.setPrefWidth(i == 0 ? 240 : 100);
                view.getColumns().add(c);
            }
            view.setItems(FXCollections.observableArrayList(t.rows()));
        };
        table.addListener((o, old, now) -> fill.run());
        fill.run();
        view.setPlaceholder(new Label("Nothing to report yet"));
        VBox.setVgrow(view, Priority.ALWAYS);
        VBox box = new VBox(8, ScreenLayout.actions(
                ScreenLayout.button(id + "-csv", "Export CSV...", () -> model.export(kind, false)),
                ScreenLayout.button(id + "-html", "Export HTML...", () -> model.export(kind, true))), view);
        box.setPadding(new javafx.geometry.Insets(8, 0, 0, 0));
        return new Tab(title, box);
    }

    private static Tab eventsTab(ReportsViewModel model) {
        ComboBox<String> kind = new ComboBox<>(FXCollections.observableArrayList(ReportsViewModel.KINDS));
        kind.setId("events-kind");
        kind.setEditable(true);
        kind.setPromptText("any kind");
        kind.valueProperty().bindBidirectional(model.kindFilterProperty());
        TextField subject = new TextField();
        subject.setId("events-subject");
        subject.setPromptText("subject contains, e.g. alpha or Spruce 12.10");
        subject.textProperty().bindBidirectional(model.subjectFilterProperty());
        subject.setOnAction(e -> model.refreshEvents());
        DatePicker from = new DatePicker();
        from.setId("events-from");
        from.setPromptText("from");
        from.valueProperty().bindBidirectional(model.fromProperty());
        DatePicker until = new DatePicker();
        until.setId("events-until");
        until.setPromptText("until");
        until.valueProperty().bindBidirectional(model.untilProperty());
        TableView<EventRow> table = new TableView<>(model.events());
        table.setId("events-table");
        table.getColumns().add(ScreenLayout.column("When", EventRow::at, 150));
        table.getColumns().add(ScreenLayout.column("Kind", EventRow::kind, 150));
        table.getColumns().add(ScreenLayout.column("Subject", EventRow::subject, 260));
        table.getColumns().add(ScreenLayout.column("Detail", EventRow::detail, 360));
        table.getColumns().add(ScreenLayout.column("By", EventRow::actor, 100));
        table.setPlaceholder(new Label("No event matches the filters"));
        Label count = new Label();
        count.textProperty().bind(model.eventSummaryProperty());
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(8, ScreenLayout.actions(kind, subject, from, until,
                ScreenLayout.button("events-apply", "Apply", model::refreshEvents),
                ScreenLayout.button("events-clear", "Clear", model::clearEventFilters), ScreenLayout.gap(), count), table);
        box.setPadding(new javafx.geometry.Insets(8, 0, 0, 0));
        return new Tab("Event log", box);
    }
}

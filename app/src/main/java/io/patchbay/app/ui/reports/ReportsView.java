package io.patchbay.app.ui.reports;

import io.patchbay.app.report.ReportCharts;
import io.patchbay.app.report.ReportKind;
import io.patchbay.app.report.SummaryTable;
import io.patchbay.app.ui.Screen;
import io.patchbay.app.ui.ScreenLayout;
import io.patchbay.app.ui.Styles;
import io.patchbay.app.ui.chart.ChartAxes;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * Over a date range: an overview of charts, tables per release and per site (numbers right-aligned, a total
 * row) with export as CSV, HTML or JSON, and the filtered event log. A thin view over {@link ReportsViewModel}.
 */
public final class ReportsView extends BorderPane {
    private final TabPane tabs = new TabPane();
    private final ReportsViewModel model;

    public ReportsView(ReportsViewModel model) {
        this.model = model;
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("reports-tabs");
        tabs.getTabs().addAll(overviewTab(),
                summaryTab("Per release", "reports-releases", model.byReleaseProperty(), ReportKind.RELEASES),
                summaryTab("Per site", "reports-sites", model.bySiteProperty(), ReportKind.SITES),
                eventsTab(),
                summaryTab("Deltas", "reports-deltas", model.deltasProperty(), ReportKind.DELTAS));
        model.tabProperty().addListener((o, old, now) -> tabs.getSelectionModel().select(now));
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, old, now) -> model.tabProperty().set(now.intValue()));
        tabs.getSelectionModel().select(model.tabProperty().get());

        DatePicker from = new DatePicker();
        from.setId("reports-from");
        from.setPromptText("from (any)");
        from.valueProperty().bindBidirectional(model.fromProperty());
        DatePicker until = new DatePicker();
        until.setId("reports-until");
        until.setPromptText("until (today)");
        until.valueProperty().bindBidirectional(model.untilProperty());
        Label rangeError = new Label();
        rangeError.getStyleClass().add(Styles.FIELD_ERROR);
        rangeError.textProperty().bind(model.rangeErrorProperty());
        Label zone = new Label("days in " + model.zone().getId());
        zone.getStyleClass().add(Styles.MUTED);
        setCenter(ScreenLayout.screen(Screen.REPORTS, ScreenLayout.actions(new Label("Range"), from, until, zone,
                ScreenLayout.button("reports-apply", "Apply", model::refresh),
                ScreenLayout.button("reports-all-time", "All time", model::clearRange), rangeError, ScreenLayout.gap(),
                ScreenLayout.button("reports-refresh", "Refresh", model::refresh)), tabs));
        model.refresh();
    }

    public TabPane tabs() {
        return tabs;
    }

    private Tab overviewTab() {
        GridPane grid = new GridPane();
        grid.setId("reports-overview");
        grid.setHgap(12);
        grid.setVgap(12);
        grid.add(lineChart("reports-adoption", "Adoption over time per release", "sites installed", model.adoption()), 0, 0);
        grid.add(lineChart("reports-rings", "Installed by ring (cumulative)", "installed", model.byRing()), 1, 0);
        grid.add(barChart("reports-versions", "Versions the sites run", "sites", model.versions(),
                "No site yet."), 0, 1);
        grid.add(barChart("reports-failures", "Failures and rollbacks by reason", "times", model.failures(),
                "No installation failed or was rolled back in this range."), 1, 1);
        for (int i = 0; i < 2; i++) {
            javafx.scene.layout.ColumnConstraints c = new javafx.scene.layout.ColumnConstraints();
            c.setPercentWidth(50);
            grid.getColumnConstraints().add(c);
            javafx.scene.layout.RowConstraints r = new javafx.scene.layout.RowConstraints();
            r.setPercentHeight(50);
            grid.getRowConstraints().add(r);
        }
        grid.setPadding(new javafx.geometry.Insets(8, 0, 0, 0));
        return new Tab("Overview", grid);
    }

    /** Step lines over a real time axis (in the person's zone) and a whole-number axis; words when empty. */
    private Node lineChart(String id, String title, String yLabel, ObservableList<ReportCharts.Series> series) {
        NumberAxis x = ChartAxes.fixed("time (" + model.zone().getId() + ")");
        NumberAxis y = ChartAxes.fixed(yLabel);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId(id);
        chart.setTitle(title);
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        Label empty = emptyLabel("Nothing installed in this range yet.");
        Runnable fill = () -> {
            empty.setVisible(series.isEmpty());
            chart.setVisible(!series.isEmpty());
            chart.getData().clear();
            if (series.isEmpty()) {
                return;
            }
            java.time.Instant first = series.stream().map(s -> s.points().get(0).at()).min(java.time.Instant::compareTo).orElseThrow();
            java.time.Instant last = series.stream().map(s -> s.points().get(s.points().size() - 1).at())
                    .max(java.time.Instant::compareTo).orElseThrow();
            long most = 1;
            for (ReportCharts.Series s : series) {
                XYChart.Series<Number, Number> line = new XYChart.Series<>();
                line.setName(s.name());
                long before = 0;
                for (ReportCharts.Point p : s.points()) {
                    line.getData().add(new XYChart.Data<>(p.at().getEpochSecond(), before));
                    line.getData().add(new XYChart.Data<>(p.at().getEpochSecond(), p.value()));
                    before = p.value();
                    most = Math.max(most, p.value());
                }
                chart.getData().add(line);
            }
            ChartAxes.time(x, first, last, model.zone());
            ChartAxes.count(y, most);
        };
        series.addListener((ListChangeListener<ReportCharts.Series>) c -> fill.run());
        fill.run();
        return new StackPane(chart, empty);
    }

    /** Horizontal bars, one per label, with a whole-number axis; words when empty. */
    private static Node barChart(String id, String title, String valueLabel, ObservableList<ReportCharts.Bar> bars,
                                 String emptyText) {
        NumberAxis value = ChartAxes.fixed(valueLabel);
        CategoryAxis label = new CategoryAxis();
        BarChart<Number, String> chart = new BarChart<>(value, label);
        chart.setId(id);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        Label empty = emptyLabel(emptyText);
        Runnable fill = () -> {
            empty.setVisible(bars.isEmpty());
            chart.setVisible(!bars.isEmpty());
            XYChart.Series<Number, String> s = new XYChart.Series<>();
            List<ReportCharts.Bar> reversed = new java.util.ArrayList<>(bars);
            java.util.Collections.reverse(reversed); // the biggest on top
            for (ReportCharts.Bar b : reversed) {
                s.getData().add(new XYChart.Data<>(b.value(), b.label()));
            }
            label.setCategories(FXCollections.observableArrayList(reversed.stream().map(ReportCharts.Bar::label).toList()));
            ChartAxes.count(value, bars.stream().mapToLong(ReportCharts.Bar::value).max().orElse(1));
            chart.getData().setAll(List.of(s));
        };
        bars.addListener((ListChangeListener<ReportCharts.Bar>) c -> fill.run());
        fill.run();
        return new StackPane(chart, empty);
    }

    private static Label emptyLabel(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.MUTED);
        l.setWrapText(true);
        return l;
    }

    private Tab summaryTab(String title, String id, ObjectProperty<SummaryTable> table, ReportKind kind) {
        TableView<List<String>> view = new TableView<>();
        view.setId(id);
        view.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(List<String> row, boolean empty) {
                super.updateItem(row, empty);
                SummaryTable current = table.get();
                boolean total = !empty && row != null && current.hasTotal()
                        && row == current.rows().get(current.rows().size() - 1);
                pseudoClassStateChanged(Styles.TOTAL_ROW, total);
            }
        });
        Runnable fill = () -> {
            SummaryTable t = table.get();
            view.getColumns().clear();
            for (int i = 0; i < t.header().size(); i++) {
                int col = i;
                TableColumn<List<String>, String> c = new TableColumn<>(t.header().get(i));
                c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().get(col)));
                boolean last = i == t.header().size() - 1 && !t.numeric(i);
                c.setCellFactory(x -> last ? wrapping(c) : new io.patchbay.app.ui.FullTextCell<>());
                if (t.numeric(i)) {
                    c.getStyleClass().add(Styles.NUMERIC);
                }
                c.setPrefWidth(i == 0 ? 220 : t.numeric(i) ? 96 : Math.max(200, Math.min(520, widest(t.rows(), col))));
                view.getColumns().add(c);
            }
            view.setItems(FXCollections.observableArrayList(t.rows()));
        };
        table.addListener((o, old, now) -> fill.run());
        fill.run();
        view.setPlaceholder(new Label("Nothing to report yet"));
        VBox.setVgrow(view, Priority.ALWAYS);
        VBox box = new VBox(8, ScreenLayout.actions(
                ScreenLayout.button(id + "-csv", "Export CSV...", () -> model.export(kind, ReportKind.Format.CSV)),
                ScreenLayout.button(id + "-html", "Export HTML...", () -> model.export(kind, ReportKind.Format.HTML)),
                ScreenLayout.button(id + "-json", "Export JSON...", () -> model.export(kind, ReportKind.Format.JSON))), view);
        box.setPadding(new javafx.geometry.Insets(8, 0, 0, 0));
        return new Tab(title, box);
    }

    /** A cell of the last text column (a reason, "Why they fell back"): wraps within its column, never cut short. */
    private static TableCell<List<String>, String> wrapping(TableColumn<List<String>, String> column) {
        TableCell<List<String>, String> cell = new TableCell<>() {
            private final javafx.scene.text.Text text = new javafx.scene.text.Text();

            {
                text.wrappingWidthProperty().bind(column.widthProperty().subtract(12));
                text.getStyleClass().add("text");
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
                setGraphic(empty ? null : text);
            }
        };
        cell.setPrefHeight(javafx.scene.control.Control.USE_COMPUTED_SIZE);
        return cell;
    }

    /**
     * The width the longest text of a column needs (a reason such as "Why they fell back" reads whole, not cut short),
     * up to a limit past which it wraps.
     */
    private static double widest(List<List<String>> rows, int col) {
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        double widest = 0;
        for (List<String> row : rows) {
            probe.setText(row.get(col));
            widest = Math.max(widest, probe.getLayoutBounds().getWidth());
        }
        return Math.min(1600, widest * 1.1 + 24); // the probe has the default font; cells may be a little larger
    }

    private Tab eventsTab() {
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
        TableView<EventRow> table = new TableView<>(model.events());
        table.setId("events-table");
        table.getColumns().add(ScreenLayout.column("When", EventRow::at, 180));
        table.getColumns().add(ScreenLayout.column("Kind", EventRow::kind, 150));
        table.getColumns().add(ScreenLayout.column("Subject", EventRow::subject, 260));
        table.getColumns().add(ScreenLayout.column("Detail", EventRow::detail, 360));
        table.getColumns().add(ScreenLayout.column("By", EventRow::actor, 120));
        table.setPlaceholder(new Label("No event matches the filters"));
        Label count = new Label();
        count.textProperty().bind(model.eventSummaryProperty());
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(8, ScreenLayout.actions(kind, subject,
                ScreenLayout.button("events-apply", "Apply", model::refreshEvents),
                ScreenLayout.button("events-clear", "Clear", model::clearEventFilters), ScreenLayout.gap(), count,
                ScreenLayout.button("events-csv", "Export CSV...", () -> model.export(ReportKind.EVENTS, ReportKind.Format.CSV)),
                ScreenLayout.button("events-html", "Export HTML...", () -> model.export(ReportKind.EVENTS, ReportKind.Format.HTML))),
                table);
        box.setPadding(new javafx.geometry.Insets(8, 0, 0, 0));
        return new Tab("Event log", box);
    }
}

package io.patchbay.app.ui.rollout;

import io.patchbay.app.ui.Screen;
import io.patchbay.app.ui.ScreenLayout;
import io.patchbay.app.ui.Styles;
import io.patchbay.app.ui.chart.ChartAxes;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Rollout;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.time.ZoneId;
import java.util.List;

/** Start, pause, resume a rollout and pull a release; state totals and a progress chart of the release. */
public final class RolloutView extends BorderPane {
    private final RolloutViewModel model;
    private final ZoneId zone;
    private final Label emptyChart = new Label();
    private final FlowPane totals = new FlowPane(8, 8);
    private final LineChart<Number, Number> chart;

    public RolloutView(RolloutViewModel model) {
        this(model, ZoneId.systemDefault());
    }

    /** @param zone the zone the chart's times are read in (the person's) */
    public RolloutView(RolloutViewModel model, ZoneId zone) {
        this.model = model;
        this.zone = zone;
        ComboBox<Release> release = new ComboBox<>(model.releases());
        release.setId("rollout-release");
        release.setConverter(new StringConverter<>() {
            @Override
            public String toString(Release r) {
                return r == null ? "" : r.title() + (r.pulled() ? " (pulled)" : "");
            }

            @Override
            public Release fromString(String s) {
                return null;
            }
        });
        release.valueProperty().bindBidirectional(model.releaseProperty());
        release.setPromptText("choose a release");
        Label summary = new Label();
        summary.setId("rollout-summary");
        summary.textProperty().bind(model.summaryProperty());
        Button pull = ScreenLayout.button("rollout-pull", "Pull release...", model::pull);
        pull.disableProperty().bind(model.releaseProperty().isNull());
        HBox actions = ScreenLayout.actions(new Label("Release"), release, pull, summary, ScreenLayout.gap(),
                ScreenLayout.button("rollout-refresh", "Refresh", model::refresh));

        NumberAxis x = ChartAxes.fixed("time (" + zone.getId() + ")");
        NumberAxis y = ChartAxes.fixed("sites");
        chart = new LineChart<>(x, y);
        chart.setId("rollout-chart");
        chart.setTitle("Progress over time");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        emptyChart.setId("rollout-chart-empty");
        emptyChart.getStyleClass().add(Styles.MUTED);
        emptyChart.setWrapText(true);
        StackPane chartArea = new StackPane(chart, emptyChart);
        model.progress().addListener((ListChangeListener<ProgressPoint>) c -> fillChart());
        model.sitesInReleaseProperty().addListener((o, old, now) -> fillChart());
        fillChart();
        model.totals().addListener((ListChangeListener<StateTotal>) c -> fillTotals());
        totals.setId("rollout-totals");

        Label totalsTitle = section("State totals");
        VBox right = new VBox(10, totalsTitle, totals, chartArea);
        VBox.setVgrow(chartArea, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox body = new HBox(18, startForm(), right);
        setCenter(ScreenLayout.screen(Screen.ROLLOUT, actions, body));
        model.refresh();
    }

    private Node startForm() {
        ListView<SiteChoice> sites = new ListView<>(model.sites());
        sites.setId("rollout-sites");
        sites.setCellFactory(CheckBoxListCell.forListView(SiteChoice::selected));
        sites.setPrefHeight(220);
        FlowPane rings = new FlowPane(6, 6);
        model.rings().addListener((ListChangeListener<String>) c -> {
            rings.getChildren().clear();
            for (String ring : model.rings()) {
                rings.getChildren().add(ScreenLayout.button("rollout-ring-" + ring, "Ring " + ring,
                        () -> model.toggleRing(ring)));
            }
            rings.getChildren().add(ScreenLayout.button("rollout-all", "All sites", () -> model.selectAllSites(true)));
            rings.getChildren().add(ScreenLayout.button("rollout-none", "None", () -> model.selectAllSites(false)));
        });
        TextField order = new TextField();
        order.setId("rollout-ring-order");
        order.textProperty().bindBidirectional(model.ringOrderProperty());
        TextField first = new TextField();
        first.setId("rollout-quota-first");
        first.setPromptText("none");
        first.setPrefColumnCount(5);
        first.textProperty().bindBidirectional(model.quotaFirstDayProperty());
        TextField growth = new TextField();
        growth.setId("rollout-quota-growth");
        growth.setPromptText("0");
        growth.setPrefColumnCount(5);
        growth.textProperty().bindBidirectional(model.quotaGrowthProperty());
        GridPane form = new GridPane();
        form.getStyleClass().add(Styles.FORM_GRID);
        form.addRow(0, ScreenLayout.fieldLabel("Wave order"), order);
        form.addRow(1, ScreenLayout.fieldLabel("Daily quota"), new HBox(6, first, fieldText("on day one, then"), growth,
                fieldText("more a day")));
        Label error = new Label();
        error.getStyleClass().add(Styles.FIELD_ERROR);
        error.setWrapText(true);
        error.textProperty().bind(model.formErrorProperty());
        Button start = ScreenLayout.button("rollout-start", "Start rollout", model::start);
        start.setDefaultButton(true);

        ComboBox<Rollout> rollouts = new ComboBox<>(model.rollouts());
        rollouts.setId("rollout-rollouts");
        rollouts.setConverter(new StringConverter<>() {
            @Override
            public String toString(Rollout r) {
                return r == null ? "no rollout yet" : RolloutViewModel.describe(r);
            }

            @Override
            public Rollout fromString(String s) {
                return null;
            }
        });
        rollouts.valueProperty().bindBidirectional(model.rolloutProperty());
        rollouts.setMaxWidth(Double.MAX_VALUE);
        Button pause = ScreenLayout.button("rollout-pause", "Pause", model::pause);
        Button resume = ScreenLayout.button("rollout-resume", "Resume", model::resume);
        Runnable enable = () -> {
            pause.setDisable(!model.canPause());
            resume.setDisable(!model.canResume());
        };
        model.rolloutProperty().addListener((o, old, now) -> enable.run());
        enable.run();
        VBox box = new VBox(8, section("Start a rollout"), new Label("Targets"), rings, sites, form,
                ScreenLayout.actions(start), error, section("Rollouts of this release"), rollouts,
                ScreenLayout.actions(pause, resume));
        box.setPrefWidth(460);
        box.setMinWidth(420);
        return box;
    }

    private void fillTotals() {
        totals.getChildren().clear();
        for (StateTotal t : model.totals()) {
            Region icon = new Region();
            icon.getStyleClass().add(Styles.STATE_ICON);
            Label text = new Label(t.word() + "  " + t.count());
            text.getStyleClass().add(Styles.STATE_TEXT);
            HBox chip = new HBox(6, icon, text);
            chip.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            chip.getStyleClass().addAll(Styles.STATE, Styles.MATRIX_CELL);
            chip.setPadding(new javafx.geometry.Insets(4, 10, 4, 8));
            Styles.switchState(chip, null, t.state());
            totals.getChildren().add(chip);
        }
        if (model.totals().isEmpty()) {
            Label none = new Label("No site has this release yet");
            none.getStyleClass().add(Styles.MUTED);
            totals.getChildren().add(none);
        }
    }

    /**
     * Steps, not slopes: a count holds until the next event changes it. The site axis runs in whole sites
     * from 0 to the release's sites; the time axis fits the events (see {@link ChartAxes}); with no event
     * yet the chart gives way to words.
     */
    private void fillChart() {
        List<ProgressPoint> points = model.progress();
        boolean empty = points.isEmpty();
        chart.setVisible(!empty);
        emptyChart.setVisible(empty);
        emptyChart.setText(model.releaseProperty().get() == null ? "Choose a release to see its progress."
                : "No site has received this release yet: the chart starts with the first delivery.");
        if (empty) {
            chart.getData().clear();
            return;
        }
        XYChart.Series<Number, Number> delivered = new XYChart.Series<>();
        delivered.setName("delivered");
        XYChart.Series<Number, Number> installed = new XYChart.Series<>();
        installed.setName("installed");
        XYChart.Series<Number, Number> failed = new XYChart.Series<>();
        failed.setName("failed or rolled back");
        ProgressPoint before = null;
        int most = model.sitesInReleaseProperty().get();
        for (ProgressPoint p : points) {
            long t = p.at().getEpochSecond();
            if (before != null) {
                delivered.getData().add(new XYChart.Data<>(t, before.delivered()));
                installed.getData().add(new XYChart.Data<>(t, before.installed()));
                failed.getData().add(new XYChart.Data<>(t, before.failed()));
            }
            delivered.getData().add(new XYChart.Data<>(t, p.delivered()));
            installed.getData().add(new XYChart.Data<>(t, p.installed()));
            failed.getData().add(new XYChart.Data<>(t, p.failed()));
            most = Math.max(most, Math.max(p.delivered(), Math.max(p.installed(), p.failed())));
            before = p;
        }
        chart.getData().setAll(List.of(delivered, installed, failed));
        ChartAxes.time((NumberAxis) chart.getXAxis(), points.get(0).at(), points.get(points.size() - 1).at(), zone);
        ChartAxes.count((NumberAxis) chart.getYAxis(), most);
    }

    private static Label fieldText(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.setMaxHeight(Double.MAX_VALUE);
        return l;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.SECTION_TITLE);
        return l;
    }

}

package io.patchbay.app.ui.console;

import io.patchbay.app.ui.Styles;
import io.patchbay.model.report.CheckRow;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.web.WebView;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

/**
 * The site console screen: a thin view over {@link SiteConsoleViewModel}:
 * the patch list on top; the selected patch's checks and release notes below.
 */
public final class SiteConsoleView extends VBox {
    private static final Logger LOG = LoggerFactory.getLogger(SiteConsoleView.class);
    private final SiteConsoleViewModel model;
    private final TableView<PatchRow> patches = new TableView<>();
    private final TableView<CheckRow> checks = new TableView<>();
    private final Node notes;

    public SiteConsoleView(SiteConsoleViewModel model) {
        this.model = model;
        setId("site-console");
        getStyleClass().add(Styles.CONTENT);

        Label title = new Label("Site console");
        title.getStyleClass().add(Styles.SCREEN_TITLE);
        Label site = new Label();
        site.setId("console-site");
        site.textProperty().bind(model.siteProperty());
        site.getStyleClass().add("console-site");
        Label installed = new Label();
        installed.setId("console-installed");
        installed.getStyleClass().add(Styles.MUTED);
        installed.textProperty().bind(model.installedProperty());
        VBox heading = new VBox(2, title, site, installed);
        heading.setPadding(new Insets(16, 16, 10, 16));

        Button open = button("console-open", "Open agent home...", model::chooseHome);
        Button refresh = button("console-refresh", "Refresh", model::reload);
        refresh.disableProperty().bind(model.homeProperty().isNull());
        Button install = button("console-install", "Install now", model::installNow);
        install.disableProperty().bind(model.canInstallProperty().not());
        install.setDefaultButton(false);
        Button schedule = button("console-schedule", "Schedule...", model::schedule);
        schedule.disableProperty().bind(model.canScheduleProperty().not());
        Button postpone = button("console-postpone", "Postpone", model::postpone);
        postpone.disableProperty().bind(model.canScheduleProperty().not());
        Button rollback = button("console-rollback", "Roll back...", model::rollback);
        rollback.disableProperty().bind(model.canRollbackProperty().not());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox toolbar = new HBox(open, refresh, gap, install, schedule, postpone, rollback);
        toolbar.getStyleClass().add(Styles.TOOLBAR_ROW);

        buildPatchTable();
        buildCheckTable();
        notes = notesNode(model.notesProperty(), title);
        Label checksTitle = section("Checks of the latest decision");
        Label notesTitle = section("Release notes");
        VBox checksBox = new VBox(4, checksTitle, checks);
        VBox.setVgrow(checks, Priority.ALWAYS);
        VBox notesBox = new VBox(4, notesTitle, notes);
        VBox.setVgrow(notes, Priority.ALWAYS);
        checksBox.setPadding(new Insets(8));
        notesBox.setPadding(new Insets(8));
        SplitPane detail = new SplitPane(checksBox, notesBox);
        detail.setDividerPositions(0.55);

        SplitPane body = new SplitPane(patches, detail);
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.42);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(heading, toolbar, body);
    }

    public SiteConsoleViewModel model() {
        return model;
    }

    public TableView<PatchRow> patchTable() {
        return patches;
    }

    public TableView<CheckRow> checkTable() {
        return checks;
    }

    private void buildPatchTable() {
        patches.setId("console-patches");
        patches.setItems(model.patches());
        Label empty = new Label();
        empty.setId("console-empty");
        empty.setWrapText(true);
        empty.textProperty().bind(model.emptyTextProperty());
        patches.setPlaceholder(empty);
        patches.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<PatchRow, PatchRow> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        state.setCellFactory(c -> new TableCell<>() {
            private final StateBadge badge = new StateBadge();

            @Override
            protected void updateItem(PatchRow row, boolean empty) {
                super.updateItem(row, empty);
                badge.show(empty || row == null ? null : row.state());
                setGraphic(empty || row == null ? null : badge);
            }
        });
        state.setPrefWidth(125);
        state.setMinWidth(110);
        patches.getColumns().add(fixed("Patch", PatchRow::title, 118));
        patches.getColumns().add(state);
        patches.getColumns().add(text("Why", PatchRow::reason, 300));
        patches.getColumns().add(text("Last check", PatchRow::lastCheck, 260));
        patches.getColumns().add(fixed("Received", PatchRow::received, 128));
        patches.getColumns().add(fixed("Scheduled", PatchRow::scheduled, 100));
        patches.getColumns().add(fixed("Installations", PatchRow::installations, 225));
        patches.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> {
            if (row != null) {
                model.selectedProperty().set(row);
            }
        });
        model.selectedProperty().addListener((o, old, row) -> follow(row));
        follow(model.selectedProperty().get());
    }

    private void follow(PatchRow row) {
        if (row != patches.getSelectionModel().getSelectedItem()) {
            patches.getSelectionModel().select(row);
        }
    }

    private void buildCheckTable() {
        checks.setId("console-checks");
        checks.setItems(model.checks());
        checks.setPlaceholder(new Label("No decision yet."));
        checks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        checks.getColumns().add(checkText("Check", CheckRow::check, 120));
        checks.getColumns().add(checkText("Outcome", c -> c.outcome().name().toLowerCase(java.util.Locale.ROOT), 70));
        checks.getColumns().add(checkText("Reason", CheckRow::reason, 320));
    }

    /** A column that never gets narrower than {@code width}: its values are short and read whole. */
    private static TableColumn<PatchRow, String> fixed(String title, Function<PatchRow, String> value, double width) {
        TableColumn<PatchRow, String> column = text(title, value, width);
        column.setMinWidth(width);
        return column;
    }

    /** A column of long reasons that gives way when the table is narrow (the tooltip keeps the whole text). */
    private static TableColumn<PatchRow, String> text(String title, Function<PatchRow, String> value, double width) {
        TableColumn<PatchRow, String> column = new TableColumn<>(title);
                column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setCellFactory(c -> new FullTextCell<>());
        column.setPrefWidth(width);
        return column;
    }

    private static TableColumn<CheckRow, String> checkText(String title, Function<CheckRow, String> value, double width) {
        TableColumn<CheckRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setCellFactory(c -> new FullTextCell<>());
        column.setPrefWidth(width);
        return column;
    }

    /** A text cell whose tooltip holds the whole text, for reasons cut short by the column. */
    private static final class FullTextCell<S> extends TableCell<S, String> {
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

    /**
     * The release notes in a WebView with scripts off (the page comes from a kit). Where WebView cannot start
     * (some headless test platforms, or {@code -Dpatchbay.noWebView=true}), the HTML text is shown read-only.
     */
    private static Node notesNode(ReadOnlyStringProperty page, Label themed) {
        if (!Boolean.getBoolean("patchbay.noWebView")) {
            try {
                WebView web = new WebView();
                web.setId("console-notes");
                web.setContextMenuEnabled(false);
                web.getEngine().setJavaScriptEnabled(false);
                // The page follows the theme: transparent over the screen, text in the colour the theme gave labels.
                web.setPageFill(Color.TRANSPARENT);
                themed.textFillProperty().addListener((o, old, fill) -> web.getEngine().setUserStyleSheetLocation(pageStyle(fill)));
                web.getEngine().setUserStyleSheetLocation(pageStyle(themed.getTextFill()));
                page.addListener((o, old, html) -> web.getEngine().loadContent(html == null ? "" : html));
                web.getEngine().loadContent(page.get() == null ? "" : page.get());
                return web;
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("no WebView for the release notes ({}); showing the HTML text", e.toString());
            }
        }
        TextArea text = new TextArea();
        text.setId("console-notes");
        text.setEditable(false);
        text.setWrapText(true);
        text.textProperty().bind(page);
        return text;
    }

    /** A data: URL of the notes page's stylesheet, in the theme's text colour. */
    static String pageStyle(Paint fill) {
        Color c = fill instanceof Color color ? color : Color.BLACK;
        String rgb = "rgb(" + Math.round(c.getRed() * 255) + "," + Math.round(c.getGreen() * 255) + ","
                + Math.round(c.getBlue() * 255) + ")";
        String css = "body{color:" + rgb + ";font-family:system-ui,sans-serif;font-size:13px;margin:4px 6px;}"
                + "h1{font-size:17px;}h2{font-size:15px;}a{color:" + rgb + ";}"
                + "table{border-collapse:collapse;margin:6px 0;}th,td{border:1px solid " + hex(c.interpolate(Color.GRAY, 0.6))
                + ";text-align:left;}td,th{padding:4px 12px;}";
        return "data:text/css;charset=utf-8;base64,"
                + Base64.getEncoder().encodeToString(css.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(Color c) {
        return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }
}

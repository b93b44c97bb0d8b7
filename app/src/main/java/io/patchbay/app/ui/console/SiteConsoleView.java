package io.patchbay.app.ui.console;

import io.patchbay.app.ui.ScreenLayout;
import io.patchbay.app.ui.kit.NotesPreview;
import io.patchbay.app.ui.Styles;
import io.patchbay.model.report.CheckRow;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;

import javafx.scene.Node;
import javafx.scene.control.Button;

import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;







import java.util.function.Function;

/**
 * The site console screen: a thin view over {@link SiteConsoleViewModel}:
 * the patch list on top; the selected patch's checks and release notes below.
 */
public final class SiteConsoleView extends VBox {
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
        notes = NotesPreview.create("console-notes", model.notesProperty(), title);
        Label checksTitle = section("Checks of the latest decision");
        Label notesTitle = section("Release notes");
        Label chance = new Label();
        chance.setId("console-next-chance");
        chance.setWrapText(true);
        chance.textProperty().bind(model.nextChanceProperty());
        chance.visibleProperty().bind(model.nextChanceProperty().isNotEmpty());
        chance.managedProperty().bind(chance.visibleProperty());
        VBox checksBox = new VBox(4, checksTitle, chance, checks);
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
        patches.getColumns().add(ScreenLayout.column("Why", PatchRow::reason, 300));
        patches.getColumns().add(ScreenLayout.column("Last check", PatchRow::lastCheck, 260));
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
        checks.getColumns().add(ScreenLayout.column("Check", CheckRow::check, 120));
        checks.getColumns().add(ScreenLayout.column("Outcome", c -> c.outcome().name().toLowerCase(java.util.Locale.ROOT), 70));
        checks.getColumns().add(ScreenLayout.column("Reason", CheckRow::reason, 320));
    }

    /** A column that never gets narrower than {@code width}: its values are short and read whole. */
    private static TableColumn<PatchRow, String> fixed(String title, Function<PatchRow, String> value, double width) {
        TableColumn<PatchRow, String> column = ScreenLayout.column(title, value, width);
        column.setMinWidth(width);
        return column;
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

package io.patchbay.app.ui.sites;

import io.patchbay.app.ui.Screen;
import io.patchbay.app.ui.ScreenLayout;
import io.patchbay.app.ui.Styles;
import io.patchbay.model.workspace.TransportKind;
import io.patchbay.model.workspace.AgentCondition;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.transformation.SortedList;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * The sites table with Add, Edit, Remove and Test connection; each site's agent with its version, last contact and
 * health, every column sortable, and a filter for agents not heard from.
 */
public final class SitesView extends BorderPane {
    private final SitesViewModel model;
    private final TableView<SiteRow> table = new TableView<>();

    public SitesView(SitesViewModel model) {
        this.model = model;
        table.setId("sites-table");
        SortedList<SiteRow> sorted = new SortedList<>(model.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getColumns().add(ScreenLayout.column("Name", SiteRow::name, 120));
        table.getColumns().add(ScreenLayout.column("Kind", SiteRow::kind, 50));
        table.getColumns().add(ScreenLayout.column("Endpoint", SiteRow::endpoint, 215));
        table.getColumns().add(ScreenLayout.column("Ring", SiteRow::ring, 70));
        table.getColumns().add(ScreenLayout.column("Channel", SiteRow::channel, 65));
        table.getColumns().add(ScreenLayout.column("Time zone", SiteRow::timeZone, 110));
        table.getColumns().add(ScreenLayout.column("Agent", SiteRow::agentVersion, 70));
        table.getColumns().add(lastContactColumn());
        table.getColumns().add(healthColumn());
        table.setPlaceholder(new Label("No sites yet: add the first with Add site..."));
        table.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> model.selectedProperty().set(row));
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && model.selectedProperty().get() != null) {
                edit();
            }
        });
        Button edit = ScreenLayout.button("sites-edit", "Edit...", this::edit);
        Button remove = ScreenLayout.button("sites-remove", "Remove...", model::removeSelected);
        Button test = ScreenLayout.button("sites-test", "Test connection", model::testSelected);
        for (Button b : new Button[]{edit, remove, test}) {
            b.disableProperty().bind(model.selectedProperty().isNull());
        }
        setCenter(ScreenLayout.screen(Screen.SITES, ScreenLayout.actions(
                ScreenLayout.button("sites-add", "Add site...", () -> openEditor(model.newForm())), edit, remove, test,
                ScreenLayout.gap(), notHeardFilter(), ScreenLayout.button("sites-refresh", "Refresh", model::refresh)), table));
        setBottom(new InstalledStateView(model.installedState(), model.selectedReportRefused()));
        model.refresh();
    }

    /** Last contact, shown in the workstation's zone, sorted by time (never heard from first). */
    private static TableColumn<SiteRow, SiteRow> lastContactColumn() {
        TableColumn<SiteRow, SiteRow> c = new TableColumn<>("Last contact");
        c.setId("sites-last-contact");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        c.setComparator(Comparator.comparing(SiteRow::lastContact, Comparator.nullsFirst(Comparator.naturalOrder())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(SiteRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.lastContactText());
            }
        });
        c.setPrefWidth(235);
        return c;
    }

    /** Health in words, coloured by kind (styles/: .agent-health); sorted by concern. */
    private static TableColumn<SiteRow, AgentCondition> healthColumn() {
        TableColumn<SiteRow, AgentCondition> c = new TableColumn<>("Health");
        c.setId("sites-health");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().condition()));
        c.setComparator(Comparator.comparing(AgentCondition::kind).thenComparing(AgentCondition::text));
        c.setCellFactory(col -> new TableCell<>() {
            private AgentCondition.Kind shown;

            {
                getStyleClass().add(Styles.AGENT_HEALTH);
            }

            @Override
            protected void updateItem(AgentCondition condition, boolean empty) {
                super.updateItem(condition, empty);
                if (shown != null) {
                    pseudoClassStateChanged(Styles.agentHealthClass(shown), false);
                }
                shown = empty || condition == null ? null : condition.kind();
                setText(shown == null ? null : condition.text());
                setTooltip(shown == null ? null : new Tooltip(condition.text()));
                if (shown != null) {
                    pseudoClassStateChanged(Styles.agentHealthClass(shown), true);
                }
            }
        });
        c.setPrefWidth(225);
        return c;
    }

    /** The "not heard from" filter and its setting (minutes of silence). */
    private Node notHeardFilter() {
        CheckBox only = new CheckBox("Only not heard from");
        only.setId("sites-not-heard-only");
        only.selectedProperty().bindBidirectional(model.notHeardFromOnlyProperty());
        Spinner<Integer> minutes = new Spinner<>(5, 7 * 24 * 60, model.notHeardAfterMinutesProperty().get(), 15);
        minutes.setId("sites-not-heard-after");
        minutes.setEditable(true);
        minutes.setPrefWidth(90);
        minutes.valueProperty().addListener((o, old, now) -> model.notHeardAfterMinutesProperty().set(now));
        Label after = new Label("silent after");
        Label unit = new Label("min");
        for (Label l : new Label[]{after, unit}) {
            l.getStyleClass().add(Styles.MUTED);
        }
        return ScreenLayout.actions(only, after, minutes, unit);
    }

    private void edit() {
        SiteForm form = model.editForm();
        if (form != null) {
            openEditor(form);
        }
    }

    private void openEditor(SiteForm form) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(form.isEditing() ? "Edit site " + form.name.get() : "Add site");
        dialog.setHeaderText(dialog.getTitle());
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
            dialog.getDialogPane().getStylesheets().setAll(getScene().getStylesheets());
        }
        dialog.getDialogPane().setContent(SiteEditor.create(form, field -> model.choose(form, field)));
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setText(form.isEditing() ? "Save" : "Add");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            if (!model.save(form, site -> { })) {
                e.consume();
            }
        });
        dialog.showAndWait();
    }

    /** The form's fields; public for the screenshot of the dialog's content (its pickers do nothing there). */
    public static Node editor(SiteForm form) {
        return SiteEditor.create(form, field -> { });
    }

    public TableView<SiteRow> table() {
        return table;
    }
}

package io.patchbay.app.ui.sites;

import io.patchbay.app.ui.Screen;
import io.patchbay.app.ui.ScreenLayout;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;


/** The sites table with Add, Edit, Remove and Test connection. */
public final class SitesView extends BorderPane {
    private final SitesViewModel model;
    private final TableView<SiteRow> table = new TableView<>();

    public SitesView(SitesViewModel model) {
        this.model = model;
        table.setId("sites-table");
        table.setItems(model.rows());
        table.getColumns().add(ScreenLayout.column("Name", SiteRow::name, 140));
        table.getColumns().add(ScreenLayout.column("Kind", SiteRow::kind, 60));
        table.getColumns().add(ScreenLayout.column("Endpoint", SiteRow::endpoint, 440));
        table.getColumns().add(ScreenLayout.column("Ring", SiteRow::ring, 90));
        table.getColumns().add(ScreenLayout.column("Channel", SiteRow::channel, 80));
        table.getColumns().add(ScreenLayout.column("Time zone", SiteRow::timeZone, 140));
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
                ScreenLayout.gap(), ScreenLayout.button("sites-refresh", "Refresh", model::refresh)), table));
        model.refresh();
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

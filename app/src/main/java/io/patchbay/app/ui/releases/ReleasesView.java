package io.patchbay.app.ui.releases;

import io.patchbay.app.ui.Screen;
import io.patchbay.app.ui.ScreenLayout;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/** The releases table with Add kit, New kit (the wizard) and Pull. */
public final class ReleasesView extends BorderPane {
    private final TableView<ReleaseRow> table = new TableView<>();

    public ReleasesView(ReleasesViewModel model, Runnable openWizard) {
        table.setId("releases-table");
        table.setItems(model.rows());
        table.getColumns().add(ScreenLayout.column("Product", ReleaseRow::product, 110));
        table.getColumns().add(ScreenLayout.column("Version", ReleaseRow::version, 90));
        table.getColumns().add(ScreenLayout.column("Channel", ReleaseRow::channel, 70));
        table.getColumns().add(ScreenLayout.column("Flags", ReleaseRow::flags, 120));
        table.getColumns().add(ScreenLayout.column("Released", ReleaseRow::released, 130));
        table.getColumns().add(ScreenLayout.column("Pulled", ReleaseRow::pulled, 220));
        table.getColumns().add(ScreenLayout.column("Size", ReleaseRow::size, 80));
        table.getColumns().add(ScreenLayout.column("Signer", ReleaseRow::signer, 380));
        table.setPlaceholder(new Label("No releases yet: build a kit with New kit..., or add one with Add kit..."));
        table.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> model.selectedProperty().set(row));
        model.selectedProperty().addListener((o, old, row) -> {
            if (row != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(row);
            }
        });
        Button pull = ScreenLayout.button("releases-pull", "Pull release...", model::pullSelected);
        pull.disableProperty().bind(model.selectedProperty().isNull());
        setCenter(ScreenLayout.screen(Screen.RELEASES, ScreenLayout.actions(
                ScreenLayout.button("releases-new-kit", "New kit...", openWizard),
                ScreenLayout.button("releases-add", "Add kit...", model::addKit),
                pull, ScreenLayout.gap(),
                ScreenLayout.button("releases-refresh", "Refresh", model::refresh)), table));
        model.refresh();
    }

    public TableView<ReleaseRow> table() {
        return table;
    }
}

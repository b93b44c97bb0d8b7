package io.patchbay.app.ui.sites;

import io.patchbay.app.ui.Screen;
import io.patchbay.app.ui.ScreenLayout;
import io.patchbay.app.ui.Styles;
import io.patchbay.model.workspace.TransportKind;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;

import java.util.HashMap;
import java.util.Map;

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
        dialog.getDialogPane().setContent(editor(form));
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

    /** The form's fields; public for the screenshot of the dialog's content. */
    public static Node editor(SiteForm form) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add(Styles.FORM_GRID);
        Map<String, Node> byField = new HashMap<>();
        int row = 0;
        TextField name = field("site-name", form.name);
        name.setDisable(form.isEditing());
        byField.put("name", name);
        grid.addRow(row++, label("Name"), name);
        ComboBox<TransportKind> kind = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(TransportKind.values()));
        kind.setId("site-kind");
        kind.valueProperty().bindBidirectional(form.transport);
        grid.addRow(row++, label("Transport"), kind);
        TextField endpoint = field("site-endpoint", form.endpoint);
        endpoint.setPromptText("sftp://patchbay@host:22/patchbay or https://host:8443");
        byField.put("endpoint", endpoint);
        grid.addRow(row++, label("Endpoint"), endpoint);
        TextField identity = field("site-identity", form.identityFile);
        identity.setPromptText("SFTP: private key file to log in with");
        byField.put("identity", identity);
        TextField knownHosts = field("site-known-hosts", form.knownHostsFile);
        knownHosts.setPromptText("SFTP: known_hosts file that pins the host key");
        TextField token = field("site-token", form.tokenFile);
        token.setPromptText("HTTPS: file holding the bearer token");
        byField.put("token", token);
        TextField ca = field("site-ca", form.caCertFile);
        ca.setPromptText("HTTPS: CA certificate (PEM), optional");
        grid.addRow(row++, label("Key file"), identity);
        grid.addRow(row++, label("known_hosts"), knownHosts);
        grid.addRow(row++, label("Token file"), token);
        grid.addRow(row++, label("CA certificate"), ca);
        Runnable kindChanged = () -> {
            boolean sftp = form.transport.get() != TransportKind.HTTPS;
            identity.setDisable(!sftp);
            knownHosts.setDisable(!sftp);
            token.setDisable(sftp);
            ca.setDisable(sftp);
        };
        form.transport.addListener((o, old, now) -> kindChanged.run());
        kindChanged.run();
        TextField ring = field("site-ring", form.ring);
        byField.put("ring", ring);
        grid.addRow(row++, label("Ring"), ring);
        TextField channel = field("site-channel", form.channel);
        byField.put("channel", channel);
        grid.addRow(row++, label("Channel"), channel);
        TextField zone = field("site-time-zone", form.timeZone);
        byField.put("timeZone", zone);
        grid.addRow(row++, label("Time zone"), zone);
        TextArea policy = new TextArea();
        policy.setId("site-policy");
        policy.getStyleClass().add(Styles.CODE_AREA);
        policy.setPrefRowCount(5);
        policy.textProperty().bindBidirectional(form.policy);
        byField.put("policy", policy);
        grid.addRow(row++, label("Policy (JSON)"), policy);
        Label error = new Label();
        error.setId("site-error");
        error.getStyleClass().add(Styles.FIELD_ERROR);
        error.setWrapText(true);
        error.setMaxWidth(520);
        error.textProperty().bind(form.errorProperty());
        grid.add(error, 1, row);
        java.util.function.Consumer<String> mark = field -> byField.forEach((k, node) ->
                node.pseudoClassStateChanged(Styles.INVALID, k.equals(field)));
        form.errorFieldProperty().addListener((o, old, now) -> mark.accept(now));
        mark.accept(form.errorFieldProperty().get());
        return grid;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.FIELD_LABEL);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private static TextField field(String id, StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(36);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    public TableView<SiteRow> table() {
        return table;
    }
}

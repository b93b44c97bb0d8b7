package io.patchbay.app.ui.sites;

import io.patchbay.app.ui.ScreenLayout;
import io.patchbay.app.ui.Styles;
import io.patchbay.model.workspace.TransportKind;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The add/edit site form's fields: file fields with a picker each, the workspace's rings and zones offered
 * (and still typed freely), and the install policy as fields, not raw JSON. A thin view over {@link SiteForm}.
 */
final class SiteEditor {
    private SiteEditor() {
    }

    /** @param choose opens the picker of a file field: identity, knownHosts, token or caCert */
    static Node create(SiteForm form, Consumer<String> choose) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add(Styles.FORM_GRID);
        Map<String, Node> byField = new HashMap<>();
        int row = 0;
        TextField name = field("site-name", form.name);
        name.setDisable(form.isEditing());
        byField.put("name", name);
        grid.addRow(row++, ScreenLayout.fieldLabel("Name"), name);
        ComboBox<TransportKind> kind = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(TransportKind.values()));
        kind.setId("site-kind");
        kind.valueProperty().bindBidirectional(form.transport);
        grid.addRow(row++, ScreenLayout.fieldLabel("Transport"), kind);
        TextField endpoint = field("site-endpoint", form.endpoint);
        endpoint.setPromptText("sftp://patchbay@host:22/patchbay or https://host:8443");
        byField.put("endpoint", endpoint);
        grid.addRow(row++, ScreenLayout.fieldLabel("Endpoint"), endpoint);
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
        HBox identityRow = withPicker(identity, "site-identity-choose", () -> choose.accept("identity"));
        HBox knownHostsRow = withPicker(knownHosts, "site-known-hosts-choose", () -> choose.accept("knownHosts"));
        HBox tokenRow = withPicker(token, "site-token-choose", () -> choose.accept("token"));
        HBox caRow = withPicker(ca, "site-ca-choose", () -> choose.accept("caCert"));
        grid.addRow(row++, ScreenLayout.fieldLabel("Key file"), identityRow);
        grid.addRow(row++, ScreenLayout.fieldLabel("known_hosts"), knownHostsRow);
        grid.addRow(row++, ScreenLayout.fieldLabel("Token file"), tokenRow);
        grid.addRow(row++, ScreenLayout.fieldLabel("CA certificate"), caRow);
        Runnable kindChanged = () -> {
            boolean sftp = form.transport.get() != TransportKind.HTTPS;
            identityRow.setDisable(!sftp);
            knownHostsRow.setDisable(!sftp);
            tokenRow.setDisable(sftp);
            caRow.setDisable(sftp);
        };
        form.transport.addListener((o, old, now) -> kindChanged.run());
        kindChanged.run();
        ComboBox<String> ring = choice("site-ring", form.ring, form.ringChoices());
        byField.put("ring", ring);
        grid.addRow(row++, ScreenLayout.fieldLabel("Ring"), ring);
        ComboBox<String> channel = choice("site-channel", form.channel,
                javafx.collections.FXCollections.observableArrayList("stable", "beta"));
        byField.put("channel", channel);
        grid.addRow(row++, ScreenLayout.fieldLabel("Channel"), channel);
        ComboBox<String> zone = choice("site-time-zone", form.timeZone, form.zoneChoices());
        byField.put("timeZone", zone);
        grid.addRow(row++, ScreenLayout.fieldLabel("Time zone"), zone);
        Label policyTitle = new Label("Install policy");
        policyTitle.getStyleClass().add(Styles.SECTION_TITLE);
        grid.add(policyTitle, 0, row++, 2, 1);
        PolicyForm policy = form.policyForm();
        for (String key : PolicyForm.KEYS) {
            Node input;
            if (key.equals("mode")) {
                input = choice("site-policy-mode", policy.field(key),
                        javafx.collections.FXCollections.observableArrayList("automatic", "scheduled", "manual"));
            } else if (key.equals("support-hold") || key.equals("allow-major")) {
                input = choice("site-policy-" + key, policy.field(key),
                        javafx.collections.FXCollections.observableArrayList("false", "true"));
            } else {
                TextField f = field("site-policy-" + key, policy.field(key));
                f.setPromptText(PolicyForm.prompt(key));
                input = f;
            }
            byField.put("policy:" + key, input);
            grid.addRow(row++, ScreenLayout.fieldLabel(key), input);
        }
        Label error = new Label();
        error.setId("site-error");
        error.getStyleClass().add(Styles.FIELD_ERROR);
        error.setWrapText(true);
        error.setMaxWidth(520);
        error.textProperty().bind(form.errorProperty());
        grid.add(error, 1, row);
        Consumer<String> mark = field -> byField.forEach((k, node) -> node.pseudoClassStateChanged(Styles.INVALID,
                k.equals(field) || field.equals("policy") && k.equals("policy:" + policyKey(form.errorProperty().get()))));
        form.errorFieldProperty().addListener((o, old, now) -> mark.accept(now));
        mark.accept(form.errorFieldProperty().get());
        return grid;
    }

    /** "policy key 'window': expected ..." -> "window". */
    private static String policyKey(String error) {
        int a = error == null ? -1 : error.indexOf('\'');
        int b = a < 0 ? -1 : error.indexOf('\'', a + 1);
        return b < 0 ? "" : error.substring(a + 1, b);
    }

    private static HBox withPicker(TextField field, String id, Runnable choose) {
        Button pick = new Button("Choose...");
        pick.setId(id);
        pick.setOnAction(e -> choose.run());
        HBox.setHgrow(field, Priority.ALWAYS);
        return new HBox(6, field, pick);
    }

    /** An editable choice: the offered values, or any typed one. */
    private static ComboBox<String> choice(String id, StringProperty value, javafx.collections.ObservableList<String> offered) {
        ComboBox<String> box = new ComboBox<>(offered);
        box.setId(id);
        box.setEditable(true);
        box.setMaxWidth(Double.MAX_VALUE);
        box.valueProperty().bindBidirectional(value);
        return box;
    }

    private static TextField field(String id, StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(36);
        f.textProperty().bindBidirectional(value);
        return f;
    }
}

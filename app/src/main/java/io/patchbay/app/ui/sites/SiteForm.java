package io.patchbay.app.ui.sites;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.release.Channel;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.TransportKind;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The add/edit site form. It holds text as typed; {@link #toSpec()} turns it into a {@link SiteSpec},
 * whose own checks decide what is valid, and puts the refusal in {@link #errorProperty()} with the name
 * of the field it concerns in {@link #errorFieldProperty()}.
 */
public final class SiteForm {
    public final StringProperty name = new SimpleStringProperty(this, "name", "");
    public final ObjectProperty<TransportKind> transport = new SimpleObjectProperty<>(this, "transport", TransportKind.SFTP);
    public final StringProperty endpoint = new SimpleStringProperty(this, "endpoint", "");
    public final StringProperty identityFile = new SimpleStringProperty(this, "identityFile", "");
    public final StringProperty knownHostsFile = new SimpleStringProperty(this, "knownHostsFile", "");
    public final StringProperty tokenFile = new SimpleStringProperty(this, "tokenFile", "");
    public final StringProperty caCertFile = new SimpleStringProperty(this, "caCertFile", "");
    public final StringProperty ring = new SimpleStringProperty(this, "ring", SiteSpec.DEFAULT_RING);
    public final StringProperty channel = new SimpleStringProperty(this, "channel", "stable");
    public final StringProperty timeZone = new SimpleStringProperty(this, "timeZone", "UTC");
    /** Rings a site can join: the workspace's own, then the usual ones (design.md). */
    private final javafx.collections.ObservableList<String> ringChoices = javafx.collections.FXCollections.observableArrayList();
    /** Time zones: the workspace's sites' first, then every zone. */
    private final javafx.collections.ObservableList<String> zoneChoices = javafx.collections.FXCollections.observableArrayList();
    private PolicyForm policyForm;
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final StringProperty errorField = new SimpleStringProperty(this, "errorField", "");
    private final boolean editing;

    private SiteForm(boolean editing) {
        this.editing = editing;
    }

    public static SiteForm empty() {
        SiteForm f = new SiteForm(false);
        f.policyForm = new PolicyForm("{}", java.time.ZoneId.of("UTC"));
        return f;
    }

    public static SiteForm of(Site site) {
        SiteForm f = new SiteForm(true);
        SiteSpec s = site.spec();
        f.name.set(s.name());
        f.transport.set(s.transport());
        f.endpoint.set(s.endpoint().toString());
        f.identityFile.set(text(s.identityFile()));
        f.knownHostsFile.set(text(s.knownHostsFile()));
        f.tokenFile.set(text(s.tokenFile()));
        f.caCertFile.set(text(s.caCertFile()));
        f.ring.set(s.ring());
        f.channel.set(s.channel().word());
        f.timeZone.set(s.timeZone().getId());
        f.policyForm = new PolicyForm(s.policyJson(), s.timeZone());
        return f;
    }

    /** Offers the rings and zones the workspace's sites use, before the usual ones. */
    public SiteForm offer(java.util.List<Site> sites) {
        java.util.LinkedHashSet<String> rings = new java.util.LinkedHashSet<>();
        sites.stream().map(Site::ring).sorted().forEach(rings::add);
        rings.addAll(io.patchbay.app.ui.workspace.WorkspaceMatrixSource.RING_ORDER);
        ringChoices.setAll(rings);
        java.util.LinkedHashSet<String> zones = new java.util.LinkedHashSet<>();
        sites.stream().map(s -> s.spec().timeZone().getId()).sorted().forEach(zones::add);
        zones.add("UTC");
        java.time.ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/")).sorted().forEach(zones::add);
        zoneChoices.setAll(zones);
        return this;
    }

    public javafx.collections.ObservableList<String> ringChoices() {
        return ringChoices;
    }

    public javafx.collections.ObservableList<String> zoneChoices() {
        return zoneChoices;
    }

    /** The policy's fields. */
    public PolicyForm policyForm() {
        return policyForm;
    }

    /**
     * Asks for a file with the picker and puts it in the field: "identity", "knownHosts", "token" or "caCert".
     * The picker opens where the field's current file is.
     */
    public void choose(String field, io.patchbay.app.ui.DialogService dialogs) {
        StringProperty target = switch (field) {
            case "identity" -> identityFile;
            case "knownHosts" -> knownHostsFile;
            case "token" -> tokenFile;
            case "caCert" -> caCertFile;
            default -> throw new IllegalArgumentException("not a file field: " + field);
        };
        Path current = path(target);
        Path folder = current == null ? null : current.toAbsolutePath().getParent();
        String title = switch (field) {
            case "identity" -> "Private key to log in to the site with";
            case "knownHosts" -> "known_hosts file that pins the site's host key";
            case "token" -> "File holding the site's bearer token";
            default -> "CA certificate (PEM) of the site's endpoint";
        };
        dialogs.chooseFile(title, folder).ifPresent(p -> target.set(p.toString()));
    }

    /** True for a form that edits an existing site (its name is fixed). */
    public boolean isEditing() {
        return editing;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** Which field the error is about: name, endpoint, identity, token, ring, channel, timeZone, policy. */
    public StringProperty errorFieldProperty() {
        return errorField;
    }

    /** The site as described, or null with the error set. */
    public SiteSpec toSpec() {
        try {
            SiteSpec spec = transport.get() == TransportKind.OFFLINE ? SiteSpec.offline(name.get().strip())
                    : transport.get() == TransportKind.HTTPS
                    ? SiteSpec.https(name.get().strip(), endpoint.get().strip(), path(tokenFile), path(caCertFile))
                    : SiteSpec.sftp(name.get().strip(), endpoint.get().strip(), path(identityFile), path(knownHostsFile));
            spec = spec.withRing(ring.get().strip());
            spec = spec.withChannel(channel(channel.get()));
            spec = spec.withTimeZone(SiteSpec.zone(timeZone.get().strip()));
            spec = spec.withPolicy(policyForm.toJson());
            error.set("");
            errorField.set("");
            return spec;
        } catch (PatchbayException e) {
            error.set(e.getMessage());
            errorField.set(fieldOf(e.getMessage()));
            return null;
        }
    }

    private static Channel channel(String text) {
        try {
            return Channel.parse(text.strip());
        } catch (RuntimeException e) {
            throw new PatchbayException("channel: " + (e.getMessage() == null ? "not a channel: '" + text + "'" : e.getMessage()));
        }
    }

    static String fieldOf(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.startsWith("not a site name")) {
            return "name";
        }
        if (m.contains("endpoint")) {
            return "endpoint";
        }
        if (m.contains("identity")) {
            return "identity";
        }
        if (m.contains("token")) {
            return "token";
        }
        if (m.contains("ring")) {
            return "ring";
        }
        if (m.contains("channel")) {
            return "channel";
        }
        if (m.contains("time zone")) {
            return "timeZone";
        }
        if (m.contains("policy")) {
            return "policy";
        }
        return "name";
    }

    private static Path path(StringProperty text) {
        String t = text.get() == null ? "" : text.get().strip();
        return t.isEmpty() ? null : Path.of(t);
    }

    private static String text(Path p) {
        return p == null ? "" : p.toString();
    }
}

package io.patchbay.app.ui.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.ManifestCodec;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kit.ini form: one property per manifest field, the raw text kept in step with them both ways, and
 * an error per field. Validation is ManifestCodec's own: each field is checked in a manifest whose other
 * fields are known good (so every bad field shows its error at once), then the whole text is parsed for
 * rules across fields (requires newer than version), whose error goes to the field on that line.
 */
public final class ManifestForm {
    public static final List<String> FIELDS = List.of("product", "version", "requires", "channel", "released",
            "automatic", "major", "backup", "remove");
    private static final Pattern LINE = Pattern.compile(Pattern.quote(ManifestCodec.FILE) + " line (\\d+): (.*)");
    private static final Map<String, String> GOOD = Map.of("product", "Product", "version", "999999",
            "requires", "0", "channel", "stable", "released", "2000-01-01T00:00:00Z");

    public final StringProperty product = new SimpleStringProperty(this, "product", "");
    public final StringProperty version = new SimpleStringProperty(this, "version", "");
    public final StringProperty requires = new SimpleStringProperty(this, "requires", "");
    public final StringProperty channel = new SimpleStringProperty(this, "channel", "stable");
    public final StringProperty released = new SimpleStringProperty(this, "released",
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    public final BooleanProperty automatic = new SimpleBooleanProperty(this, "automatic", true);
    public final BooleanProperty major = new SimpleBooleanProperty(this, "major", false);
    public final BooleanProperty backupData = new SimpleBooleanProperty(this, "backupData", false);
    /** Install-root-relative paths to delete, one per line. */
    public final StringProperty remove = new SimpleStringProperty(this, "remove", "");
    private final StringProperty rawText = new SimpleStringProperty(this, "rawText", "");
    private final StringProperty rawError = new SimpleStringProperty(this, "rawError", "");
    private final Map<String, StringProperty> errors = new LinkedHashMap<>();
    private final ObjectProperty<Manifest> manifest = new SimpleObjectProperty<>(this, "manifest");
    private boolean syncing;

    public ManifestForm() {
        for (String field : FIELDS) {
            errors.put(field, new SimpleStringProperty(this, field + "Error", ""));
        }
        List<ObservableValue<?>> inputs = List.of(product, version, requires, channel, released, automatic, major,
                backupData, remove);
        inputs.forEach(p -> p.addListener((o, old, now) -> fieldsChanged()));
        rawText.addListener((o, old, now) -> rawChanged(now));
        fieldsChanged();
    }

    public StringProperty rawTextProperty() {
        return rawText;
    }

    /** The raw text's parse error when it was edited into something the form cannot show; else empty. */
    public StringProperty rawErrorProperty() {
        return rawError;
    }

    /** The field's error, empty when it is fine. */
    public StringProperty errorProperty(String field) {
        return errors.get(field);
    }

    /** The manifest when every field is valid, else null. */
    public ObjectProperty<Manifest> manifestProperty() {
        return manifest;
    }

    public boolean isValid() {
        return manifest.get() != null;
    }

    /** A build folder named like {@code spruce-1.1.0} or {@code Spruce_v12.10.11}: product, then version. */
    private static final java.util.regex.Pattern BUILD_FOLDER =
            java.util.regex.Pattern.compile("(?i)^(.*?)[-_ ]v?(\\d+(?:\\.\\d+)+(?:-[0-9a-z.]+)?)$");

    /**
     * Fills an empty Version (and an empty Product) from the build folder's name, e.g. {@code spruce-1.1.0}:
     * the form does not open on a red field that the folder already answers.
     */
    public void suggestFrom(java.nio.file.Path buildFolder) {
        java.nio.file.Path name = buildFolder == null ? null : buildFolder.getFileName();
        java.util.regex.Matcher m = name == null ? null : BUILD_FOLDER.matcher(name.toString());
        if (m == null || !m.matches()) {
            return;
        }
        try {
            io.patchbay.model.release.Version.parse(m.group(2));
        } catch (RuntimeException e) {
            return; // not a version after all
        }
        if (version.get() == null || version.get().isBlank()) {
            version.set(m.group(2));
        }
        String product = m.group(1).strip();
        if ((this.product.get() == null || this.product.get().isBlank()) && !product.isEmpty()) {
            this.product.set(Character.toUpperCase(product.charAt(0)) + product.substring(1));
        }
    }

    /** Fills the form from an earlier release's manifest: the next version is the user's to type. */
    public void fillFrom(Manifest m) {
        product.set(m.product());
        requires.set(m.version().toString());
        channel.set(m.channel().word());
        automatic.set(m.automatic());
        major.set(false);
        backupData.set(m.backupData());
    }

    private void fieldsChanged() {
        if (syncing) {
            return;
        }
        Map<String, String> values = values();
        String text = text(values);
        syncing = true;
        try {
            rawText.set(text);
        } finally {
            syncing = false;
        }
        rawError.set("");
        validate(values, text);
    }

    private void rawChanged(String text) {
        if (syncing) {
            return;
        }
        Manifest m;
        try {
            m = ManifestCodec.read(text);
        } catch (PatchbayException e) {
            rawError.set(e.getMessage());
            manifest.set(null);
            return;
        }
        rawError.set("");
        syncing = true;
        try {
            product.set(m.product());
            version.set(m.version().toString());
            requires.set(m.requires().toString());
            channel.set(m.channel().word());
            released.set(m.released().toString());
            automatic.set(m.automatic());
            major.set(m.major());
            backupData.set(m.backupData());
            remove.set(String.join("\n", m.remove()));
        } finally {
            syncing = false;
        }
        errors.values().forEach(e -> e.set(""));
        manifest.set(m);
    }

    private void validate(Map<String, String> values, String text) {
        boolean anyError = false;
        for (String field : FIELDS) {
            Map<String, String> probe = new LinkedHashMap<>(values);
            for (String other : GOOD.keySet()) {
                if (!other.equals(field)) {
                    probe.put(other, GOOD.get(other));
                }
            }
            if (!field.equals("remove")) {
                probe.put("remove", "");
            }
            String error = problem(text(probe));
            errors.get(field).set(error);
            anyError |= !error.isEmpty();
        }
        if (anyError) {
            manifest.set(null);
            return;
        }
        try {
            manifest.set(ManifestCodec.read(text));
        } catch (PatchbayException e) {
            manifest.set(null);
            errors.get(fieldAt(text, e.getMessage())).set(message(e.getMessage()));
        }
    }

    private static String problem(String text) {
        try {
            ManifestCodec.read(text);
            return "";
        } catch (PatchbayException e) {
            return message(e.getMessage());
        }
    }

    /** "kit.ini line 3: version: not a version" -> "not a version". */
    private static String message(String error) {
        Matcher m = LINE.matcher(error);
        String rest = m.matches() ? m.group(2) : error;
        for (String field : FIELDS) {
            if (rest.startsWith(field + ": ")) {
                return rest.substring(field.length() + 2);
            }
        }
        return rest;
    }

    private static String fieldAt(String text, String error) {
        Matcher m = LINE.matcher(error);
        if (m.matches()) {
            String[] lines = text.split("\n", -1);
            int line = Integer.parseInt(m.group(1));
            if (line >= 1 && line <= lines.length) {
                String key = lines[line - 1].split("=", 2)[0].strip();
                if (key.equals("data")) {
                    return "backup";
                }
                if (FIELDS.contains(key)) {
                    return key;
                }
            }
        }
        return "product";
    }

    private Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("product", oneLine(product.get()));
        v.put("version", oneLine(version.get()));
        v.put("requires", oneLine(requires.get()));
        v.put("channel", oneLine(channel.get()));
        v.put("automatic", Boolean.toString(automatic.get()));
        v.put("major", Boolean.toString(major.get()));
        v.put("released", oneLine(released.get()));
        v.put("backup", Boolean.toString(backupData.get()));
        v.put("remove", remove.get() == null ? "" : remove.get());
        return v;
    }

    /** The kit.ini text of the values, in ManifestCodec's order. */
    static String text(Map<String, String> v) {
        StringBuilder b = new StringBuilder("[release]\n");
        for (String key : List.of("product", "version", "requires", "channel", "automatic", "major", "released")) {
            b.append(key).append(" = ").append(v.get(key)).append('\n');
        }
        b.append("\n[backup]\ndata = ").append(v.get("backup")).append('\n');
        List<String> paths = new ArrayList<>();
        for (String line : v.get("remove").split("\\R")) {
            if (!line.isBlank()) {
                paths.add(line.strip());
            }
        }
        if (!paths.isEmpty()) {
            b.append("\n[install]\n");
            paths.forEach(p -> b.append("remove = ").append(p).append('\n'));
        }
        return b.toString();
    }

    private static String oneLine(String value) {
        return value == null ? "" : value.replaceAll("[\\r\\n]", " ").strip();
    }
}

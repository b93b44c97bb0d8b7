package io.patchbay.app.ui.sites;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.policy.PolicyCodec;
import io.patchbay.model.policy.PolicyStore;
import io.patchbay.model.policy.SitePolicy;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A site's install policy as a form instead of raw JSON: one field per policy key a support lead sets from
 * the workstation (the same keys and checks as {@code patchbay agent policy --set KEY=VALUE}). Fields start
 * from the site's policy; an untouched form leaves its JSON exactly as it was.
 */
public final class PolicyForm {
    /** The keys the form offers, in the order shown. */
    public static final List<String> KEYS = List.of("mode", "wait-days", "window", "blocked-days", "blackout",
            "support-hold", "allow-major");

    private final Map<String, StringProperty> fields = new LinkedHashMap<>();
    private final Map<String, String> initial = new LinkedHashMap<>();
    private final String originalJson;
    private final SitePolicy base;

    PolicyForm(String json, ZoneId zone) {
        this.originalJson = json == null || json.isBlank() ? "{}" : json.strip();
        this.base = parse(originalJson, zone);
        for (String key : KEYS) {
            String value = PolicyCodec.get(base, key);
            initial.put(key, value);
            fields.put(key, new SimpleStringProperty(this, key, value));
        }
    }

    private static SitePolicy parse(String json, ZoneId zone) {
        if (json.equals("{}")) {
            return SitePolicy.defaults(zone);
        }
        try {
            return PolicyStore.fromJson(json);
        } catch (PatchbayException e) {
            return SitePolicy.defaults(zone); // not a whole policy (older sites): the form starts from the defaults
        }
    }

    /** The field of a key, e.g. {@code field("window")} holds "22:00-04:00" or "any". */
    public StringProperty field(String key) {
        StringProperty f = fields.get(key);
        if (f == null) {
            throw new IllegalArgumentException("not a policy form key: " + key);
        }
        return f;
    }

    /** What each key accepts, for the field's prompt. */
    public static String prompt(String key) {
        return switch (key) {
            case "mode" -> "automatic, scheduled or manual";
            case "wait-days" -> "days after release, e.g. 0 or 7";
            case "window" -> "any, or e.g. 22:00-04:00";
            case "blocked-days" -> "none, or e.g. fri,sat,sun";
            case "blackout" -> "none, or FROM/TO such as 2026-12-24T00:00/2026-12-27T00:00";
            default -> "true or false";
        };
    }

    /** The policy as JSON; refused (naming the key) when a field does not parse. Untouched: the JSON as it was. */
    String toJson() {
        List<String> changed = new ArrayList<>();
        fields.forEach((key, value) -> {
            String now = value.get() == null ? "" : value.get().strip();
            if (!now.equals(initial.get(key))) {
                changed.add(key + "=" + now);
            }
        });
        if (changed.isEmpty()) {
            return originalJson;
        }
        return PolicyStore.toJson(PolicyCodec.apply(base, changed));
    }
}

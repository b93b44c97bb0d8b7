package io.patchbay.app.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchbay.agent.notify.MailSettings;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the workstation reaches the vendor's support by e-mail: {@code support-mail.json} in the workspace
 * folder, e.g.
 * <pre>
 * {"host": "smtp.example.com", "port": 587, "security": "starttls", "from": "patchbay@vendor.example",
 *  "to": ["support@vendor.example"], "username": "patchbay", "passwordFile": "smtp.password"}
 * </pre>
 * The password lives in its own file (a relative path is read from the workspace folder), never in the
 * database or in this file. The same settings and mailer as the site agent's notices.
 */
public final class SupportMail {
    public static final String FILE = "support-mail.json";

    private SupportMail() {
    }

    /** The settings, or empty when the workspace has no {@value #FILE}. */
    public static Optional<MailSettings> read(Path workspace) {
        Path file = workspace.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = Json.mapper().readTree(file.toFile());
            List<String> to = new ArrayList<>();
            n.path("to").forEach(a -> to.add(a.asText()));
            String password = text(n, "passwordFile");
            return Optional.of(new MailSettings(required(n, "host"), n.path("port").asInt(25),
                    MailSettings.Security.parse(n.path("security").asText("none")), required(n, "from"), to,
                    text(n, "username"), password == null ? null : workspace.resolve(password),
                    Duration.ofSeconds(n.path("timeoutSeconds").asInt(30))));
        } catch (IOException e) {
            throw new PatchbayException(file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            throw new PatchbayException(FILE + " lacks \"" + field + "\"");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
    }
}

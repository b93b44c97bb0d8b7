package io.patchbay.agent.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the endpoint answers to one request: a status, headers, and a small body (a one-line reason, a status
 * report). Handlers return an answer; {@link AgentHttpsServer} writes it, adding what every answer carries.
 */
record Answer(int status, Map<String, String> headers, byte[] body) {

    Answer {
        headers = Map.copyOf(headers);
    }

    /** No body (204, HEAD, and the like). */
    static Answer empty(int status) {
        return new Answer(status, Map.of(), new byte[0]);
    }

    /** A one-line plain-text reason. */
    static Answer text(int status, String line) {
        return new Answer(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
                (line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static Answer json(byte[] body) {
        return new Answer(200, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"), body);
    }

    /** A ZIP file (a signed status, a post-install state). */
    static Answer zip(byte[] body) {
        return new Answer(200, Map.of("Content-Type", "application/zip"), body);
    }

    /** This answer with one more header (replacing one of the same name). */
    Answer with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Answer(status, more, body);
    }

    /** The body's first line, for logs. */
    String reason() {
        return new String(body, StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }
}

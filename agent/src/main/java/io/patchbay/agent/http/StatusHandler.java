package io.patchbay.agent.http;

import io.patchbay.model.json.Json;
import io.patchbay.model.report.StatusReports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Serves the agent's {@code status/} folder read-only: {@code GET /status/} lists the report files as a
 * JSON array of names, {@code GET /status/<name>} returns one (at most {@link StatusReports#MAX_REPORT_BYTES}).
 */
final class StatusHandler {
    static final String PATH = "/status/";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+\\.json");

    private final Path statusDir;

    StatusHandler(Path statusDir) {
        this.statusDir = statusDir;
    }

    /** {@code method} and {@code path} (still percent-encoded: an encoded name is no report name) of the request. */
    Answer handle(String method, String path) throws IOException {
        if (!"GET".equals(method)) {
            return Answer.text(405, "GET only");
        }
        String name = path.substring(PATH.length());
        if (name.isEmpty()) {
            return Answer.json(Json.mapper().writeValueAsBytes(list()));
        } else if (!isReportName(name) || !Files.isRegularFile(statusDir.resolve(name))) {
            return Answer.text(404, "no such report");
        } else if (Files.size(statusDir.resolve(name)) > StatusReports.MAX_REPORT_BYTES) {
            return Answer.text(413, "report too large to serve");
        }
        return Answer.json(Files.readAllBytes(statusDir.resolve(name)));
    }

    private List<String> list() throws IOException {
        if (!Files.isDirectory(statusDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(statusDir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(StatusHandler::isReportName).sorted().toList();
        }
    }

    // Temp files of AtomicFiles start with '.', so a half-written report is never listed or served.
    private static boolean isReportName(String name) {
        return SAFE.matcher(name).matches() && !name.startsWith(".");
    }
}

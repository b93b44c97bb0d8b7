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
 * JSON array of names, {@code GET /status/<name>} returns one (at most {@link StatusReports#MAX_REPORT_BYTES}), or
 * the signed status {@link StatusReports#SIGNED_REPORT_FILE} the agent writes every tick once it has a key.
 */
final class StatusHandler implements ReadOnlyResource {
    static final String PATH = "/status/";
    /** As the workstation's harvest reads it: every patch report, signed, in one file. */
    static final long MAX_SIGNED_BYTES = 64 << 20;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+\\.json");

    private final Path statusDir;

    StatusHandler(Path statusDir) {
        this.statusDir = statusDir;
    }

    @Override
    public String path() {
        return PATH;
    }

    /** {@code path} is still percent-encoded: an encoded name is no report name. */
    @Override
    public Answer get(String path) throws IOException {
        String name = path.substring(PATH.length());
        if (name.isEmpty()) {
            return Answer.json(Json.mapper().writeValueAsBytes(list()));
        } else if (!isReportName(name) || !Files.isRegularFile(statusDir.resolve(name))) {
            return Answer.text(404, "no such report");
        } else if (Files.size(statusDir.resolve(name)) > maxBytes(name)) {
            return Answer.text(413, "report too large to serve");
        }
        byte[] body = Files.readAllBytes(statusDir.resolve(name));
        return name.equals(StatusReports.SIGNED_REPORT_FILE)
                ? Answer.zip(body) : Answer.json(body);
    }

    /** A report, or the signed status that carries all of them (the harvest of a site with a recorded key). */
    private static long maxBytes(String name) {
        return name.equals(StatusReports.SIGNED_REPORT_FILE) ? MAX_SIGNED_BYTES : StatusReports.MAX_REPORT_BYTES;
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
        return (SAFE.matcher(name).matches() || name.equals(StatusReports.SIGNED_REPORT_FILE)) && !name.startsWith(".");
    }
}

package io.patchbay.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.patchbay.model.json.Json;
import io.patchbay.model.report.StatusReports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Serves the agent's {@code status/} folder read-only: {@code GET /status/} lists the report files as a
 * JSON array of names, {@code GET /status/<name>} returns one (at most {@link StatusReports#MAX_REPORT_BYTES}).
 */
final class StatusHandler implements HttpHandler {
    static final String PATH = "/status/";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+\\.json");

    private final Path statusDir;

    StatusHandler(Path statusDir) {
        this.statusDir = statusDir;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                Exchanges.text(exchange, 405, "GET only");
                return;
            }
            String name = exchange.getRequestURI().getPath().substring(PATH.length());
            if (name.isEmpty()) {
                send(exchange, Json.mapper().writeValueAsBytes(list()));
            } else if (!isReportName(name) || !Files.isRegularFile(statusDir.resolve(name))) {
                Exchanges.text(exchange, 404, "no such report");
            } else if (Files.size(statusDir.resolve(name)) > StatusReports.MAX_REPORT_BYTES) {
                Exchanges.text(exchange, 413, "report too large to serve");
            } else {
                send(exchange, Files.readAllBytes(statusDir.resolve(name)));
            }
        }
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

    private static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}

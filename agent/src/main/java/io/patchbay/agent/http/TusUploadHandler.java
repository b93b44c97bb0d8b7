package io.patchbay.agent.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.patchbay.model.PatchbayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tus 1.0 endpoint under {@code /files/}: core (HEAD, PATCH, OPTIONS), creation (POST), checksum
 * (sha1, sha256) and termination (DELETE). Requests reach it already authenticated.
 */
final class TusUploadHandler implements HttpHandler {
    static final String PATH = "/files/";
    private static final Logger LOG = LoggerFactory.getLogger(TusUploadHandler.class);
    private static final String TUS_VERSION = "1.0.0";
    private static final int CHECKSUM_MISMATCH = 460;
    private static final long LOCK_WAIT_SECONDS = 10;

    private final UploadStore store;
    private final long maxUploadBytes;
    private final KitListener listener;
    // One request at a time per upload, so two PATCHes cannot interleave their bytes.
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    TusUploadHandler(UploadStore store, long maxUploadBytes, KitListener listener) {
        this.store = store;
        this.maxUploadBytes = maxUploadBytes;
        this.listener = listener;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Headers out = exchange.getResponseHeaders();
            out.set("Tus-Resumable", TUS_VERSION);
            out.set("Cache-Control", "no-store");
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rest = exchange.getRequestURI().getPath().substring(PATH.length() - 1);
            if (method.equals("OPTIONS")) {
                options(exchange);
                return;
            }
            if (!TUS_VERSION.equals(exchange.getRequestHeaders().getFirst("Tus-Resumable"))) {
                out.set("Tus-Version", TUS_VERSION);
                Exchanges.text(exchange, 412, "this agent speaks tus " + TUS_VERSION + " only");
                return;
            }
            if (rest.equals("/")) {
                if (method.equals("POST")) {
                    create(exchange);
                } else {
                    Exchanges.text(exchange, 405, "POST to create an upload");
                }
                return;
            }
            String id = rest.substring(1);
            if (!UploadStore.isId(id)) {
                Exchanges.text(exchange, 404, "no such upload");
                return;
            }
            ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
            if (!lock.tryLock(LOCK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                Exchanges.text(exchange, 423, "upload busy with another request");
                return;
            }
            try {
                switch (method) {
                    case "HEAD" -> head(exchange, id);
                    case "PATCH" -> patch(exchange, id);
                    case "DELETE" -> delete(exchange, id);
                    default -> Exchanges.text(exchange, 405, "HEAD, PATCH or DELETE an upload");
                }
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.info("upload request from {} broke off: {}", exchange.getRemoteAddress(), e.getMessage());
            throw e;
        }
    }

    private void options(HttpExchange exchange) throws IOException {
        Headers out = exchange.getResponseHeaders();
        out.set("Tus-Version", TUS_VERSION);
        out.set("Tus-Extension", "creation,checksum,termination");
        out.set("Tus-Checksum-Algorithm", "sha1,sha256");
        out.set("Tus-Max-Size", Long.toString(maxUploadBytes));
        Exchanges.empty(exchange, 204);
    }

    private void create(HttpExchange exchange) throws IOException {
        Headers in = exchange.getRequestHeaders();
        if (in.getFirst("Upload-Defer-Length") != null) {
            Exchanges.text(exchange, 400, "Upload-Defer-Length is not supported; send Upload-Length");
            return;
        }
        long length = parseLength(in.getFirst("Upload-Length"));
        if (length < 1) {
            Exchanges.text(exchange, 400, "Upload-Length must be a positive number");
            return;
        }
        if (length > maxUploadBytes) {
            Exchanges.text(exchange, 413, "upload of " + length + " bytes exceeds this agent's limit of " + maxUploadBytes);
            return;
        }
        String fileName;
        try {
            fileName = KitFileNames.check(metadata(in.getFirst("Upload-Metadata")).get("filename"));
        } catch (PatchbayException e) {
            LOG.warn("refused an upload from {}: {}", exchange.getRemoteAddress(), e.getMessage());
            Exchanges.text(exchange, 400, e.getMessage());
            return;
        }
        UploadRecord record = store.create(fileName, length);
        LOG.info("upload {} created for {} ({} bytes) from {}", record.id(), fileName, length, exchange.getRemoteAddress());
        exchange.getResponseHeaders().set("Location", PATH + record.id());
        Exchanges.empty(exchange, 201);
    }

    private void head(HttpExchange exchange, String id) throws IOException {
        Optional<UploadRecord> found = store.find(id);
        if (found.isEmpty()) {
            Exchanges.empty(exchange, 404);
            return;
        }
        UploadRecord record = found.get();
        Headers out = exchange.getResponseHeaders();
        out.set("Upload-Offset", Long.toString(record.offset()));
        out.set("Upload-Length", Long.toString(record.length()));
        out.set("Upload-Metadata", "filename " + Base64.getEncoder()
                .encodeToString(record.fileName().getBytes(StandardCharsets.UTF_8)));
        Exchanges.empty(exchange, 200);
    }

    private void patch(HttpExchange exchange, String id) throws IOException {
        Headers in = exchange.getRequestHeaders();
        if (!"application/offset+octet-stream".equals(in.getFirst("Content-Type"))) {
            Exchanges.text(exchange, 415, "PATCH needs Content-Type application/offset+octet-stream");
            return;
        }
        Optional<UploadRecord> found = store.find(id);
        if (found.isEmpty()) {
            Exchanges.text(exchange, 404, "no such upload");
            return;
        }
        UploadRecord record = found.get();
        long offset = parseLength(in.getFirst("Upload-Offset"));
        if (offset < 0) {
            Exchanges.text(exchange, 400, "PATCH needs an Upload-Offset");
            return;
        }
        if (offset != record.offset() || record.complete()) {
            exchange.getResponseHeaders().set("Upload-Offset", Long.toString(record.offset()));
            Exchanges.text(exchange, 409, "upload holds " + record.offset() + " bytes, not " + offset);
            return;
        }
        long contentLength = parseLength(in.getFirst("Content-Length"));
        if (contentLength > record.length() - record.offset()) {
            Exchanges.text(exchange, 413, "body runs past the announced Upload-Length");
            return;
        }
        MessageDigest digest = null;
        byte[] expected = null;
        String checksum = in.getFirst("Upload-Checksum");
        if (checksum != null) {
            String[] parts = checksum.trim().split(" ", 2);
            digest = digest(parts[0]);
            if (digest == null || parts.length != 2) {
                Exchanges.text(exchange, 400, "unsupported Upload-Checksum; use sha1 or sha256");
                return;
            }
            try {
                expected = Base64.getDecoder().decode(parts[1].trim());
            } catch (IllegalArgumentException e) {
                Exchanges.text(exchange, 400, "Upload-Checksum is not base64");
                return;
            }
        }
        UploadStore.AppendResult result;
        try (InputStream body = exchange.getRequestBody()) {
            result = store.append(record, body, digest, expected);
        }
        switch (result.outcome()) {
            case CHECKSUM_MISMATCH -> {
                LOG.warn("upload {}: bytes from {} failed their checksum; dropped", id, offset);
                Exchanges.text(exchange, CHECKSUM_MISMATCH, "checksum mismatch");
                return;
            }
            case TOO_LONG -> {
                Exchanges.text(exchange, 413, "body runs past the announced Upload-Length");
                return;
            }
            default -> {
            }
        }
        UploadRecord now = result.record();
        if (now.offset() == now.length()) {
            // Told before the client hears "complete": once an upload is acknowledged, the agent knows of it.
            // Listeners only hand the kit to the agent's loop, so this does not hold the response up.
            notifyLanded(store.complete(now));
        }
        exchange.getResponseHeaders().set("Upload-Offset", Long.toString(now.offset()));
        Exchanges.empty(exchange, 204);
    }

    private void delete(HttpExchange exchange, String id) throws IOException {
        Optional<UploadRecord> found = store.find(id);
        if (found.isEmpty() || found.get().complete()) {
            Exchanges.empty(exchange, found.isEmpty() ? 404 : 409);
            return;
        }
        store.delete(id);
        Exchanges.empty(exchange, 204);
    }

    void notifyLanded(Path kit) {
        try {
            listener.kitReceived(kit);
        } catch (RuntimeException e) {
            LOG.error("kit listener failed for {}", kit, e);
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return switch (algorithm.toLowerCase(Locale.ROOT)) {
                case "sha1" -> MessageDigest.getInstance("SHA-1");
                case "sha256" -> MessageDigest.getInstance("SHA-256");
                default -> null;
            };
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1 and SHA-256", e);
        }
    }

    /** tus Upload-Metadata: comma-separated {@code key base64value} pairs; a key may stand alone. */
    static Map<String, String> metadata(String header) {
        Map<String, String> values = new HashMap<>();
        if (header == null) {
            return values;
        }
        for (String pair : header.split(",")) {
            String[] kv = pair.trim().split(" ", 2);
            if (kv[0].isEmpty()) {
                continue;
            }
            try {
                values.put(kv[0], kv.length == 2
                        ? new String(Base64.getDecoder().decode(kv[1].trim()), StandardCharsets.UTF_8) : "");
            } catch (IllegalArgumentException e) {
                throw new PatchbayException("Upload-Metadata value of '" + kv[0] + "' is not base64");
            }
        }
        return values;
    }

    private static long parseLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

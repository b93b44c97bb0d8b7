package io.patchbay.agent.http;

import io.patchbay.agent.log.LogText;
import io.patchbay.model.PatchbayException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
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
 * (sha1, sha256) and termination (DELETE). Requests reach it already authenticated; every answer gets
 * {@code Tus-Resumable} from the server.
 */
final class TusUploadHandler {
    static final String PATH = "/files/";
    static final String TUS_VERSION = "1.0.0";
    private static final Logger LOG = LoggerFactory.getLogger(TusUploadHandler.class);
    private static final int CHECKSUM_MISMATCH = 460;
    private static final long LOCK_WAIT_SECONDS = 10;

    private final UploadStore store;
    private final UploadAdmission admission;
    private final long maxUploadBytes;
    private final KitListener listener;
    // One request at a time per upload, so two PATCHes cannot interleave their bytes.
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    // Admission and creation as one step, so two POSTs cannot both take the last slot or the last bytes.
    private final Object creating = new Object();

    TusUploadHandler(UploadStore store, UploadAdmission admission, long maxUploadBytes, KitListener listener) {
        this.store = store;
        this.admission = admission;
        this.maxUploadBytes = maxUploadBytes;
        this.listener = listener;
    }

    /** {@code path} is the request's path, below {@link #PATH}. */
    Answer handle(Request request, String path) throws IOException, InterruptedException {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String rest = path.substring(PATH.length() - 1);
        if (method.equals("OPTIONS")) {
            return options();
        }
        if (!TUS_VERSION.equals(request.getHeaders().get("Tus-Resumable"))) {
            return Answer.text(412, "this agent speaks tus " + TUS_VERSION + " only").with("Tus-Version", TUS_VERSION);
        }
        if (rest.equals("/")) {
            return method.equals("POST") ? create(request) : Answer.text(405, "POST to create an upload");
        }
        String id = rest.substring(1);
        if (!UploadStore.isId(id)) {
            return Answer.text(404, "no such upload");
        }
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        if (!lock.tryLock(LOCK_WAIT_SECONDS, TimeUnit.SECONDS)) {
            return Answer.text(423, "upload busy with another request");
        }
        try {
            return switch (method) {
                case "HEAD" -> head(id);
                case "PATCH" -> patch(request, id);
                case "DELETE" -> delete(id);
                default -> Answer.text(405, "HEAD, PATCH or DELETE an upload");
            };
        } finally {
            lock.unlock();
        }
    }

    private Answer options() {
        return Answer.empty(204).with("Tus-Version", TUS_VERSION)
                .with("Tus-Extension", "creation,checksum,termination")
                .with("Tus-Checksum-Algorithm", "sha1,sha256")
                .with("Tus-Max-Size", Long.toString(maxUploadBytes));
    }

    private Answer create(Request request) throws IOException {
        HttpFields in = request.getHeaders();
        String remote = Request.getRemoteAddr(request);
        if (in.get("Upload-Defer-Length") != null) {
            return Answer.text(400, "Upload-Defer-Length is not supported; send Upload-Length");
        }
        long length = parseLength(in.get("Upload-Length"));
        if (length < 1) {
            return Answer.text(400, "Upload-Length must be a positive number");
        }
        String fileName;
        try {
            fileName = KitFileNames.check(metadata(in.get("Upload-Metadata")).get("filename"));
        } catch (PatchbayException e) {
            LOG.warn("refused an upload from {}: {}", remote, LogText.escape(e.getMessage()));
            return Answer.text(400, e.getMessage());
        }
        UploadRecord record;
        synchronized (creating) {
            Optional<Answer> refused = admission.refusal(length);
            if (refused.isPresent()) {
                LOG.warn("refused an upload of {} ({} bytes) from {}: {}", fileName, length, remote,
                        LogText.escape(refused.get().reason()));
                return refused.get();
            }
            record = store.create(fileName, length);
        }
        LOG.info("upload {} created for {} ({} bytes) from {}", record.id(), fileName, length, remote);
        return Answer.empty(201).with("Location", PATH + record.id());
    }

    private Answer head(String id) throws IOException {
        Optional<UploadRecord> found = store.find(id);
        if (found.isEmpty()) {
            return Answer.empty(404);
        }
        UploadRecord record = found.get();
        return Answer.empty(200).with("Upload-Offset", Long.toString(record.offset()))
                .with("Upload-Length", Long.toString(record.length()))
                .with("Upload-Metadata", "filename " + Base64.getEncoder()
                        .encodeToString(record.fileName().getBytes(StandardCharsets.UTF_8)));
    }

    private Answer patch(Request request, String id) throws IOException {
        HttpFields in = request.getHeaders();
        if (!"application/offset+octet-stream".equals(in.get("Content-Type"))) {
            return Answer.text(415, "PATCH needs Content-Type application/offset+octet-stream");
        }
        Optional<UploadRecord> found = store.find(id);
        if (found.isEmpty()) {
            return Answer.text(404, "no such upload");
        }
        UploadRecord record = found.get();
        long offset = parseLength(in.get("Upload-Offset"));
        if (offset < 0) {
            return Answer.text(400, "PATCH needs an Upload-Offset");
        }
        if (offset != record.offset() || record.complete()) {
            return Answer.text(409, "upload holds " + record.offset() + " bytes, not " + offset)
                    .with("Upload-Offset", Long.toString(record.offset()));
        }
        long contentLength = parseLength(in.get("Content-Length"));
        if (contentLength > record.length() - record.offset()) {
            return Answer.text(413, "body runs past the announced Upload-Length");
        }
        MessageDigest digest = null;
        byte[] expected = null;
        String checksum = in.get("Upload-Checksum");
        if (checksum != null) {
            String[] parts = checksum.trim().split(" ", 2);
            digest = digest(parts[0]);
            if (digest == null || parts.length != 2) {
                return Answer.text(400, "unsupported Upload-Checksum; use sha1 or sha256");
            }
            try {
                expected = Base64.getDecoder().decode(parts[1].trim());
            } catch (IllegalArgumentException e) {
                return Answer.text(400, "Upload-Checksum is not base64");
            }
        }
        UploadStore.AppendResult result;
        try (InputStream body = Content.Source.asInputStream(request)) {
            result = store.append(record, body, digest, expected);
        } catch (UploadStore.WriteFailed e) {
            // This machine's trouble: answered as a server error, which the sender retries later.
            LOG.error("upload {}: cannot store bytes from {}: {}", id, offset, e.getMessage());
            return e.diskFull()
                    ? Answer.text(UploadAdmission.INSUFFICIENT_STORAGE, "site disk full: cannot store the upload's bytes")
                    : Answer.text(500, "cannot store the upload's bytes on the site: " + e.getMessage());
        } catch (IOException e) {
            LOG.info("upload {} from {} broke off: {}", id, Request.getRemoteAddr(request), LogText.escape(e.getMessage()));
            throw e;
        }
        switch (result.outcome()) {
            case CHECKSUM_MISMATCH -> {
                LOG.warn("upload {}: bytes from {} failed their checksum; dropped", id, offset);
                return Answer.text(CHECKSUM_MISMATCH, "checksum mismatch");
            }
            case TOO_LONG -> {
                return Answer.text(413, "body runs past the announced Upload-Length");
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
        return Answer.empty(204).with("Upload-Offset", Long.toString(now.offset()));
    }

    private Answer delete(String id) throws IOException {
        Optional<UploadRecord> found = store.find(id);
        if (found.isEmpty() || found.get().complete()) {
            return Answer.empty(found.isEmpty() ? 404 : 409);
        }
        store.delete(id);
        return Answer.empty(204);
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

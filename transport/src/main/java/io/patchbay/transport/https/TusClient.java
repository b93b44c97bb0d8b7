package io.patchbay.transport.https;

import io.patchbay.model.auth.BearerToken;
import com.fasterxml.jackson.core.type.TypeReference;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.json.Json;
import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.AgentReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.StatusReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Pushes a kit to a site's agent with the tus 1.0 resumable upload protocol (core, creation and checksum
 * extensions) over HTTPS with a bearer token, and reads the agent's status reports.
 *
 * <p>The file is streamed in chunks of {@link TusOptions#chunkSize()}; each chunk carries an
 * {@code Upload-Checksum} with the strongest algorithm both sides support. When the link is cut mid-chunk the
 * client asks the site what it holds and goes on from there in smaller chunks ({@link ChunkSizer}), so a link
 * that breaks every few megabytes still moves the kit; a cut that moved nothing at the smallest chunk ends it. After a drop, pass the upload
 * URL from {@link UploadListener#uploadCreated} back to {@link #upload}: the client asks the site how
 * much it holds (HEAD) and continues from there. One instance may serve many uploads in parallel.
 */
public final class TusClient {
    private static final Logger LOG = LoggerFactory.getLogger(TusClient.class);
    private static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    private static final Pattern SAFE_FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final int MAX_CONFLICTS = 5;
    /** tus status for "checksum mismatch" (checksum extension). */
    static final int CHECKSUM_MISMATCH = 460;

    /** Test seam: sees each chunk after its checksum was taken and before it is sent. */
    @FunctionalInterface
    interface ChunkTap {
        ChunkTap NONE = (offset, buffer, length) -> { };

        void beforeSend(long offset, byte[] buffer, int length);
    }

    private final HttpsEndpoint endpoint;
    private final BearerToken token;
    private final TusOptions options;
    private final HttpClient http;
    private final ChunkTap tap;

    public TusClient(HttpsEndpoint endpoint, BearerToken token, SSLContext tls, TusOptions options) {
        this(endpoint, token, tls, options, ChunkTap.NONE);
    }

    TusClient(HttpsEndpoint endpoint, BearerToken token, SSLContext tls, TusOptions options, ChunkTap tap) {
        this.endpoint = endpoint;
        this.token = token;
        this.options = options;
        this.tap = tap;
        this.http = HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(options.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A client for a site as configured: its endpoint, token file and optional CA file ({@code --ca}). */
    public static TusClient forSite(HttpsEndpoint endpoint, Path tokenFile, Optional<Path> caPem, TusOptions options) {
        return forSite(endpoint, tokenFile, TlsTrust.forSite(caPem), options);
    }

    /** A client for a site whose trusted certificates are already chosen ({@link TlsTrust}). */
    public static TusClient forSite(HttpsEndpoint endpoint, Path tokenFile, SSLContext tls, TusOptions options) {
        return new TusClient(endpoint, BearerToken.read(tokenFile), tls, options);
    }

    public HttpsEndpoint endpoint() {
        return endpoint;
    }

    /** OPTIONS: the tus versions, extensions and checksum algorithms the site supports. */
    public TusServerInfo discover() {
        return discover(Cancellation.none());
    }

    private TusServerInfo discover(Cancellation cancel) {
        HttpResponse<String> response = send(request(endpoint.uploadsUri())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), cancel, "ask what it supports");
        if (response.statusCode() != 200 && response.statusCode() != 204) {
            throw refusal(response, "ask what it supports");
        }
        String max = response.headers().firstValue("Tus-Max-Size").orElse(null);
        return new TusServerInfo(
                new ArrayList<>(csv(response, "Tus-Version")),
                csv(response, "Tus-Extension"),
                csv(response, "Tus-Checksum-Algorithm"),
                max == null ? OptionalLong.empty() : OptionalLong.of(parseLong(max, "Tus-Max-Size")));
    }

    /**
     * Uploads {@code file} as {@code fileName} (the name it gets in the site's inbox). With {@code resumeUrl}
     * (from an earlier {@link UploadListener#uploadCreated}) it continues that upload from the offset the
     * site holds; without it, or when the site no longer knows that upload, it creates a new one.
     *
     * @return the upload URL, complete on the site
     * @throws TusException with a one-line reason; {@link TusException#retryable()} says whether to try again
     */
    public URI upload(Path file, String fileName, URI resumeUrl, UploadListener listener, Cancellation cancel) {
        checkFileName(fileName);
        long length = fileSize(file);
        TusServerInfo info = discover(cancel);
        if (!info.supportsTus1() || !info.supportsCreation()) {
            throw new TusException(TusException.Kind.NEEDS_ACTION, endpoint
                    + " does not speak tus 1.0 with the creation extension (it offers " + info.versions() + " "
                    + info.extensions() + ")");
        }
        if (info.maxSize().isPresent() && length > info.maxSize().getAsLong()) {
            throw new TusException(TusException.Kind.NEEDS_ACTION, endpoint + " accepts uploads up to "
                    + info.maxSize().getAsLong() + " bytes; " + fileName + " has " + length);
        }
        String algorithm = info.strongestChecksum();

        URI url = null;
        long offset = 0;
        if (resumeUrl != null) {
            URI candidate = sameSite(resumeUrl);
            OptionalLong held = offsetOf(candidate, length, cancel);
            if (held.isPresent()) {
                url = candidate;
                offset = held.getAsLong();
                LOG.info("resuming upload of {} to {} at byte {} of {}", fileName, endpoint, offset, length);
            }
        }
        if (url == null) {
            url = create(fileName, length, cancel);
            listener.uploadCreated(url);
        }
        listener.progress(offset, length);
        sendChunks(file, length, url, offset, algorithm, listener, cancel);
        return url;
    }

    /** Convenience for {@link #upload(Path, String, URI, UploadListener, Cancellation)} with a fresh upload. */
    public URI upload(Path file, String fileName, UploadListener listener) {
        return upload(file, fileName, null, listener, Cancellation.none());
    }

    /**
     * HEAD: how many bytes the site holds for {@code uploadUrl}; empty when it no longer knows that upload.
     */
    public OptionalLong offset(URI uploadUrl) {
        return offsetOf(sameSite(uploadUrl), -1, Cancellation.none());
    }

    // --- status -----------------------------------------------------------------------------------

    /** The names of the report files the agent serves from its {@code status/} folder. */
    public List<String> statusFileNames() {
        byte[] json = getCapped(endpoint.statusUri(), "list its status reports");
        try {
            return List.copyOf(Json.mapper().readValue(json, new TypeReference<List<String>>() { }));
        } catch (IOException e) {
            throw new TusException(TusException.Kind.RETRYABLE, endpoint + " sent a malformed status list", e);
        }
    }

    /**
     * Writes the agent's post-install state of {@code version} (a StateArchive ZIP, at most {@code max} bytes) to
     * {@code to}; for {@code site fetch-backup}. A version the site never installed, or whose backup it no longer
     * keeps, is a refusal with the agent's reason.
     */
    public void backupArchive(String version, Path to, long max, io.patchbay.transport.Cancellation cancel) {
        if (!SAFE_FILE_NAME.matcher(version).matches() || version.startsWith(".")) {
            throw new PatchbayException("unsafe version for a backup: '" + version + "'");
        }
        String what = "send its post-install state of " + version;
        HttpResponse<InputStream> response = send(request(endpoint.baseUri().resolve(HttpsEndpoint.BACKUPS_PATH + version))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream(), Cancellation.none(), what);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                String reason = new String(body.readNBytes(1024), java.nio.charset.StandardCharsets.UTF_8).strip();
                throw TransportFailures.refusal(endpoint, what, response.statusCode(), reason, token);
            }
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(to)) {
                byte[] buffer = new byte[64 * 1024];
                long written = 0;
                for (int n; (n = body.read(buffer)) != -1; ) {
                    written += n;
                    if (written > max) { // stop reading: an endless answer never fills the disk
                        throw new TusException(TusException.Kind.RETRYABLE, endpoint + " sent more than " + max
                                + " bytes when asked to " + what);
                    }
                    cancel.check(); // polled per chunk; the request itself is bounded by the client's timeouts
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            throw TransportFailures.describe(endpoint, what, e, token);
        }
    }

    /** One report file's bytes, at most {@link StatusReports#MAX_REPORT_BYTES}. */
    public byte[] statusFile(String name) {
        return statusFile(name, StatusReports.MAX_REPORT_BYTES);
    }

    /** One status file's bytes, at most {@code max} (the signed status carries every report). */
    public byte[] statusFile(String name, int max) {
        if (!SAFE_FILE_NAME.matcher(name).matches() || name.startsWith(".")) {
            throw new PatchbayException("unsafe status file name: '" + name + "'");
        }
        return getCapped(endpoint.statusUri().resolve(name), "send status report " + name, max);
    }

    /** Every patch report the agent serves, in file-name order. */
    public List<PatchReport> patchReports() {
        return patchReports(statusFileNames());
    }

    /** The patch reports among {@code names} (the served status files), in file-name order. */
    public List<PatchReport> patchReports(List<String> names) {
        List<PatchReport> reports = new ArrayList<>();
        for (String name : names.stream().sorted().toList()) {
            if (StatusReports.isPatchFileName(name)) {
                reports.add(StatusReports.parsePatch(endpoint + "/status/" + name, statusFile(name)));
            }
        }
        return reports;
    }

    /** The agent's own report, when it has written one. */
    public Optional<AgentReport> agentReport() {
        return agentReport(statusFileNames());
    }

    /** The agent's own report, when {@code names} (the served status files) hold one. */
    public Optional<AgentReport> agentReport(List<String> names) {
        if (!names.contains(StatusReports.AGENT_FILE)) {
            return Optional.empty();
        }
        return Optional.of(StatusReports.parseAgent(endpoint + "/status/" + StatusReports.AGENT_FILE,
                statusFile(StatusReports.AGENT_FILE)));
    }

    /** The running agent's health report, when {@code names} (the served status files) hold one. */
    public Optional<AgentHealth> healthReport(List<String> names) {
        if (!names.contains(StatusReports.HEALTH_FILE)) {
            return Optional.empty();
        }
        return Optional.of(StatusReports.parseHealth(endpoint + "/status/" + StatusReports.HEALTH_FILE,
                statusFile(StatusReports.HEALTH_FILE)));
    }

    // --- the upload steps -------------------------------------------------------------------------

    private URI create(String fileName, long length, Cancellation cancel) {
        String metadata = "filename " + Base64.getEncoder().encodeToString(fileName.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(request(endpoint.uploadsUri())
                .header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", metadata)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), cancel, "create an upload for " + fileName);
        if (response.statusCode() != 201) {
            throw refusal(response, "create an upload for " + fileName);
        }
        String location = response.headers().firstValue("Location").orElseThrow(() -> new TusException(
                TusException.Kind.RETRYABLE, endpoint + " created an upload but sent no Location"));
        URI url = sameSite(endpoint.uploadsUri().resolve(location));
        LOG.info("created upload of {} ({} bytes) at {}", fileName, length, url);
        return url;
    }

    private OptionalLong offsetOf(URI url, long expectedLength, Cancellation cancel) {
        HttpResponse<String> response = send(request(url)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), cancel, "report the upload's offset");
        int status = response.statusCode();
        if (status == 404 || status == 410) {
            return OptionalLong.empty();
        }
        if (status != 200 && status != 204) {
            throw refusal(response, "report the upload's offset");
        }
        long offset = parseLong(header(response, "Upload-Offset"), "Upload-Offset");
        if (expectedLength >= 0) {
            String length = response.headers().firstValue("Upload-Length").orElse(null);
            if (length != null && parseLong(length, "Upload-Length") != expectedLength) {
                LOG.warn("upload {} on {} is for a file of another size; starting a new upload", url, endpoint);
                return OptionalLong.empty();
            }
            if (offset > expectedLength) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(offset);
    }

    private void sendChunks(Path file, long length, URI url, long start, String algorithm,
                            UploadListener listener, Cancellation cancel) {
        long offset = start;
        long offsetAtLastCut = start;
        int checksumFailures = 0;
        int conflicts = 0;
        ChunkSizer chunks = new ChunkSizer(options.chunkSize());
        byte[] buffer = new byte[(int) Math.min(options.chunkSize(), Math.max(1, length))];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (offset < length) {
                if (cancel.isCancelled()) {
                    throw cancelled();
                }
                int n = (int) Math.min(chunks.size(), length - offset);
                readFully(channel, offset, buffer, n);
                HttpRequest.Builder patch = request(url)
                        .header("Content-Type", OFFSET_OCTET_STREAM)
                        .header("Upload-Offset", Long.toString(offset));
                if (algorithm != null) {
                    patch.header("Upload-Checksum", algorithm + " " + checksum(algorithm, buffer, n));
                }
                tap.beforeSend(offset, buffer, n);
                HttpResponse<String> response;
                try {
                    response = send(patch.method("PATCH", HttpRequest.BodyPublishers.ofByteArray(buffer, 0, n)).build(),
                            cancel, "accept bytes " + offset + "-" + (offset + n));
                } catch (TusException e) {
                    if (!isCut(e)) {
                        throw e;
                    }
                    // The site dropped the cut chunk (it could not verify its checksum); it may hold more than
                    // before if it had acknowledged the chunk as the link broke. Ask, then go on with what fits.
                    OptionalLong held = offsetOf(url, length, cancel);
                    if (held.isEmpty()) {
                        throw new TusException(TusException.Kind.RETRYABLE, endpoint + " no longer knows upload " + url);
                    }
                    boolean progressed = held.getAsLong() > offsetAtLastCut;
                    offsetAtLastCut = held.getAsLong();
                    if (!chunks.cut(progressed)) {
                        throw e;
                    }
                    LOG.info("link to {} cut while sending bytes {}-{}; going on from byte {} in chunks of {} KiB",
                            endpoint, offset, offset + n, held.getAsLong(), chunks.size() / 1024);
                    offset = held.getAsLong();
                    listener.progress(offset, length);
                    continue;
                }
                int status = response.statusCode();
                if (status == 204 || status == 200) {
                    long accepted = parseLong(header(response, "Upload-Offset"), "Upload-Offset");
                    if (accepted <= offset || accepted > length) {
                        throw new TusException(TusException.Kind.RETRYABLE, endpoint + " answered offset "
                                + accepted + " after bytes " + offset + "-" + (offset + n));
                    }
                    offset = accepted;
                    checksumFailures = 0;
                    chunks.accepted();
                    listener.progress(offset, length);
                } else if (status == CHECKSUM_MISMATCH) {
                    if (++checksumFailures > options.checksumRetries()) {
                        throw new TusException(TusException.Kind.RETRYABLE, endpoint + " refused bytes " + offset
                                + "-" + (offset + n) + " " + checksumFailures + " times: checksum mismatch (HTTP 460)");
                    }
                    LOG.warn("{} refused bytes {}-{} as corrupt (checksum mismatch); sending them again",
                            endpoint, offset, offset + n);
                } else if (status == 409) {
                    if (++conflicts > MAX_CONFLICTS) {
                        throw new TusException(TusException.Kind.RETRYABLE, endpoint
                                + " keeps reporting an offset conflict (HTTP 409) on " + url);
                    }
                    OptionalLong held = offsetOf(url, length, cancel);
                    if (held.isEmpty()) {
                        throw new TusException(TusException.Kind.RETRYABLE, endpoint + " no longer knows upload " + url);
                    }
                    LOG.info("{} holds {} bytes of {}, not {}; continuing from there", endpoint, held.getAsLong(), url, offset);
                    offset = held.getAsLong();
                } else if (status == 404 || status == 410) {
                    throw new TusException(TusException.Kind.RETRYABLE, endpoint + " no longer knows upload " + url
                            + " (HTTP " + status + "); the next try starts a new upload");
                } else {
                    throw refusal(response, "accept bytes " + offset + "-" + (offset + n));
                }
            }
        } catch (IOException e) {
            throw new TusException(TusException.Kind.NEEDS_ACTION, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A connection that broke while a request was on its way: not a stall (that times out), not a refused or
     * untrusted connection, which trying again at once cannot mend.
     */
    private static boolean isCut(TusException e) {
        return e.retryable() && e.getCause() instanceof IOException io && !(io instanceof HttpTimeoutException)
                && !(io instanceof ConnectException);
    }

    private static void readFully(FileChannel channel, long position, byte[] buffer, int n) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, 0, n);
        while (target.hasRemaining()) {
            if (channel.read(target, position + target.position()) < 0) {
                throw new EOFException("file shrank while being sent");
            }
        }
    }

    private static String checksum(String algorithm, byte[] buffer, int n) {
        try {
            MessageDigest digest = MessageDigest.getInstance(TusServerInfo.jdkDigestName(algorithm));
            digest.update(buffer, 0, n);
            return Base64.getEncoder().encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no " + algorithm + " in this JDK", e);
        }
    }

    // --- HTTP plumbing ----------------------------------------------------------------------------

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(options.requestTimeout())
                .header("Tus-Resumable", TusServerInfo.TUS_VERSION)
                .header("Authorization", token.authorizationHeader());
    }

    private HttpResponse<String> send(HttpRequest request, Cancellation cancel, String what) {
        return send(request, ReasonBody.handler(), cancel, what);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                     Cancellation cancel, String what) {
        CompletableFuture<HttpResponse<T>> future = http.sendAsync(request, handler);
        cancel.attach(future);
        try {
            return future.get();
        } catch (CancellationException e) {
            throw cancelled();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw cancelled();
        } catch (ExecutionException e) {
            if (cancel.isCancelled()) {
                throw cancelled();
            }
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw TransportFailures.describe(endpoint, what, io, token);
            }
            throw new TusException(TusException.Kind.RETRYABLE, token.redact(endpoint + " did not " + what + ": " + cause), cause);
        } finally {
            cancel.detach();
        }
    }

    private byte[] getCapped(URI uri, String what) {
        return getCapped(uri, what, StatusReports.MAX_REPORT_BYTES);
    }

    private byte[] getCapped(URI uri, String what, int max) {
        HttpResponse<InputStream> response = send(request(uri).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream(), Cancellation.none(), what);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw TransportFailures.refusal(endpoint, what, response.statusCode(), "", token);
            }
            byte[] bytes = body.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new TusException(TusException.Kind.RETRYABLE, endpoint + " sent more than "
                        + max + " bytes when asked to " + what);
            }
            return bytes;
        } catch (IOException e) {
            throw TransportFailures.describe(endpoint, what, e, token);
        }
    }

    private TusException refusal(HttpResponse<?> response, String what) {
        Object body = response.body();
        return TransportFailures.refusal(endpoint, what, response.statusCode(), body instanceof String s ? s : "", token);
    }

    private URI sameSite(URI url) {
        URI base = endpoint.baseUri();
        int port = url.getPort() == -1 ? 443 : url.getPort();
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null
                || !url.getHost().equalsIgnoreCase(base.getHost()) || port != endpoint.port()) {
            throw new TusException(TusException.Kind.NEEDS_ACTION,
                    "upload URL " + url + " does not belong to site " + endpoint);
        }
        return url;
    }

    private String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new TusException(TusException.Kind.RETRYABLE,
                endpoint + " sent no " + name + " header"));
    }

    private long parseLong(String value, String header) {
        try {
            long v = Long.parseLong(value.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new TusException(TusException.Kind.RETRYABLE, endpoint + " sent a malformed " + header + " header");
        }
    }

    private static Set<String> csv(HttpResponse<?> response, String name) {
        Set<String> values = new LinkedHashSet<>();
        for (String line : response.headers().allValues(name)) {
            Arrays.stream(line.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                    .filter(s -> !s.isEmpty()).forEach(values::add);
        }
        return values;
    }

    private long fileSize(Path file) {
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new PatchbayException("kit file is empty: " + file);
            }
            return size;
        } catch (IOException e) {
            throw new PatchbayException("cannot read kit file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void checkFileName(String fileName) {
        if (fileName == null || !SAFE_FILE_NAME.matcher(fileName).matches() || fileName.startsWith(".")) {
            throw new PatchbayException("unsafe kit file name: '" + fileName + "'");
        }
    }

    private TusException cancelled() {
        return new TusException(TusException.Kind.CANCELLED, "upload to " + endpoint + " cancelled");
    }
}

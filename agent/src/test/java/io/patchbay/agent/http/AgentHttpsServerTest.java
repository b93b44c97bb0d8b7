package io.patchbay.agent.http;

import io.patchbay.agent.http.TestAgent;
import io.patchbay.transport.https.TestCertificates;
import io.patchbay.transport.https.TlsTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's tus endpoint, spoken to request by request over real TLS, as any tus client would. */
class AgentHttpsServerTest {
    @TempDir
    Path tmp;
    private TestAgent agent;
    private HttpClient http;

    @BeforeEach
    void start() throws IOException {
        agent = new TestAgent(tmp.resolve("site"), 1_000_000);
        http = HttpClient.newBuilder().sslContext(TlsTrust.trustingOnly(TestCertificates.shared().caPem()))
                .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void optionsAnnouncesTus1WithCreationChecksumAndTheSizeLimit() throws Exception {
        HttpResponse<Void> r = send(tus("/files/").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, r.statusCode());
        assertEquals("1.0.0", r.headers().firstValue("Tus-Version").orElseThrow());
        assertEquals("creation,checksum,termination", r.headers().firstValue("Tus-Extension").orElseThrow());
        assertEquals("sha1,sha256", r.headers().firstValue("Tus-Checksum-Algorithm").orElseThrow());
        assertEquals("1000000", r.headers().firstValue("Tus-Max-Size").orElseThrow());
    }

    @Test
    void aFileNameThatLeavesTheInboxOrIsNoKitIsRefused() throws Exception {
        for (String name : List.of("../evil.kit", "..", "a/b.kit", "a\\b.kit", ".hidden.kit", "notes.txt", "x..kit", "")) {
            HttpResponse<Void> r = send(create(name, 10));
            assertEquals(400, r.statusCode(), name);
        }
        assertEquals(List.of(), list(agent.partial()));
        assertFalse(Files.exists(tmp.resolve("site").resolve("evil.kit")));
    }

    @Test
    void pullNoticesAndRotationStatementsAreTakenIntoTheInboxLikeKits() throws Exception {
        byte[] data = "abcdefgh".getBytes(StandardCharsets.UTF_8);
        for (String name : List.of("Spruce-12.10.11.pull", "key-rotation-000001.rotation")) {
            String location = send(create(name, 8)).headers().firstValue("Location").orElseThrow();
            assertEquals(204, send(patch(location, 0, data, "sha256 " + b64(sha("SHA-256", "abcdefgh")))).statusCode());
            assertArrayEquals(data, Files.readAllBytes(agent.inbox().resolve(name)), name);
        }
        assertEquals(400, send(create(".rotation", 8)).statusCode());
    }

    @Test
    void aRequestValueWithLineBreaksReachesTheLogEscaped() throws Exception {
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        HttpResponse<Void> r;
        try {
            r = send(create("evil.kit\r\n2026-12-02 INFO forged line\u001b[2J", 10));
        } finally {
            System.setErr(before);
        }
        assertEquals(400, r.statusCode());
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("evil.kit\\r\\n2026-12-02 INFO forged line\\u001b[2J"), log);
        assertTrue(log.lines().noneMatch(l -> l.startsWith("2026-12-02 INFO forged")), log);
        assertFalse(log.contains("\u001b"), "no raw escape character reaches the log");
    }

    @Test
    void anUploadOverTheSizeLimitIsRefused() throws Exception {
        assertEquals(413, send(create("big.kit", 1_000_001)).statusCode());
        assertEquals(List.of(), list(agent.partial()));
    }

    @Test
    void requestsWithoutTheTokenAreRefusedWith401() throws Exception {
        HttpRequest.Builder noToken = HttpRequest.newBuilder(url("/status/")).timeout(Duration.ofSeconds(5));
        HttpResponse<Void> refused = http.send(noToken.build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(401, refused.statusCode());
        assertEquals("1.0.0", refused.headers().firstValue("Tus-Resumable").orElseThrow(), "a 401 speaks tus too");
        assertEquals("close", refused.headers().firstValue("Connection").orElseThrow(), "no second try on this connection");
        HttpRequest.Builder wrong = HttpRequest.newBuilder(url("/files/")).timeout(Duration.ofSeconds(5))
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + TestAgent.TOKEN + "x");
        assertEquals(401, send(wrong.copy().header("Upload-Length", "10").POST(HttpRequest.BodyPublishers.noBody())).statusCode());
        // A second, right token beside a wrong one must not slip through.
        assertEquals(401, send(wrong.copy().header("Authorization", "Bearer " + TestAgent.TOKEN)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())).statusCode());
        assertEquals(List.of(), list(agent.partial()));
    }

    @Test
    void aChunkFailingItsChecksumIsRefusedWith460AndNothingIsKept() throws Exception {
        String location = send(create("a.kit", 8)).headers().firstValue("Location").orElseThrow();
        byte[] data = "abcdefgh".getBytes(StandardCharsets.UTF_8);

        HttpResponse<Void> bad = send(patch(location, 0, data, "sha1 " + b64(sha("SHA-1", "abcdefgX"))));
        assertEquals(460, bad.statusCode());
        assertEquals("0", head(location).headers().firstValue("Upload-Offset").orElseThrow());

        HttpResponse<Void> good = send(patch(location, 0, data, "sha256 " + b64(sha("SHA-256", "abcdefgh"))));
        assertEquals(204, good.statusCode());
        assertEquals("8", good.headers().firstValue("Upload-Offset").orElseThrow());
        assertArrayEquals(data, Files.readAllBytes(agent.inbox().resolve("a.kit")));
        assertEquals(List.of(agent.inbox().resolve("a.kit")), agent.received());
    }

    @Test
    void aPatchAtTheWrongOffsetIsAConflict() throws Exception {
        String location = send(create("a.kit", 8)).headers().firstValue("Location").orElseThrow();
        assertEquals(204, send(patch(location, 0, "abcd".getBytes(StandardCharsets.UTF_8), null)).statusCode());

        HttpResponse<Void> conflict = send(patch(location, 0, "abcd".getBytes(StandardCharsets.UTF_8), null));

        assertEquals(409, conflict.statusCode());
        assertEquals("4", head(location).headers().firstValue("Upload-Offset").orElseThrow());
    }

    @Test
    void aBodyRunningPastTheAnnouncedLengthIsRefused() throws Exception {
        String location = send(create("a.kit", 4)).headers().firstValue("Location").orElseThrow();
        assertEquals(413, send(patch(location, 0, "abcdefgh".getBytes(StandardCharsets.UTF_8), null)).statusCode());
        assertEquals("0", head(location).headers().firstValue("Upload-Offset").orElseThrow());
    }

    @Test
    void aRequestWithoutTusResumableIsRefusedWith412() throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url("/files/")).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + TestAgent.TOKEN).header("Upload-Length", "10")
                .POST(HttpRequest.BodyPublishers.noBody());
        assertEquals(412, http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    void terminationRemovesAPartialUpload() throws Exception {
        String location = send(create("a.kit", 8)).headers().firstValue("Location").orElseThrow();
        assertEquals(204, send(tus(location).DELETE()).statusCode());
        assertEquals(404, head(location).statusCode());
        assertEquals(List.of(), list(agent.partial()));
    }

    @Test
    void theStatusEndpointServesOnlyReportFiles() throws Exception {
        Files.createDirectories(agent.statusDir());
        Files.writeString(agent.statusDir().resolve("agent.json"), "{}");
        Files.writeString(agent.statusDir().resolve(".agent.json.123.tmp"), "{half");
        Files.writeString(agent.statusDir().resolve("secret.txt"), "no");

        HttpResponse<String> listing = http.send(tus("/status/").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("[ \"agent.json\" ]", listing.body().trim());
        assertEquals(404, send(tus("/status/secret.txt").GET()).statusCode());
        // Jetty refuses an encoded '/' before any handler sees it; its own answers carry Tus-Resumable too.
        HttpResponse<Void> encoded = send(tus("/status/..%2Fsite%2Finbox").GET());
        assertEquals(400, encoded.statusCode());
        assertEquals("1.0.0", encoded.headers().firstValue("Tus-Resumable").orElseThrow());
    }

    @Test
    void theStatusAndBackupResourcesAnswerGetOnly() throws Exception {
        Files.createDirectories(agent.statusDir());
        Files.writeString(agent.statusDir().resolve("agent.json"), "{}");
        for (String path : List.of("/status/", "/status/agent.json", "/backups/12.10.11")) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                HttpResponse<String> r = http.send(tus(path).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(405, r.statusCode(), method + " " + path);
                assertEquals("GET only", r.body().trim(), method + " " + path);
            }
        }
        assertEquals("{}", Files.readString(agent.statusDir().resolve("agent.json")), "nothing was changed");
        assertEquals(200, send(tus("/status/agent.json").GET()).statusCode());
        assertEquals(404, send(tus("/backups/12.10.11").GET()).statusCode(), "GET is let through: no such backup");
        assertEquals(404, send(tus("/elsewhere/").method("DELETE", HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    private HttpRequest.Builder create(String fileName, long length) {
        return tus("/files/").header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", "filename " + b64(fileName.getBytes(StandardCharsets.UTF_8)) + ",type YQ==")
                .POST(HttpRequest.BodyPublishers.noBody());
    }

    private HttpRequest.Builder patch(String location, long offset, byte[] data, String checksum) {
        HttpRequest.Builder b = tus(location).header("Content-Type", "application/offset+octet-stream")
                .header("Upload-Offset", Long.toString(offset))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(data));
        return checksum == null ? b : b.header("Upload-Checksum", checksum);
    }

    private HttpResponse<Void> head(String location) throws Exception {
        return send(tus(location).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder tus(String path) {
        return HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10))
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + TestAgent.TOKEN);
    }

    private URI url(String path) {
        return agent.endpoint().baseUri().resolve(path);
    }

    private HttpResponse<Void> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    private static byte[] sha(String algorithm, String s) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}

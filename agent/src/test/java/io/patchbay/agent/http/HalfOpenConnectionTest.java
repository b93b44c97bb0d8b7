package io.patchbay.agent.http;

import io.patchbay.transport.https.TestCertificates;
import io.patchbay.transport.https.TlsTrust;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client that goes silent mid-body must not hold the upload for good: the idle timeout cuts it off. */
class HalfOpenConnectionTest {
    @TempDir
    Path tmp;

    @Test
    void aSilentClientIsCutOffAndTheUploadIsFreeAgain() throws Exception {
        try (TestAgent agent = new TestAgent(tmp.resolve("site"),
                c -> c.withGuards(c.guards().withIdleTimeout(Duration.ofSeconds(2))))) {
            SSLContext tls = TlsTrust.trustingOnly(TestCertificates.shared().caPem());
            HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
            String auth = "Bearer " + TestAgent.TOKEN;
            URI files = agent.endpoint().baseUri().resolve("/files/");
            String location = http.send(HttpRequest.newBuilder(files).header("Tus-Resumable", "1.0.0")
                    .header("Authorization", auth).header("Upload-Length", "100")
                    .header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString("a.kit".getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                    .headers().firstValue("Location").orElseThrow();
            try (SSLSocket silent = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", agent.port())) {
                OutputStream out = silent.getOutputStream();
                out.write(("PATCH " + location + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
                        + "Authorization: " + auth + "\r\nContent-Type: application/offset+octet-stream\r\n"
                        + "Upload-Offset: 0\r\nContent-Length: 100\r\n\r\n0123456789").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                silent.setSoTimeout(30_000);
                long started = System.nanoTime();
                boolean closed;
                try {
                    // The server may answer the broken request (an error) before it closes; either way it lets go.
                    closed = silent.getInputStream().readAllBytes().length >= 0;
                } catch (IOException e) {
                    closed = true;
                }
                assertTrue(closed);
                assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 25, "cut off by the idle timeout");
            }
            HttpResponse<Void> head = http.send(HttpRequest.newBuilder(files.resolve(location))
                    .header("Tus-Resumable", "1.0.0").header("Authorization", auth).timeout(Duration.ofSeconds(20))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(200, head.statusCode(), "the upload's lock was released");
            assertEquals("10", head.headers().firstValue("Upload-Offset").orElseThrow(), "unchecked bytes that arrived are kept");
        }
    }
}

package io.patchbay.agent.http;

import io.patchbay.agent.http.TestAgent;
import io.patchbay.transport.https.TestCertificates;
import io.patchbay.transport.https.TlsTrust;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that goes silent mid-body must not hold the upload for good. The JDK server's request time
 * limit is read once per JVM, so the agent runs in a child JVM with a 2 s limit.
 */
class HalfOpenConnectionTest {

    @Test
    void aSilentClientIsCutOffAndTheUploadIsFreeAgain() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-D" + AgentHttpsServer.MAX_REQUEST_SECONDS_PROPERTY + "=2",
                Probe.class.getName()).redirectErrorStream(true).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "probe finished");
        List<String> lines = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("probe:")).toList();
        assertEquals(List.of("probe: HEAD 200 offset 10", "probe: silent connection closed"), lines);
    }

    /** Runs in the child: opens an upload, sends 10 of 100 body bytes, goes silent, then asks HEAD. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            try (TestAgent agent = new TestAgent(Files.createTempDirectory("half-open"))) {
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
                    Thread.sleep(5000);
                    HttpResponse<Void> head = http.send(HttpRequest.newBuilder(files.resolve(location))
                            .header("Tus-Resumable", "1.0.0").header("Authorization", auth)
                            .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                    report("HEAD " + head.statusCode() + " offset " + head.headers().firstValue("Upload-Offset").orElse("-"));
                    silent.setSoTimeout(5000);
                    try {
                        report(silent.getInputStream().read() < 0 ? "silent connection closed" : "silent connection answered");
                    } catch (IOException e) {
                        report("silent connection closed");
                    }
                }
            }
            System.exit(0);
        }

        private static void report(String line) {
            System.out.println("probe: " + line);
        }
    }
}

package io.patchbay.agent.http;

import io.patchbay.model.auth.BearerToken;
import io.patchbay.transport.https.TestCertificates;
import io.patchbay.transport.https.TlsTrust;
import io.patchbay.transport.https.TusClient;
import io.patchbay.transport.https.TusException;
import io.patchbay.transport.https.TusOptions;
import io.patchbay.transport.https.UploadListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inbox limits, met by the workstation's real tus client: each refusal names its limit and is a retryable
 * failure (the delivery waits and tries again), never a final rejection of the kit.
 */
class UploadLimitsTest {
    @TempDir
    Path tmp;

    @Test
    void anUploadBeyondTheUploadsInProgressIsRetriedLaterNamingTheLimit() throws Exception {
        try (TestAgent agent = new TestAgent(tmp.resolve("site"), c -> c.withLimits(new InboxLimits(1, 1L << 30, 0)))) {
            assertEquals(201, createRaw(agent, "first.kit", 1000).statusCode());

            TusException e = assertThrows(TusException.class, () -> client(agent).upload(kit("second.kit", 50), "second.kit", UploadListener.NONE));

            assertTrue(e.retryable(), e.getMessage());
            assertTrue(e.getMessage().contains("too many uploads in progress: 1 (limit 1 at once)"), e.getMessage());
        }
    }

    @Test
    void aFullInboxRefusesUntilTheWaitingKitIsTakenIn() throws Exception {
        try (TestAgent agent = new TestAgent(tmp.resolve("site"), c -> c.withLimits(new InboxLimits(4, 100, 0)))) {
            Path waiting = Files.write(agent.inbox().resolve("waiting.kit"), new byte[60]);
            Path kit = kit("next.kit", 50);

            TusException e = assertThrows(TusException.class, () -> client(agent).upload(kit, "next.kit", UploadListener.NONE));
            assertTrue(e.retryable(), e.getMessage());
            assertTrue(e.getMessage().contains("inbox full: 60 bytes waiting, 50 more would pass the inbox limit of 100 bytes"),
                    e.getMessage());
            assertEquals(0, unfinished(agent), "nothing was stored for the refused kit");

            Files.delete(waiting); // the agent took it in
            client(agent).upload(kit, "next.kit", UploadListener.NONE);
            assertTrue(Files.exists(agent.inbox().resolve("next.kit")));
        }
    }

    @Test
    void aKitLargerThanTheFreeSpaceIsRefusedBeforeAByteIsStored() throws Exception {
        try (TestAgent agent = new TestAgent(tmp.resolve("site"), c -> c.withMaxUploadBytes(Long.MAX_VALUE / 4)
                .withLimits(new InboxLimits(4, Long.MAX_VALUE / 4, 0)))) {
            long free = Files.getFileStore(agent.inbox()).getUsableSpace();
            Path huge = tmp.resolve("huge.kit");
            try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
                sparse.setLength(free + (1L << 30)); // a hole: takes no space here
            }

            TusException e = assertThrows(TusException.class, () -> client(agent).upload(huge, "huge.kit", UploadListener.NONE));

            assertTrue(e.retryable(), e.getMessage());
            assertTrue(e.getMessage().contains("site disk full: the kit needs " + (free + (1L << 30)) + " bytes"), e.getMessage());
            assertEquals(0, unfinished(agent), "refused at creation, from Upload-Length alone");
        }
    }

    private static TusClient client(TestAgent agent) throws Exception {
        return new TusClient(agent.endpoint(), BearerToken.of(TestAgent.TOKEN, "test"),
                TlsTrust.trustingOnly(TestCertificates.shared().caPem()), TusOptions.defaults());
    }

    private Path kit(String name, int size) throws Exception {
        return Files.write(tmp.resolve(name), new byte[size]);
    }

    private static long unfinished(TestAgent agent) throws Exception {
        try (Stream<Path> files = Files.list(agent.partial())) {
            return files.count();
        }
    }

    private static HttpResponse<Void> createRaw(TestAgent agent, String name, long length) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(TlsTrust.trustingOnly(TestCertificates.shared().caPem())).build();
        return http.send(HttpRequest.newBuilder(agent.endpoint().baseUri().resolve("/files/")).timeout(Duration.ofSeconds(20))
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + TestAgent.TOKEN)
                .header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }
}

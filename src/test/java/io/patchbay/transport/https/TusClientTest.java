package io.patchbay.transport.https;

import io.patchbay.agent.http.TestAgent;
import io.patchbay.transport.fixtures.RandomFiles;
import io.patchbay.model.auth.BearerToken;
import io.patchbay.model.report.AgentReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tus client against the agent's real HTTPS endpoint on loopback, over real TLS. */
class TusClientTest {
    private static final int CHUNK = 512 * 1024;
    private static final String KIT = "Spruce-12.10.11.kit";

    @TempDir
    Path tmp;
    private TestAgent agent;
    private Path kit;

    @BeforeEach
    void startAgent() throws IOException {
        agent = new TestAgent(tmp.resolve("site"));
        kit = RandomFiles.write(tmp.resolve(KIT), 5 * 1024 * 1024 + 123);
    }

    @AfterEach
    void stopAgent() {
        agent.close();
    }

    @Test
    void uploadsAMultiMegabyteKitByteIdenticalIntoTheInbox() throws IOException {
        List<Long> progress = new ArrayList<>();
        AtomicReference<URI> created = new AtomicReference<>();
        URI url = client(agent.endpoint()).upload(kit, KIT, null, new UploadListener() {
            @Override
            public void uploadCreated(URI uploadUrl) {
                created.set(uploadUrl);
            }

            @Override
            public void progress(long sent, long total) {
                progress.add(sent);
            }
        }, Cancellation.none());

        assertArrayEquals(Files.readAllBytes(kit), Files.readAllBytes(agent.inbox().resolve(KIT)));
        assertEquals(url, created.get());
        assertEquals(Files.size(kit), progress.get(progress.size() - 1));
        assertEquals(List.of(agent.inbox().resolve(KIT)), agent.received());
        assertEquals(List.of(), partFiles());
    }

    @Test
    void discoversTheAgentsTusCapabilities() {
        TusServerInfo info = client(agent.endpoint()).discover();
        assertTrue(info.supportsTus1());
        assertTrue(info.supportsCreation());
        assertEquals("sha256", info.strongestChecksum());
    }

    @Test
    void aCutAfterAcknowledgedChunksIsResumedFromTheSitesOffsetWithinTheSameUpload() throws IOException {
        try (CuttingProxy proxy = new CuttingProxy(new java.net.InetSocketAddress("127.0.0.1", agent.port()))) {
            HttpsEndpoint viaProxy = new HttpsEndpoint("127.0.0.1", proxy.port());
            TusClient client = client(viaProxy);
            List<URI> created = new ArrayList<>();
            List<Long> progress = new ArrayList<>();
            proxy.cutNextAfter(2_600_000);

            client.upload(kit, KIT, null, new UploadListener() {
                @Override
                public void uploadCreated(URI uploadUrl) {
                    created.add(uploadUrl);
                }

                @Override
                public void progress(long sent, long total) {
                    progress.add(sent);
                }
            }, Cancellation.none());

            assertEquals(1, proxy.cuts());
            assertEquals(1, created.size(), "one upload, resumed, not a new one: " + created);
            for (int i = 1; i < progress.size(); i++) {
                assertTrue(progress.get(i) >= progress.get(i - 1), "never back to an earlier offset: " + progress);
            }
            assertArrayEquals(Files.readAllBytes(kit), Files.readAllBytes(agent.inbox().resolve(KIT)));
            assertEquals(1, agent.received().size());
        }
    }

    @Test
    void aCutBeforeTheSmallestChunkGotThroughEndsTheUploadAndTheNextOneResumesIt() throws IOException {
        try (CuttingProxy proxy = new CuttingProxy(new java.net.InetSocketAddress("127.0.0.1", agent.port()))) {
            HttpsEndpoint viaProxy = new HttpsEndpoint("127.0.0.1", proxy.port());
            TusClient client = client(viaProxy);
            AtomicReference<URI> created = new AtomicReference<>();
            // The first chunk goes through on the first connection and the second is cut: the site acknowledged
            // bytes since the upload began, so the client asks its offset on a new connection and sends the chunk
            // again there, which is cut too (after the HEAD) before a byte more is acknowledged: the link moves
            // nothing at the smallest chunk, so the attempt ends.
            proxy.cutNextAfter(CHUNK + 200_000);
            AtomicBoolean armed = new AtomicBoolean(true);
            TusException dropped = assertThrows(TusException.class, () -> client.upload(kit, KIT, null,
                    new UploadListener() {
                        @Override
                        public void uploadCreated(URI uploadUrl) {
                            created.set(uploadUrl);
                        }

                        @Override
                        public void progress(long sent, long total) {
                            if (sent == CHUNK && armed.getAndSet(false)) {
                                proxy.cutNextAfter(100_000);
                            }
                        }
                    }, Cancellation.none()));
            assertEquals(2, proxy.cuts());
            assertTrue(dropped.retryable(), dropped.getMessage());
            assertFalse(Files.exists(agent.inbox().resolve(KIT)));

            List<Long> progress = new ArrayList<>();
            client.upload(kit, KIT, created.get(), progressInto(progress), Cancellation.none());

            assertTrue(progress.get(0) >= CHUNK, "resumed from the site's offset, not 0: " + progress.get(0));
            assertArrayEquals(Files.readAllBytes(kit), Files.readAllBytes(agent.inbox().resolve(KIT)));
            assertEquals(1, agent.received().size());
        }
    }

    @Test
    void aStalledUploadTimesOutAndResumesLater() throws IOException {
        try (CuttingProxy proxy = new CuttingProxy(new java.net.InetSocketAddress("127.0.0.1", agent.port()))) {
            HttpsEndpoint viaProxy = new HttpsEndpoint("127.0.0.1", proxy.port());
            TusClient client = new TusClient(viaProxy, BearerToken.of(TestAgent.TOKEN, "test"),
                    TlsTrust.trustingOnly(caPem()), TusOptions.defaults().withChunkSize(CHUNK)
                    .withRequestTimeout(Duration.ofSeconds(2)));
            AtomicReference<URI> created = new AtomicReference<>();
            proxy.stallNextAfter(1_800_000);

            TusException stalled = assertThrows(TusException.class, () -> client.upload(kit, KIT, null,
                    new UploadListener() {
                        @Override
                        public void uploadCreated(URI uploadUrl) {
                            created.set(uploadUrl);
                        }
                    }, Cancellation.none()));
            assertTrue(stalled.retryable());
            assertTrue(stalled.getMessage().contains("timeout"), stalled.getMessage());

            client.upload(kit, KIT, created.get(), UploadListener.NONE, Cancellation.none());
            assertArrayEquals(Files.readAllBytes(kit), Files.readAllBytes(agent.inbox().resolve(KIT)));
        }
    }

    @Test
    void aWrongTokenIsRefusedWithAMessageNamingTheSiteNotTheToken() throws IOException {
        String wrong = "wrong-token-that-must-not-leak";
        TusClient client = new TusClient(agent.endpoint(), BearerToken.of(wrong, "test"),
                TlsTrust.trustingOnly(caPem()), TusOptions.defaults());

        TusException e = assertThrows(TusException.class, () -> client.upload(kit, KIT, UploadListener.NONE));

        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains(agent.endpoint().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong));
        assertFalse(e.getMessage().contains(TestAgent.TOKEN));
        assertEquals(List.of(), partFiles());
    }

    @Test
    void aTokenIsReadFromItsFileAndNeverShown() throws IOException {
        Path tokenFile = Files.writeString(tmp.resolve("token"), TestAgent.TOKEN + "\n");
        TusClient client = TusClient.forSite(agent.endpoint(), tokenFile, Optional.of(caPem()), TusOptions.defaults());

        client.upload(kit, KIT, UploadListener.NONE);

        assertTrue(Files.exists(agent.inbox().resolve(KIT)));
        assertFalse(BearerToken.read(tokenFile).toString().contains(TestAgent.TOKEN));
    }

    @Test
    void anUntrustedCertificateIsRefusedNamingTheHostAndTheCaOption() {
        TusClient client = new TusClient(agent.endpoint(), BearerToken.of(TestAgent.TOKEN, "test"),
                TlsTrust.systemDefault(), TusOptions.defaults());

        TusException e = assertThrows(TusException.class, () -> client.upload(kit, KIT, UploadListener.NONE));

        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        assertTrue(e.getMessage().contains("--ca"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aCertificateForAnotherHostIsRefusedNamingTheHost() throws IOException {
        // The test certificate names localhost and 127.0.0.1; reach the same agent as 127.0.0.2.
        try (CuttingProxy other = new CuttingProxy(new java.net.InetSocketAddress("127.0.0.1", agent.port()),
                java.net.InetAddress.getByName("127.0.0.2"))) {
            TusClient client = new TusClient(new HttpsEndpoint("127.0.0.2", other.port()),
                    BearerToken.of(TestAgent.TOKEN, "test"), TlsTrust.trustingOnly(caPem()), TusOptions.defaults());

            TusException e = assertThrows(TusException.class, () -> client.upload(kit, KIT, UploadListener.NONE));

            assertFalse(e.retryable());
            assertEquals("TLS: the certificate of https://127.0.0.2:" + other.port()
                    + " is not valid for host name 127.0.0.2", e.getMessage());
        }
    }

    @Test
    void aCorruptedChunkIsRefusedByTheSiteAndSentAgain() throws IOException {
        AtomicInteger corrupted = new AtomicInteger();
        AtomicInteger sendsOfSecondChunk = new AtomicInteger();
        TusClient client = new TusClient(agent.endpoint(), BearerToken.of(TestAgent.TOKEN, "test"),
                TlsTrust.trustingOnly(caPem()), TusOptions.defaults().withChunkSize(CHUNK), (offset, buffer, length) -> {
                    if (offset == CHUNK) {
                        sendsOfSecondChunk.incrementAndGet();
                        if (corrupted.getAndIncrement() == 0) {
                            buffer[17] ^= 0x40; // one bit flipped after the checksum was taken
                        }
                    }
                });

        client.upload(kit, KIT, UploadListener.NONE);

        assertEquals(2, sendsOfSecondChunk.get());
        assertArrayEquals(Files.readAllBytes(kit), Files.readAllBytes(agent.inbox().resolve(KIT)));
    }

    @Test
    void aChunkCorruptedEveryTimeEndsInARetryableChecksumError() {
        TusClient client = new TusClient(agent.endpoint(), BearerToken.of(TestAgent.TOKEN, "test"),
                TlsTrust.trustingOnly(caPem()), TusOptions.defaults().withChunkSize(CHUNK),
                (offset, buffer, length) -> buffer[0] ^= 1);

        TusException e = assertThrows(TusException.class, () -> client.upload(kit, KIT, UploadListener.NONE));

        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("checksum mismatch (HTTP 460)"), e.getMessage());
        assertFalse(Files.exists(agent.inbox().resolve(KIT)));
    }

    @Test
    void anAgentRestartedMidUploadResumesFromItsPersistedOffset() throws IOException {
        TusClient client = client(agent.endpoint());
        Cancellation cancel = new Cancellation();
        AtomicReference<URI> created = new AtomicReference<>();
        TusException stopped = assertThrows(TusException.class, () -> client.upload(kit, KIT, null, new UploadListener() {
            @Override
            public void uploadCreated(URI uploadUrl) {
                created.set(uploadUrl);
            }

            @Override
            public void progress(long sent, long total) {
                if (sent >= 3L * CHUNK) {
                    cancel.cancel();
                }
            }
        }, cancel));
        assertTrue(stopped.cancelled());

        agent.stop();
        // A crash mid-write leaves unconfirmed bytes past the recorded offset; the restart must drop them.
        Path part = partFiles().get(0);
        long confirmed = Files.size(part);
        Files.write(part, new byte[12345], StandardOpenOption.APPEND);
        agent.restart();

        List<Long> progress = new ArrayList<>();
        client.upload(kit, KIT, created.get(), progressInto(progress), Cancellation.none());

        assertEquals(confirmed, progress.get(0));
        assertEquals(3L * CHUNK, confirmed);
        assertArrayEquals(Files.readAllBytes(kit), Files.readAllBytes(agent.inbox().resolve(KIT)));
    }

    @Test
    void resumingACompletedUploadSendsNothingAgain() throws IOException {
        TusClient client = client(agent.endpoint());
        URI url = client.upload(kit, KIT, UploadListener.NONE);
        Files.delete(agent.inbox().resolve(KIT)); // the agent took it away for verification

        List<Long> progress = new ArrayList<>();
        assertEquals(url, client.upload(kit, KIT, url, progressInto(progress), Cancellation.none()));

        assertEquals(List.of(Files.size(kit)), progress);
        assertFalse(Files.exists(agent.inbox().resolve(KIT)), "the kit was not delivered a second time");
        assertEquals(1, agent.received().size());
    }

    @Test
    void aNameThatIsNotAPlainKitFileIsRefusedBeforeSending() {
        TusClient client = client(agent.endpoint());
        assertThrows(io.patchbay.model.PatchbayException.class, () -> client.upload(kit, "../evil.kit", UploadListener.NONE));
        assertThrows(io.patchbay.model.PatchbayException.class, () -> client.upload(kit, "a/b.kit", UploadListener.NONE));
    }

    @Test
    void theSitesReasonForARefusalIsInTheMessage() {
        TusException e = assertThrows(TusException.class,
                () -> client(agent.endpoint()).upload(kit, "notes.txt", UploadListener.NONE));

        assertFalse(e.retryable());
        assertEquals(agent.endpoint() + " refused to create an upload for notes.txt (HTTP 400: kit file name must end"
                + " with .kit (or .pull for a pull notice, .rotation for a key rotation statement): 'notes.txt')",
                e.getMessage());
    }

    @Test
    void aKitOverTheSitesLimitIsRefusedBeforeSending() throws IOException {
        try (TestAgent small = new TestAgent(tmp.resolve("small"), 1_000_000)) {
            TusException e = assertThrows(TusException.class,
                    () -> client(small.endpoint()).upload(kit, KIT, UploadListener.NONE));
            assertFalse(e.retryable());
            assertTrue(e.getMessage().contains("accepts uploads up to 1000000 bytes"), e.getMessage());
        }
    }

    @Test
    void theStatusEndpointServesTheAgentsReports() throws IOException {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        PatchReport patch = new PatchReport(StatusReports.SCHEMA, KIT, "ab".repeat(32), "Spruce", "12.10.11",
                PatchState.values()[0], "waiting", now, now, null, List.of(), List.of());
        AgentReport agentReport = new AgentReport(StatusReports.SCHEMA, "0.1.0", now, Map.of("Spruce", "12.10.10"), false);
        StatusReports.write(agent.statusDir(), patch);
        StatusReports.write(agent.statusDir(), agentReport);
        TusClient client = client(agent.endpoint());

        assertEquals(List.of("agent.json", "patch-" + KIT + ".json"), client.statusFileNames());
        assertEquals(List.of(patch), client.patchReports());
        assertEquals(Optional.of(agentReport), client.agentReport());
        TusException missing = assertThrows(TusException.class, () -> client.statusFile("patch-none.json"));
        assertTrue(missing.getMessage().contains("HTTP 404"), missing.getMessage());
    }

    @Test
    void aWrongTokenCannotReadTheStatus() {
        TusClient client = new TusClient(agent.endpoint(), BearerToken.of("nope", "test"),
                TlsTrust.trustingOnly(caPem()), TusOptions.defaults());
        TusException e = assertThrows(TusException.class, client::statusFileNames);
        assertTrue(e.getMessage().contains("refused the bearer token"), e.getMessage());
    }

    private TusClient client(HttpsEndpoint endpoint) {
        return new TusClient(endpoint, BearerToken.of(TestAgent.TOKEN, "test"), TlsTrust.trustingOnly(caPem()),
                TusOptions.defaults().withChunkSize(CHUNK));
    }

    private static Path caPem() {
        try {
            return TestCertificates.shared().caPem();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UploadListener progressInto(List<Long> progress) {
        return new UploadListener() {
            @Override
            public void progress(long sent, long total) {
                progress.add(sent);
            }
        };
    }

    private List<Path> partFiles() throws IOException {
        try (Stream<Path> files = Files.list(agent.partial())) {
            return files.filter(p -> p.toString().endsWith(".part")).toList();
        }
    }
}

package io.patchbay.transport.outbox;

import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.DeliveryState;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.TransportKind;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.https.TestAgent;
import io.patchbay.transport.https.TestCertificates;
import io.patchbay.transport.https.TusOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker over HTTPS (tus) to a real agent endpoint: the upload URL is kept, so a new worker resumes. */
class HttpsDeliveryTest {
    @TempDir
    Path dir;

    @Test
    void aStoppedUploadIsResumedByTheNextWorkerFromItsStoredUploadUrl() throws Exception {
        byte[] kit = new byte[6 * 1024 * 1024];
        new Random(3).nextBytes(kit);
        Pusher tus = new TusSitePusher(TusOptions.defaults().withChunkSize(TusOptions.MIN_CHUNK));
        try (TestAgent agent = new TestAgent(dir.resolve("agent"));
             Workspace ws = Workspace.open(dir.resolve("ws"))) {
            Release release = DeliveryWorkerTest.addRelease(ws, kit);
            Path token = Files.writeString(dir.resolve("token"), TestAgent.TOKEN + "\n");
            ws.sites().add(SiteSpec.https("delta", agent.endpoint().toString(), token,
                    TestCertificates.shared().caPem()), "alice");
            ws.rollouts().start(release.id(), List.of("delta"), List.of(), null, "alice");
            WorkerSettings settings = WorkerSettings.defaults("w1").withLease(Duration.ofSeconds(5));

            try (DeliveryWorker first = new DeliveryWorker(ws, Map.of(TransportKind.HTTPS, tus), settings, null)) {
                CompletableFuture<Boolean> run = CompletableFuture.supplyAsync(() -> first.run(false));
                Delivery d = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                    while (true) {
                        Delivery now = ws.deliveries().list().get(0);
                        if (now.bytesSent() > 0 && ws.deliveries().uploadUrl(now.id()).isPresent()) {
                            return now;
                        }
                        Thread.sleep(20);
                    }
                });
                first.stop();
                assertFalse(run.get(), "stopped, not done");
                Delivery after = ws.deliveries().find(d.id()).orElseThrow();
                assertEquals(DeliveryState.RETRYING, after.state(), "due again at once: " + after.lastError());
                assertTrue(after.bytesSent() < kit.length, "stopped mid-transfer");
            }
            String url = ws.deliveries().uploadUrl(ws.deliveries().list().get(0).id()).orElseThrow();
            assertTrue(url.startsWith(agent.endpoint() + "/files/"), url);

            try (DeliveryWorker second = new DeliveryWorker(ws, Map.of(TransportKind.HTTPS, tus),
                    WorkerSettings.defaults("w2").withLease(Duration.ofSeconds(5)), null)) {
                assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> second.run(true)));
            }
            assertEquals(DeliveryState.DELIVERED, ws.deliveries().list().get(0).state());
            assertArrayEquals(kit, Files.readAllBytes(agent.inbox().resolve(release.kitFile())));
            assertEquals(1, agent.received().size(), "one kit received: " + agent.received());
        }
    }
}

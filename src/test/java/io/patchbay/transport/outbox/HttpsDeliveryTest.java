package io.patchbay.transport.outbox;

import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.DeliveryState;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.TransportKind;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.Cancellation;
import io.patchbay.agent.http.TestAgent;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
        // The first worker's push is held after its first acknowledged chunk until the test has stopped the
        // worker, so the stop always lands mid-transfer however fast the machine sends 6 MiB.
        CountDownLatch firstChunk = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Pusher heldAfterFirstChunk = new Pusher() {
            @Override
            public void push(PushJob job, PushProgress progress, Cancellation cancel) {
                tus.push(job, new PushProgress() {
                    @Override
                    public void sent(long sent, long total) {
                        progress.sent(sent, total);
                        if (sent > 0 && firstChunk.getCount() > 0) {
                            firstChunk.countDown();
                            await(stopped);
                        }
                    }

                    @Override
                    public void resumableAt(String url) {
                        progress.resumableAt(url);
                    }
                }, cancel);
            }

            @Override
            public SiteHarvest harvest(Site site) {
                return tus.harvest(site);
            }
        };
        try (TestAgent agent = new TestAgent(dir.resolve("agent"));
             Workspace ws = Workspace.open(dir.resolve("ws"))) {
            Release release = DeliveryWorkerTest.addRelease(ws, kit);
            Path token = Files.writeString(dir.resolve("token"), TestAgent.TOKEN + "\n");
            ws.sites().add(SiteSpec.https("delta", agent.endpoint().toString(), token,
                    TestCertificates.shared().caPem()), "alice");
            ws.rollouts().start(release.id(), List.of("delta"), List.of(), null, "alice");
            WorkerSettings settings = WorkerSettings.defaults("w1").withLease(Duration.ofSeconds(5));

            try (DeliveryWorker first = new DeliveryWorker(ws, Map.of(TransportKind.HTTPS, heldAfterFirstChunk),
                    settings, null)) {
                CompletableFuture<Boolean> run = CompletableFuture.supplyAsync(() -> first.run(false));
                assertTrue(firstChunk.await(30, TimeUnit.SECONDS), "the first chunk was sent");
                Delivery d = ws.deliveries().list().get(0);
                first.stop();
                stopped.countDown();
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

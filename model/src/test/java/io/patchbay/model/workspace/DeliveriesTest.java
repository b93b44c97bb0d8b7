package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.delivery.RetryBackoff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@OnEachDatabase
class DeliveriesTest extends WorkspaceTestSupport {
    private static final Duration LEASE = Duration.ofMinutes(2);

    private Deliveries outbox;
    private Release release;

    DeliveriesTest() {
        super(Instant.parse("2026-11-22T10:00:00Z"));
    }

    @BeforeEach
    void seed() {
        outbox = ws.deliveries();
        release = Fixtures.addRelease(ws, "12.10.11");
    }

    @Test
    void queueingTheSameReleaseForTheSameSiteTwiceGivesOneDelivery() {
        Fixtures.addSite(ws, "alpha");
        Delivery first = outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        Delivery again = outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        assertEquals(first.id(), again.id());
        assertEquals(1, outbox.list().size());
        assertEquals(DeliveryState.QUEUED, first.state());
        assertEquals(release.kitSize(), first.size());
        assertEquals(1, ws.events().find(EventQuery.all().kind(EventKind.DELIVERY_QUEUED)).size());
    }

    @Test
    void aClaimedDeliveryIsNotClaimedAgainWhileItsLeaseHolds() {
        Fixtures.addSite(ws, "alpha");
        Delivery d = outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        List<Delivery> taken = outbox.claim("w1", 10, LEASE);
        assertEquals(List.of(d.id()), ids(taken));
        assertEquals(DeliveryState.SENDING, taken.get(0).state());
        assertEquals("w1", taken.get(0).leaseOwner());
        assertEquals(1, taken.get(0).attempts());
        clock.advance(LEASE.minusSeconds(1));
        assertEquals(List.of(), outbox.claim("w2", 10, LEASE));
    }

    @Test
    void aKilledWorkersDeliveryIsClaimableAgainOnceItsLeaseLapses() {
        Fixtures.addSite(ws, "alpha");
        outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        Delivery first = outbox.claim("w1", 1, LEASE).get(0);
        assertTrue(outbox.progress(first.id(), "w1", 4096, LEASE));
        clock.advance(LEASE.plusSeconds(1)); // w1 dies: no more progress, the lease lapses
        List<Delivery> retaken = outbox.claim("w2", 1, LEASE);
        assertEquals(List.of(first.id()), ids(retaken));
        assertEquals("w2", retaken.get(0).leaseOwner());
        assertEquals(2, retaken.get(0).attempts());
        assertFalse(outbox.progress(first.id(), "w1", 8192, LEASE), "the old worker must learn it lost the row");
        assertFalse(outbox.markDelivered(first.id(), "w1"));
        assertTrue(outbox.markDelivered(first.id(), "w2"));
        assertEquals(1, ws.events().find(EventQuery.all().kind(EventKind.DELIVERY_LEASE_EXPIRED)).size());
    }

    @Test
    void concurrentClaimersNeverTakeTheSameDelivery() throws Exception {
        int sites = 40;
        for (int i = 0; i < sites; i++) {
            Fixtures.addSite(ws, "site-" + i);
            outbox.enqueue(release.id(), "site-" + i, Fixtures.PERSON);
        }
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (Workspace other = openAgain()) {
            List<Callable<Void>> workers = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                Deliveries mine = (w % 2 == 0 ? ws : other).deliveries();
                String worker = "w" + w;
                workers.add(() -> {
                    List<Delivery> got;
                    while (!(got = mine.claim(worker, 3, LEASE)).isEmpty()) {
                        got.forEach(d -> claimed.add(d.id()));
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(workers)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(sites, claimed.size(), "claimed: " + claimed);
        assertEquals(sites, new HashSet<>(claimed).size(), "a delivery was claimed twice: " + claimed);
    }

    @Test
    void oneSiteNeverReceivesTwoKitsAtOnce() {
        Release second = Fixtures.addRelease(ws, "12.10.12");
        Fixtures.addSite(ws, "alpha");
        outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        outbox.enqueue(second.id(), "alpha", Fixtures.PERSON);
        List<Delivery> taken = outbox.claim("w1", 10, LEASE);
        assertEquals(1, taken.size());
        assertEquals(List.of(), outbox.claim("w2", 10, LEASE));
        outbox.markDelivered(taken.get(0).id(), "w1");
        assertEquals(1, outbox.claim("w2", 10, LEASE).size());
    }

    @Test
    void aSiteWithManyQueuedReleasesDoesNotHoldUpTheOthers() {
        Fixtures.addSite(ws, "alpha");
        Fixtures.addSite(ws, "beta");
        for (int i = 0; i < 6; i++) {
            Release r = i == 0 ? release : Fixtures.addRelease(ws, "12.11." + i);
            outbox.enqueue(r.id(), "alpha", Fixtures.PERSON);
        }
        outbox.enqueue(release.id(), "beta", Fixtures.PERSON);
        assertEquals(List.of("alpha"), outbox.claim("w1", 1, LEASE).stream().map(Delivery::siteName).toList());
        assertEquals(List.of("beta"), outbox.claim("w2", 1, LEASE).stream().map(Delivery::siteName).toList());
    }

    @Test
    void aFailedTryWaitsForItsNextTryAndShowsWhy() {
        Fixtures.addSite(ws, "alpha");
        Delivery d = outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        outbox.claim(Fixtures.WORKER, 1, LEASE);
        Instant next = clock.instant().plus(Duration.ofMinutes(5));
        assertTrue(outbox.markFailed(d.id(), Fixtures.WORKER, "connection refused", next));

        Delivery retrying = outbox.find(d.id()).orElseThrow();
        assertEquals(DeliveryState.RETRYING, retrying.state());
        assertEquals("connection refused", retrying.lastError());
        assertEquals(next, retrying.nextTryAt());
        assertNull(retrying.leaseOwner());
        MatrixCell cell = ws.matrix().cells().get(0);
        assertEquals("retrying", cell.word());
        assertEquals(next, cell.nextTryAt());
        assertEquals("connection refused", cell.reason());

        assertEquals(List.of(), outbox.claim(Fixtures.WORKER, 1, LEASE));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(List.of(d.id()), ids(outbox.claim(Fixtures.WORKER, 1, LEASE)));
    }

    @Test
    void anAttemptThatMovedBytesIsDueAgainAtOnceAndRecordsHowFarItGot() {
        Fixtures.addSite(ws, "alpha");
        Delivery d = outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        outbox.claim(Fixtures.WORKER, 1, LEASE);
        clock.advance(Duration.ofSeconds(3));
        Instant failedAt = clock.instant();
        assertEquals(Optional.of(failedAt), outbox.markFailed(d.id(), Fixtures.WORKER, "connection reset", 400_000,
                true, RetryBackoff.standard(new Random(1))));

        Delivery retrying = outbox.find(d.id()).orElseThrow();
        assertEquals(DeliveryState.RETRYING, retrying.state());
        assertEquals(400_000, retrying.bytesSent());
        assertEquals(failedAt, retrying.nextTryAt());
        assertEquals(List.of(d.id()), ids(outbox.claim(Fixtures.WORKER, 1, LEASE)), "taken again without waiting");
    }

    @Test
    void onlyAttemptsInARowThatMovedNothingMakeTheWaitGrow() {
        Fixtures.addSite(ws, "alpha");
        Delivery d = outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        RetryBackoff longest = new RetryBackoff(Duration.ofSeconds(10), Duration.ofHours(1), 2, new Random() {
            @Override
            public double nextDouble() {
                return 0.9999999; // always the ceiling: the waits are exact
            }
        });
        List<Long> waits = new ArrayList<>();
        boolean[] moved = {false, false, true, false, false, false};
        for (boolean m : moved) {
            assertEquals(1, outbox.claim(Fixtures.WORKER, 1, LEASE).size());
            Instant failedAt = clock.instant();
            Instant next = outbox.markFailed(d.id(), Fixtures.WORKER, "cut", 0, m, longest).orElseThrow();
            waits.add(Duration.between(failedAt, next).toSeconds());
            clock.advance(Duration.between(failedAt, next));
        }
        assertEquals(List.of(10L, 20L, 0L, 10L, 20L, 40L), waits);
    }

    @Test
    void aFailureRecordedByAWorkerThatLostTheDeliveryIsRefused() {
        Fixtures.addSite(ws, "alpha");
        Delivery d = outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        outbox.claim(Fixtures.WORKER, 1, LEASE);
        outbox.cancel(d.id(), Fixtures.PERSON, "wrong site");
        assertEquals(Optional.empty(), outbox.markFailed(d.id(), Fixtures.WORKER, "cut", 10, true,
                RetryBackoff.standard(new Random(1))));
        assertEquals(DeliveryState.CANCELLED, outbox.find(d.id()).orElseThrow().state());
    }

    @Test
    void outstandingIsWhatIsNeitherFinalNorHeldByTheRuleClaimingUses() {
        Fixtures.addSite(ws, "alpha");
        Fixtures.addSite(ws, "beta");
        Delivery direct = outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        Release second = Fixtures.addRelease(ws, "12.10.12");
        Rollout rollout = ws.rollouts().start(second.id(), List.of("beta"), List.of(), null, Fixtures.PERSON);
        Delivery viaRollout = outbox.find(second.id(), "beta").orElseThrow();
        assertEquals(Set.of(direct.id(), viaRollout.id()), Set.copyOf(ids(outbox.outstanding())));

        ws.rollouts().pause(rollout.id(), Fixtures.PERSON);
        assertEquals(List.of(direct.id()), ids(outbox.outstanding()), "a paused rollout holds its deliveries");
        ws.rollouts().resume(rollout.id(), Fixtures.PERSON);

        outbox.claim(Fixtures.WORKER, 2, LEASE);
        outbox.markDelivered(viaRollout.id(), Fixtures.WORKER);
        assertEquals(List.of(direct.id()), ids(outbox.outstanding()), "sending is outstanding, delivered is not");

        ws.releases().pull(release.id(), "breaks billing", Fixtures.PERSON);
        assertEquals(List.of(), ids(outbox.outstanding()), "the kit is cancelled, its unsigned pull notice held");
        assertEquals(List.of(), outbox.claim(Fixtures.WORKER, 2, LEASE));
    }

    @Test
    void progressIsRecordedAndShownAsAPercentage() {
        Fixtures.addSite(ws, "alpha");
        Delivery d = outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        outbox.claim(Fixtures.WORKER, 1, LEASE);
        assertTrue(outbox.progress(d.id(), Fixtures.WORKER, 250_000, LEASE));
        MatrixCell cell = ws.matrix().cells().get(0);
        assertEquals("sending", cell.word());
        assertEquals(25, cell.percent());
        assertTrue(outbox.markDelivered(d.id(), Fixtures.WORKER));
        Delivery done = outbox.find(d.id()).orElseThrow();
        assertEquals(DeliveryState.DELIVERED, done.state());
        assertEquals(100, done.percent());
        assertEquals(List.of(), outbox.claim(Fixtures.WORKER, 1, LEASE));
    }

    @Test
    void onlyAPersonCancelsAndTheSendingWorkerLearnsOfIt() {
        Fixtures.addSite(ws, "alpha");
        Delivery d = outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        outbox.claim(Fixtures.WORKER, 1, LEASE);
        assertThrows(PatchbayException.class, () -> outbox.cancel(d.id(), " ", "no name"));
        Delivery cancelled = outbox.cancel(d.id(), Fixtures.PERSON, "customer asked to wait");
        assertEquals(DeliveryState.CANCELLED, cancelled.state());
        assertFalse(outbox.progress(d.id(), Fixtures.WORKER, 10, LEASE));
        assertFalse(outbox.markFailed(d.id(), Fixtures.WORKER, "stopped", clock.instant()));
        assertEquals(List.of(), outbox.claim(Fixtures.WORKER, 1, LEASE));
        Event event = ws.events().find(EventQuery.all().kind(EventKind.DELIVERY_CANCELLED)).get(0);
        assertEquals(Fixtures.PERSON, event.actor());
        assertEquals("customer asked to wait", event.detail());

        assertEquals(DeliveryState.QUEUED, outbox.deliverNow(d.id(), Fixtures.PERSON).state());
        assertEquals(1, outbox.claim(Fixtures.WORKER, 1, LEASE).size());
    }

    @Test
    void aDeliveredKitCannotBeCancelled() {
        Fixtures.addSite(ws, "alpha");
        Delivery d = outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        outbox.claim(Fixtures.WORKER, 1, LEASE);
        outbox.markDelivered(d.id(), Fixtures.WORKER);
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> outbox.cancel(d.id(), Fixtures.PERSON, "too late"));
        assertEquals("cannot cancel Spruce 12.10.11 -> alpha: already delivered", e.getMessage());
    }

    @Test
    void aPulledReleaseIsNotDeliveredAnyMore() {
        Fixtures.addSite(ws, "alpha");
        outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        ws.releases().pull(release.id(), "breaks billing", Fixtures.PERSON);
        assertEquals(List.of(), outbox.claim(Fixtures.WORKER, 1, LEASE));
        assertEquals("pulled", ws.matrix().cells().get(0).word());
        assertEquals(DeliveryState.CANCELLED, outbox.list().get(0).state());
        Fixtures.addSite(ws, "beta");
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> outbox.enqueue(release.id(), "beta", Fixtures.PERSON));
        assertEquals("Spruce 12.10.11 is pulled: it is not delivered any more", e.getMessage());
    }

    @Test
    void lapsedLeasesAreShownAsRetryingOnceReleased() {
        Fixtures.addSite(ws, "alpha");
        Delivery d = outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        outbox.claim("w1", 1, LEASE);
        assertEquals(0, outbox.releaseExpiredLeases("w2"));
        clock.advance(LEASE);
        assertEquals(1, outbox.releaseExpiredLeases("w2"));
        Delivery after = outbox.find(d.id()).orElseThrow();
        assertEquals(DeliveryState.RETRYING, after.state());
        assertEquals("worker w1 stopped while sending (its lease lapsed)", after.lastError());
        assertNull(after.leaseOwner());
    }

    @Test
    void everyStateChangeIsInTheEventLogInOrder() {
        Fixtures.addSite(ws, "alpha");
        Delivery d = outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        outbox.claim(Fixtures.WORKER, 1, LEASE);
        outbox.markFailed(d.id(), Fixtures.WORKER, "timeout", clock.instant());
        outbox.claim(Fixtures.WORKER, 1, LEASE);
        outbox.progress(d.id(), Fixtures.WORKER, 100, LEASE); // progress is not a change of state
        outbox.markDelivered(d.id(), Fixtures.WORKER);
        List<String> kinds = new ArrayList<>(ws.events().find(EventQuery.all().kind("delivery.")
                .subject("-> alpha")).stream().map(Event::kind).toList());
        Collections.reverse(kinds);
        assertEquals(List.of("delivery.queued", "delivery.sending", "delivery.retrying", "delivery.sending",
                "delivery.delivered"), kinds);
    }

    @Test
    void stateWordsAreTheOnesUsersSee() {
        List<String> words = new ArrayList<>();
        for (DeliveryState s : DeliveryState.values()) {
            words.add(s.word());
        }
        assertEquals(List.of("queued", "sending", "retrying", "delivered", "rejected", "cancelled", "bundled"), words);
        Set<DeliveryState> finals = new HashSet<>();
        for (DeliveryState s : DeliveryState.values()) {
            if (s.isFinal()) {
                finals.add(s);
            }
        }
        assertEquals(Set.of(DeliveryState.DELIVERED, DeliveryState.REJECTED, DeliveryState.CANCELLED,
                DeliveryState.BUNDLED), finals);
    }

    private static List<Long> ids(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::id).toList();
    }
}

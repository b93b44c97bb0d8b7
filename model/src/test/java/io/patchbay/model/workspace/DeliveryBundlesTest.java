package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The outbox's side of sites without a network: what a bundle carries, and "handed over by bundle". */
@OnEachDatabase
class DeliveryBundlesTest extends WorkspaceTestSupport {
    private Deliveries outbox;
    private Release release;

    DeliveryBundlesTest() {
        super(Instant.parse("2026-11-22T10:00:00Z"));
    }

    @BeforeEach
    void seed() {
        outbox = ws.deliveries();
        release = Fixtures.addRelease(ws, "12.10.11");
        Fixtures.addSite(ws, "alpha");
        Fixtures.addSite(ws, "beta");
    }

    @Test
    void aBundleCarriesTheNamedSitesWaitingDeliveriesOnly() {
        Release older = Fixtures.addRelease(ws, "12.10.10");
        Delivery a1 = outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        Delivery a0 = outbox.enqueue(older.id(), "alpha", Fixtures.PERSON);
        outbox.enqueue(release.id(), "beta", Fixtures.PERSON);
        assertEquals(List.of(a1.id(), a0.id()), ids(outbox.forBundle(List.of("alpha"))));
        assertEquals(3, outbox.forBundle(List.of("alpha", "beta")).size());
    }

    @Test
    void aDeliveryBeingSentOrAlreadyArrivedIsNotCarried() {
        outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        outbox.claim(Fixtures.WORKER, 1, Duration.ofMinutes(2));
        assertEquals(List.of(), outbox.forBundle(List.of("alpha")));
    }

    @Test
    void aHandedOverDeliveryIsNeverSentAndTheMatrixSaysSoUntilTheSiteReports() {
        Delivery d = outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        outbox.markBundled(outbox.forBundle(List.of("alpha")), "alpha-1.bundle", Fixtures.PERSON);

        assertEquals(DeliveryState.BUNDLED, outbox.find(d.id()).orElseThrow().state());
        assertEquals(List.of(), outbox.claim(Fixtures.WORKER, 10, Duration.ofMinutes(2)));
        assertEquals(List.of(), outbox.outstanding());
        MatrixCell cell = ws.matrix().cells().get(0);
        assertEquals(MatrixState.BUNDLED, cell.state());
        assertEquals("handed over by bundle", cell.word());
        assertEquals("carried in alpha-1.bundle", cell.reason());
        assertEquals(List.of("alpha-1.bundle"), ws.events().find(EventQuery.all().kind(EventKind.DELIVERY_BUNDLED))
                .stream().map(Event::detail).toList());

        ws.reports().record("alpha", new PatchReport(StatusReports.SCHEMA, release.kitFile(), release.kitSha256(),
                "Spruce", "12.10.11", PatchState.INSTALLED, null, clock.instant(), clock.instant(), null, List.of(),
                List.of()), Fixtures.PERSON);
        assertEquals(MatrixState.INSTALLED, ws.matrix().cells().get(0).state());
    }

    @Test
    void markingIsAllOrNoneWhenADeliveryChangedSinceItWasRead() {
        Release older = Fixtures.addRelease(ws, "12.10.10");
        outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        Delivery second = outbox.enqueue(older.id(), "alpha", Fixtures.PERSON);
        List<Delivery> carried = outbox.forBundle(List.of("alpha"));
        outbox.cancel(second.id(), Fixtures.PERSON, "not this one");

        assertThrows(PatchbayException.class, () -> outbox.markBundled(carried, "alpha-1.bundle", Fixtures.PERSON));
        assertEquals(List.of(DeliveryState.QUEUED, DeliveryState.CANCELLED),
                carried.stream().map(d -> outbox.find(d.id()).orElseThrow().state()).toList());
    }

    @Test
    void aBundleThatNeverArrivedIsSentAgainWhenAPersonAsks() {
        Delivery d = outbox.enqueue(release.id(), "alpha", Fixtures.PERSON);
        outbox.markBundled(List.of(d), "lost.bundle", Fixtures.PERSON);
        assertEquals(DeliveryState.QUEUED, outbox.deliverNow(d.id(), Fixtures.PERSON).state());
    }

    private static List<Long> ids(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::id).toList();
    }
}

package io.patchbay.model.workspace;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@OnEachDatabase
class OutboxQuotaTest extends WorkspaceTestSupport {
    private Release release;

    OutboxQuotaTest() {
        super(Instant.parse("2026-11-22T10:00:00Z"));
    }

    @BeforeEach
    void seed() {
        release = Fixtures.addRelease(ws, "12.10.11");
        for (String name : List.of("a1", "a2", "a3", "a4", "a5", "a6")) {
            ws.sites().add(Fixtures.site(name, "broad"), Fixtures.PERSON);
        }
    }

    @Test
    void theDailyQuotaAdmitsTheFirstSitesTodayAndMoreEachFollowingDay() {
        ws.rollouts().start(release.id(), List.of("a1", "a2", "a3", "a4", "a5", "a6"), List.of("broad"),
                new DailyQuota(2, 1), Fixtures.PERSON);
        assertEquals(List.of("a1", "a2"), claimAll());
        clock.advance(Duration.ofHours(15)); // 01:00 UTC the next day: day 1 admits 3 more
        assertEquals(List.of("a3", "a4", "a5"), claimAll());
        clock.advance(Duration.ofDays(1));
        assertEquals(List.of("a6"), claimAll());
    }

    @Test
    void theDeliveriesTheQuotaHoldsBackAreNamedUntilTheirDayComes() {
        ws.rollouts().start(release.id(), List.of("a1", "a2", "a3", "a4", "a5", "a6"), List.of("broad"),
                new DailyQuota(2, 1), Fixtures.PERSON);
        assertEquals(List.of("a3", "a4", "a5", "a6"), heldSites());
        assertEquals(List.of("a1", "a2"), claimAll());
        assertEquals(List.of("a3", "a4", "a5", "a6"), heldSites(), "admitted sites leave the list, not held ones");

        clock.advance(Duration.ofHours(15));
        assertEquals(List.of("a6"), heldSites());
    }

    @Test
    void withoutAQuotaEverySiteIsAdmittedAtOnce() {
        ws.rollouts().start(release.id(), List.of("a1", "a2", "a3", "a4", "a5", "a6"), List.of("broad"), null,
                Fixtures.PERSON);
        assertEquals(6, claimAll().size());
    }

    private List<String> heldSites() {
        var held = ws.deliveries().heldByQuota();
        return ws.deliveries().list().stream().filter(d -> held.contains(d.id())).map(Delivery::siteName).sorted().toList();
    }

    private List<String> claimAll() {
        List<Delivery> taken = ws.deliveries().claim(Fixtures.WORKER, 50, Duration.ofMinutes(5));
        taken.forEach(d -> ws.deliveries().markDelivered(d.id(), Fixtures.WORKER));
        return taken.stream().map(Delivery::siteName).sorted().toList();
    }
}

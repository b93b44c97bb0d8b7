package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.release.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@OnEachDatabase
class RolloutsTest {
    @Parameter
    Backend backend;

    @TempDir
    Path dir;
    private Workspace ws;
    private Release release;

    @BeforeEach
    void open() {
        ws = Workspace.open(backend.location(dir));
        release = Fixtures.addRelease(ws, "12.10.11");
        ws.sites().add(Fixtures.site("zulu", "internal"), Fixtures.PERSON);
        ws.sites().add(Fixtures.site("bravo", "broad"), Fixtures.PERSON);
        ws.sites().add(Fixtures.site("alpha", "broad"), Fixtures.PERSON);
        ws.sites().add(Fixtures.site("mike", "pilot"), Fixtures.PERSON);
        ws.sites().add(Fixtures.site("oscar", "lab"), Fixtures.PERSON);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void startingOrdersSitesByRingThenNameAndQueuesOneDeliveryEach() {
        Rollout r = ws.rollouts().start(release.id(), List.of("alpha", "bravo", "mike", "zulu", "oscar"),
                List.of("internal", "pilot", "broad"), new DailyQuota(2, 3), Fixtures.PERSON);
        assertEquals(RolloutState.RUNNING, r.state());
        assertEquals(List.of("internal", "pilot", "broad", "lab"), r.ringOrder()); // unlisted rings last
        assertEquals(new DailyQuota(2, 3), r.quota());
        List<RolloutTarget> targets = ws.rollouts().targets(r.id());
        assertEquals(List.of("zulu", "mike", "alpha", "bravo", "oscar"),
                targets.stream().map(RolloutTarget::siteName).toList());
        assertEquals(List.of(0, 1, 2, 2, 3), targets.stream().map(RolloutTarget::wave).toList());
        assertEquals(5, ws.deliveries().list().size());
        assertTrue(ws.deliveries().list().stream().allMatch(d -> d.rolloutId() == r.id()));
    }

    @Test
    void aSitesPlaceIsFixedWhenTheRolloutStarts() {
        Rollout r = ws.rollouts().start(release.id(), List.of("alpha", "bravo", "zulu"),
                List.of("internal", "broad"), null, Fixtures.PERSON);
        ws.sites().update(Fixtures.site("bravo", "internal"), Fixtures.PERSON);
        ws.sites().update(Fixtures.site("zulu", "broad"), Fixtures.PERSON);
        assertEquals(List.of("zulu", "alpha", "bravo"),
                ws.rollouts().targets(r.id()).stream().map(RolloutTarget::siteName).toList());
    }

    @Test
    void pausingStopsNewDeliveriesAndResumingContinues() {
        Rollout r = ws.rollouts().start(release.id(), List.of("alpha", "bravo"), List.of(), null, Fixtures.PERSON);
        Delivery sending = ws.deliveries().claim(Fixtures.WORKER, 1, Duration.ofMinutes(1)).get(0);
        assertEquals(RolloutState.PAUSED, ws.rollouts().pause(r.id(), Fixtures.PERSON).state());
        assertEquals(List.of(), ws.deliveries().claim("w2", 5, Duration.ofMinutes(1)));
        assertTrue(ws.deliveries().markDelivered(sending.id(), Fixtures.WORKER), "a paused rollout lets sends finish");
        assertFalse(ws.rollouts().finishIfComplete(r.id(), Fixtures.PERSON));
        assertEquals(RolloutState.RUNNING, ws.rollouts().resume(r.id(), Fixtures.PERSON).state());
        Delivery next = ws.deliveries().claim("w2", 5, Duration.ofMinutes(1)).get(0);
        ws.deliveries().markDelivered(next.id(), "w2");
        assertTrue(ws.rollouts().finishIfComplete(r.id(), Fixtures.PERSON));
        assertEquals(RolloutState.DONE, ws.rollouts().find(r.id()).orElseThrow().state());
        assertEquals(List.of("rollout.done", "rollout.resumed", "rollout.paused", "rollout.started"),
                ws.events().find(EventQuery.all().kind("rollout.")).stream().map(Event::kind).toList());
    }

    @Test
    void aBetaReleaseDoesNotGoToStableSites() {
        Release beta = ws.releases().add(Fixtures.release("Spruce", "13.0.0", Channel.BETA), Fixtures.PERSON);
        PatchbayException e = assertThrows(PatchbayException.class, () -> ws.rollouts().start(beta.id(),
                List.of("alpha"), List.of(), null, Fixtures.PERSON));
        assertEquals("site alpha follows the stable channel; Spruce 13.0.0 is beta", e.getMessage());
        assertEquals(List.of(), ws.rollouts().list(), "a refused start leaves nothing behind");
        assertEquals(List.of(), ws.deliveries().list());
    }
}

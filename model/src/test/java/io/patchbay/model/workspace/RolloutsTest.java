package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.release.Channel;
import io.patchbay.model.report.InstallationReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.rollout.FailureThreshold;
import io.patchbay.model.rollout.RingAdvance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@OnEachDatabase
class RolloutsTest extends WorkspaceTestSupport {
    private Release release;

    @BeforeEach
    void seed() {
        release = Fixtures.addRelease(ws, "12.10.11");
        ws.sites().add(Fixtures.site("zulu", "internal"), Fixtures.PERSON);
        ws.sites().add(Fixtures.site("bravo", "broad"), Fixtures.PERSON);
        ws.sites().add(Fixtures.site("alpha", "broad"), Fixtures.PERSON);
        ws.sites().add(Fixtures.site("mike", "pilot"), Fixtures.PERSON);
        ws.sites().add(Fixtures.site("oscar", "lab"), Fixtures.PERSON);
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
        assertFalse(ws.rollouts().finishIfComplete(r.id(), Fixtures.PERSON), "delivered is not installed");
        report("alpha", PatchState.INSTALLED);
        assertEquals(RolloutState.RUNNING, ws.rollouts().find(r.id()).orElseThrow().state(), "bravo still waits");
        report("bravo", PatchState.WAITING);
        assertEquals(RolloutState.RUNNING, ws.rollouts().find(r.id()).orElseThrow().state(), "bravo still waits");
        report("bravo", PatchState.ROLLED_BACK);
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

    // --- rollouts that guard themselves -----------------------------------------------------------

    private void report(String site, PatchState state) {
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        List<InstallationReport> installs = state == PatchState.INSTALLED || state == PatchState.ROLLED_BACK
                || state == PatchState.FAILED
                ? List.of(new InstallationReport(1, "automatic", t, t.plusSeconds(30), state, null, null)) : List.of();
        ws.reports().record(site, new PatchReport(StatusReports.SCHEMA, release.kitFile(), release.kitSha256(), "Spruce",
                "12.10.11", state, state.word(), t, t.plusSeconds(60), null, List.of(), installs), Fixtures.WORKER);
    }

    @Test
    void startingAgainForSitesThatHaveTheReleaseStartsNothingAndSaysSo() {
        Rollout first = ws.rollouts().start(release.id(), List.of("alpha", "bravo"), List.of(), null, Fixtures.PERSON);
        PatchbayException e = assertThrows(PatchbayException.class, () -> ws.rollouts().start(release.id(),
                List.of("alpha", "bravo"), List.of(), null, Fixtures.PERSON));
        assertEquals("nothing to send: Spruce 12.10.11 is already on its way to or at every site named (alpha, bravo); "
                + "no rollout started", e.getMessage());
        assertEquals(List.of(first.id()), ws.rollouts().list().stream().map(Rollout::id).toList());
    }

    @Test
    void startingForSomeNewSitesQueuesOnlyThoseAndNamesTheOthers() {
        ws.rollouts().start(release.id(), List.of("alpha"), List.of(), null, Fixtures.PERSON);
        RolloutStart second = ws.rollouts().startWith(release.id(), List.of("alpha", "bravo"), List.of(), null, null,
                RingAdvance.QUOTA_ONLY, Fixtures.PERSON);
        assertEquals(List.of("bravo"), second.queued());
        assertEquals(List.of("alpha"), second.already());
        assertEquals(List.of("bravo"), ws.rollouts().targets(second.rollout().id()).stream()
                .map(RolloutTarget::siteName).toList());
    }

    @Test
    void aRolloutPausesItselfWhenTwoSitesFailedAndTheLogSaysWhy() {
        Rollout r = ws.rollouts().startWith(release.id(), List.of("alpha", "bravo", "mike", "zulu"), List.of(), null,
                FailureThreshold.parse("2"), RingAdvance.QUOTA_ONLY, Fixtures.PERSON).rollout();
        report("alpha", PatchState.FAILED);
        assertEquals(RolloutState.RUNNING, ws.rollouts().find(r.id()).orElseThrow().state());
        report("mike", PatchState.ROLLED_BACK);
        Rollout paused = ws.rollouts().find(r.id()).orElseThrow();
        assertEquals(RolloutState.PAUSED, paused.state());
        assertEquals("2 sites failed or rolled back (threshold 2)", paused.pausedReason());
        Event e = ws.events().find(EventQuery.all().kind(EventKind.ROLLOUT_PAUSED)).get(0);
        assertEquals(Fixtures.WORKER, e.actor());
        assertEquals("rollout " + r.id() + " paused itself: 2 sites failed or rolled back (threshold 2)", e.detail());
        assertEquals(List.of(), ws.deliveries().claim("w2", 5, Duration.ofMinutes(1)), "a paused rollout sends nothing");
        assertEquals(RolloutState.RUNNING, ws.rollouts().resume(r.id(), Fixtures.PERSON).state());
        assertEquals(null, ws.rollouts().find(r.id()).orElseThrow().pausedReason(), "a person's resume clears the why");
    }

    @Test
    void aShareOfOneRingPausesTheRolloutWhateverTheOtherRingsDo() {
        Rollout r = ws.rollouts().startWith(release.id(), List.of("alpha", "bravo", "mike"), List.of("pilot", "broad"),
                null, FailureThreshold.parse("50%"), RingAdvance.QUOTA_ONLY, Fixtures.PERSON).rollout();
        report("alpha", PatchState.FAILED); // 1 of 2 in broad: 50%
        Rollout paused = ws.rollouts().find(r.id()).orElseThrow();
        assertEquals(RolloutState.PAUSED, paused.state());
        assertEquals("1 of 2 sites of ring broad failed or rolled back (threshold 50% of a ring)", paused.pausedReason());
    }

    @Test
    void theNextRingOpensOnlyWhenTheChosenShareOfThePreviousRingInstalled() {
        ws.rollouts().startWith(release.id(), List.of("alpha", "bravo", "mike", "zulu"), List.of("internal", "pilot", "broad"),
                null, null, new RingAdvance(100, null), Fixtures.PERSON);
        List<Delivery> first = ws.deliveries().claim(Fixtures.WORKER, 10, Duration.ofMinutes(1));
        assertEquals(List.of("zulu"), first.stream().map(Delivery::siteName).toList(), "only the internal ring");
        ws.deliveries().markDelivered(first.get(0).id(), Fixtures.WORKER);
        assertEquals(List.of(), ws.deliveries().claim(Fixtures.WORKER, 10, Duration.ofMinutes(1)), "delivered is not installed");
        report("zulu", PatchState.INSTALLED);
        List<Delivery> second = ws.deliveries().claim(Fixtures.WORKER, 10, Duration.ofMinutes(1));
        assertEquals(List.of("mike"), second.stream().map(Delivery::siteName).toList(), "the pilot ring opens");
    }
}

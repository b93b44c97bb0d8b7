package io.patchbay.model.rollout;

import io.patchbay.model.PatchbayException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RolloutPlanTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final List<String> RINGS = List.of("internal", "pilot", "early", "broad");
    static final QuotaRule DOUBLING = new QuotaRule(5, 2.0, 0);
    static final RolloutPlan PLAN = new RolloutPlan(RINGS, DOUBLING, false, PARIS);
    /** Monday 2026-11-16 09:00. */
    static final Instant STARTED = paris("2026-11-16T09:00");

    static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    /** 3 internal, 10 pilot, no early, 100 broad sites. */
    static List<Target> targets() {
        List<Target> all = new ArrayList<>();
        IntStream.range(0, 3).forEach(i -> all.add(new Target("lab-" + i, "internal")));
        IntStream.range(0, 10).forEach(i -> all.add(new Target("pilot-" + i, "pilot")));
        IntStream.range(0, 100).forEach(i -> all.add(new Target("site-" + i, "broad")));
        return all;
    }

    static final List<Target> ORDERED = RolloutOrder.fix(targets(), RINGS, 42L);

    @Test
    void theDailyQuotaGrowsByItsFactorAndStep() {
        assertEquals(List.of(5L, 10L, 20L, 40L), IntStream.range(0, 4).mapToObj(DOUBLING::dailyQuota).toList());
        assertEquals(List.of(5L, 15L, 35L, 75L), IntStream.range(0, 4).mapToObj(DOUBLING::cumulative).toList());
        QuotaRule stepped = new QuotaRule(10, 1.0, 10);
        assertEquals(List.of(10L, 20L, 30L), IntStream.range(0, 3).mapToObj(stepped::dailyQuota).toList());
        assertEquals(QuotaRule.CEILING, DOUBLING.cumulative(10_000));
        assertThrows(PatchbayException.class, () -> new QuotaRule(0, 2.0, 0));
        assertThrows(PatchbayException.class, () -> new QuotaRule(1, 0.5, 0));
    }

    @Test
    void ringsOpenOneAfterAnotherAndEachRingsQuotaGrowsDaily() {
        assertEquals(0, PLAN.admitted(ORDERED, STARTED, STARTED.minusSeconds(1)).count());
        Admission monday = PLAN.admitted(ORDERED, STARTED, paris("2026-11-16T12:00"));
        assertEquals(3, monday.count());
        assertTrue(monday.admitted().stream().allMatch(t -> t.ring().equals("internal")));
        assertEquals(paris("2026-11-17T00:00"), monday.nextAdmissionAt());
        assertEquals("ring pilot opens later", monday.waitingFor());

        List<Integer> daily = new ArrayList<>();
        for (int day = 17; day <= 24; day++) {
            daily.add(PLAN.admitted(ORDERED, STARTED, paris("2026-11-" + day + "T12:00")).count());
        }
        // pilot 5, pilot 10 (full); broad 5, 15, 35, 75, then all 100.
        assertEquals(List.of(8, 13, 18, 28, 48, 88, 113, 113), daily);
        Admission done = PLAN.admitted(ORDERED, STARTED, paris("2026-11-23T12:00"));
        assertNull(done.nextAdmissionAt());
        assertNull(done.waitingFor());
        assertEquals(ORDERED, done.admitted());
    }

    @Test
    void theNextAdmissionIsAtTheSitesMidnight() {
        Admission tuesday = PLAN.admitted(ORDERED, STARTED, paris("2026-11-17T12:00"));
        assertEquals(8, tuesday.count());
        assertEquals(paris("2026-11-18T00:00"), tuesday.nextAdmissionAt());
        assertEquals("ring pilot: day 1 quota reached", tuesday.waitingFor());
        assertEquals(13, PLAN.admitted(ORDERED, STARTED, tuesday.nextAdmissionAt()).count());
    }

    @Test
    void theOrderIsFixedByTheSeedSoARestartAdmitsTheSameSites() {
        List<Target> shuffledInput = new ArrayList<>(targets());
        Collections.shuffle(shuffledInput, new Random(7));
        List<Target> afterRestart = RolloutOrder.fix(shuffledInput, RINGS, 42L);
        assertEquals(ORDERED, afterRestart);
        Instant now = paris("2026-11-20T12:00");
        assertEquals(PLAN.admitted(ORDERED, STARTED, now), PLAN.admitted(afterRestart, STARTED, now));
        assertNotEquals(ORDERED, RolloutOrder.fix(targets(), RINGS, 43L));
        assertEquals(List.of("internal", "internal", "internal", "pilot"),
                ORDERED.subList(0, 4).stream().map(Target::ring).toList());
    }

    @Test
    void aPausedRolloutAdmitsNothingNewAndResumesWhereItStopped() {
        RolloutClock paused = new RolloutClock(STARTED, List.of(new Pause(paris("2026-11-17T12:00"), null)));
        Admission duringPause = PLAN.admitted(ORDERED, paused, paris("2026-11-20T12:00"), Map.of());
        assertEquals(8, duringPause.count());
        assertNull(duringPause.nextAdmissionAt());
        assertEquals("paused", duringPause.waitingFor());

        RolloutClock resumed = new RolloutClock(STARTED,
                List.of(new Pause(paris("2026-11-17T12:00"), paris("2026-11-20T12:00"))));
        Admission afterResume = PLAN.admitted(ORDERED, resumed, paris("2026-11-20T13:00"), Map.of());
        assertEquals(8, afterResume.count());
        // Three days paused: the day that would have started Wednesday 00:00 starts Saturday 00:00.
        assertEquals(paris("2026-11-21T00:00"), afterResume.nextAdmissionAt());
        assertEquals(13, PLAN.admitted(ORDERED, resumed, paris("2026-11-21T00:00"), Map.of()).count());
    }

    @Test
    void withWaitForPreviousRingARingOpensWhenThePreviousCompletes() {
        RolloutPlan gated = new RolloutPlan(RINGS, DOUBLING, true, PARIS);
        RolloutClock clock = RolloutClock.startedAt(STARTED);
        Admission waiting = gated.admitted(ORDERED, clock, paris("2026-11-18T12:00"), Map.of());
        assertEquals(3, waiting.count());
        assertEquals("ring pilot waits for ring internal to complete", waiting.waitingFor());
        assertNull(waiting.nextAdmissionAt());

        Map<String, Instant> completed = Map.of("internal", paris("2026-11-18T15:00"));
        assertEquals(3, gated.admitted(ORDERED, clock, paris("2026-11-18T14:59"), completed).count());
        assertEquals(8, gated.admitted(ORDERED, clock, paris("2026-11-18T15:00"), completed).count());
        assertEquals(13, gated.admitted(ORDERED, clock, paris("2026-11-20T12:00"), completed).count());
    }

    @Test
    void targetsNotInRolloutOrderAreRefused() {
        List<Target> wrong = List.of(new Target("a", "broad"), new Target("b", "internal"));
        PatchbayException e = assertThrows(PatchbayException.class, () -> PLAN.admitted(wrong, STARTED, STARTED));
        assertEquals("targets are not in rollout order: site 'b' of ring 'internal' comes after ring 'broad'", e.getMessage());
        assertThrows(PatchbayException.class, () -> RolloutOrder.fix(List.of(new Target("x", "moon")), RINGS, 1L));
    }
}

package io.patchbay.model.policy;

import io.patchbay.model.decision.Checks;
import io.patchbay.model.decision.Decision;
import io.patchbay.model.decision.PatchDecider;
import io.patchbay.model.decision.PatchFacts;
import io.patchbay.model.decision.PreconditionProbe;
import io.patchbay.model.decision.Verdict;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.InstallChance;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The next install chance over random policies, zones and instants: the instant found is one the
 * agent's decision lets install, no whole minute before it (from the search's start) is, the rule named
 * is the one that held it back, and "never" comes exactly when no window can open.
 */
class NextOpeningProperties {
    /** Zones whose clocks change in awkward ways, beside any zone at all. */
    private static final List<String> AWKWARD = List.of("Europe/Paris", "America/New_York", "Australia/Lord_Howe",
            "Pacific/Chatham", "America/Havana", "America/Santiago", "Asia/Gaza", "Pacific/Apia", "Antarctica/Troll",
            "America/St_Johns", "Asia/Kolkata", "Europe/London", "America/Sao_Paulo", "UTC");
    private static final Instant EARLIEST = Instant.parse("2010-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2032-12-31T00:00:00Z");

    record Case(SitePolicy policy, Instant from, Instant released) {
        InstallTiming timing() {
            return new InstallTiming(policy);
        }
    }

    @Property(tries = 150)
    void theInstantFoundIsAllowedAndNoEarlierMinuteIs(@ForAll("cases") Case c) {
        InstallOpening o = c.timing().nextOpening(c.from(), c.released());
        if (o.never()) {
            return; // the property below says when that happens
        }
        assertFalse(o.at().isBefore(c.from()), "the chance is not before the search starts");
        Decision atChance = decide(c, o.at());
        assertEquals(Verdict.INSTALL_NOW, atChance.verdict(), () -> "at " + o.at() + ": " + atChance.reason());

        InstallTiming timing = c.timing();
        Instant minute = c.from().truncatedTo(ChronoUnit.MINUTES);
        minute = minute.isBefore(c.from()) ? minute.plus(Duration.ofMinutes(1)) : minute;
        long earlier = 0;
        for (Instant t = minute; t.isBefore(o.at()); t = t.plus(Duration.ofMinutes(1)), earlier++) {
            Instant at = t;
            assertTrue(timing.refusing(t, c.released()).isPresent(), () -> "the minute " + at + " is allowed, before " + o.at());
        }
        if (earlier > 0) {
            // The rules above are the decision's own predicates; the whole decision agrees on a sample minute.
            Instant sample = minute.plus(Duration.ofMinutes(Math.floorMod(c.from().getEpochSecond(), earlier)));
            assertNotEquals(Verdict.INSTALL_NOW, decide(c, sample).verdict(), "the decision installs at " + sample);
        }
    }

    @Property(tries = 300)
    void theDecidingRuleRefusedTheLastOpenWindowMomentBeforeTheChance(@ForAll("cases") Case c) {
        InstallTiming timing = c.timing();
        InstallOpening o = timing.nextOpening(c.from(), c.released());
        if (o.never()) {
            assertNotNull(o.decidedBy(), "a 'never' names the rule that refused");
            return;
        }
        if (o.decidedBy() == null) {
            assertEquals(c.from(), o.at(), "nothing held it back: the start is the chance");
            return;
        }
        assertTrue(o.at().isAfter(c.from()));
        Instant lastOpen = lastOpenMomentBefore(c, o.at());
        if (lastOpen == null || lastOpen.isBefore(c.from())) {
            assertEquals(TimingRule.INSTALL_WINDOW, o.decidedBy(), "the window was shut from the start to the chance");
        } else {
            assertFalse(timing.allows(o.decidedBy(), lastOpen, c.released()),
                    o.decidedBy() + " does not refuse " + lastOpen + ", the last open-window moment before " + o.at());
        }
    }

    /** The last instant before {@code at} at which the install window is open (whole-minute policies: 1 ns grain). */
    private static Instant lastOpenMomentBefore(Case c, Instant at) {
        InstallTiming timing = c.timing();
        Instant before = at.minusNanos(1);
        if (timing.inWindow(before)) {
            return before;
        }
        ZoneId zone = c.policy().timeZone();
        for (var day = SiteTimes.dateOf(at, zone); day.isAfter(SiteTimes.dateOf(c.from(), zone).minusDays(3)); day = day.minusDays(1)) {
            TimeRange w = c.policy().window().on(day, zone);
            if (!w.isEmpty() && !w.to().isAfter(at)) {
                return w.to().minusNanos(1);
            }
        }
        return null;
    }

    @Property(tries = 300)
    void neverComesExactlyWhenEveryWeekdayIsBlocked(@ForAll("cases") Case c) {
        // The generated blackouts last days, not years, so only the weekdays can close every window.
        InstallOpening o = c.timing().nextOpening(c.from(), c.released());
        assertEquals(c.policy().blockedDays().size() == DayOfWeek.values().length, o.never(), String.valueOf(o));
    }

    @Property(tries = 200)
    void theDecisionReportsTheSameChanceWhileItWaits(@ForAll("cases") Case c) {
        Decision d = decide(c, c.from());
        if (d.verdict() == Verdict.INSTALL_NOW) {
            return;
        }
        InstallOpening o = c.timing().nextOpening(c.from(), c.released());
        InstallChance chance = d.chance();
        assertEquals(c.policy().timeZone(), chance.zone());
        if (o.never()) {
            assertEquals(InstallChance.Kind.NEVER, chance.kind());
        } else {
            assertEquals(InstallChance.at(o.at(), Checks.of(o.decidedBy()), c.policy().timeZone()), chance);
        }
    }

    private static Decision decide(Case c, Instant now) {
        Manifest m = new Manifest("Spruce", Version.parse("12.10.11"), Version.parse("12.10.0"), Channel.STABLE, true,
                false, c.released(), false, List.of());
        return PatchDecider.decide(PatchFacts.onTick(m, Version.parse("12.10.10")), c.policy(), now,
                PreconditionProbe.NONE);
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<ZoneId> zones = Arbitraries.oneOf(Arbitraries.of(AWKWARD),
                Arbitraries.of(ZoneId.getAvailableZoneIds().stream().sorted().toList())).map(ZoneId::of);
        Arbitrary<Instant> froms = Arbitraries.longs().between(EARLIEST.getEpochSecond(), LATEST.getEpochSecond())
                .map(Instant::ofEpochSecond);
        Arbitrary<InstallWindow> windows = Combinators.combine(times(), times(), Arbitraries.integers().between(0, 9))
                .as((a, b, allDay) -> allDay == 0 ? new InstallWindow(a, a) : new InstallWindow(a, b));
        Arbitrary<Set<DayOfWeek>> blocked = Arbitraries.oneOf(
                Arbitraries.of(DayOfWeek.class).set().ofMaxSize(6),
                Arbitraries.just(EnumSet.allOf(DayOfWeek.class)));
        Arbitrary<Integer> waitDays = Arbitraries.integers().between(0, 4);
        Arbitrary<Long> releasedBefore = Arbitraries.longs().between(-Duration.ofDays(2).toMinutes(), Duration.ofDays(6).toMinutes());
        Arbitrary<List<Tuple.Tuple2<Long, Long>>> spans = Combinators.combine(
                Arbitraries.longs().between(-Duration.ofDays(2).toMinutes(), Duration.ofDays(8).toMinutes()),
                Arbitraries.longs().between(1, Duration.ofDays(2).toMinutes())).as(Tuple::of).list().ofMaxSize(3);
        Arbitrary<List<Long>> billing = Arbitraries.longs().between(-Duration.ofDays(2).toMinutes(), Duration.ofDays(8).toMinutes())
                .list().ofMaxSize(2);
        Arbitrary<Long> margin = Arbitraries.longs().between(0, Duration.ofHours(30).toMinutes());
        return Combinators.combine(zones, froms, windows, blocked, waitDays, releasedBefore, spans, billing)
                .flatAs((zone, from, window, days, wait, before, blackouts, runs) -> margin.map(m -> {
                    LocalDateTime local = LocalDateTime.ofInstant(from, zone).truncatedTo(ChronoUnit.MINUTES);
                    SitePolicy p = SitePolicy.defaults(zone).withWindow(window).withBlockedDays(days).withWaitDays(wait)
                            .withBlackouts(blackouts.stream().map(s -> new Blackout(local.plusMinutes(s.get1()),
                                    local.plusMinutes(s.get1() + s.get2()))).toList())
                            .withBillingRuns(runs.stream().map(local::plusMinutes).toList())
                            .withBillingMargin(Duration.ofMinutes(m));
                    return new Case(p, from, from.minus(Duration.ofMinutes(before)));
                }));
    }

    /** Times of day, often in the small hours where clocks change. */
    private static Arbitrary<LocalTime> times() {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(0, 23), Arbitraries.of(0, 15, 30, 45))
                        .as(LocalTime::of),
                Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 59))
                        .as(LocalTime::of));
    }
}

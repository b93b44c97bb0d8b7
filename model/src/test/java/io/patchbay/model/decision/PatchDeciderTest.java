package io.patchbay.model.decision;

import io.patchbay.model.kit.Manifest;
import io.patchbay.model.policy.Blackout;
import io.patchbay.model.policy.InstallMode;
import io.patchbay.model.policy.InstallWindow;
import io.patchbay.model.policy.SitePolicy;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.CheckOutcome;
import io.patchbay.model.report.CheckRow;
import io.patchbay.model.report.InstallChance;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatchDeciderTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final PreconditionProbe OK = c -> PreconditionProbe.Result.passed();
    /** Monday 2026-11-16 09:00 in Paris. */
    static final Instant MONDAY_RELEASE = paris("2026-11-16T09:00");

    static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    static Manifest manifest(String version, String requires, boolean automatic, boolean major, Instant released) {
        return new Manifest("Spruce", Version.parse(version), Version.parse(requires), Channel.STABLE, automatic, major,
                released, false, List.of());
    }

    static PatchFacts patch(String version, String installed) {
        return PatchFacts.onTick(manifest(version, "12.10.0", true, false, MONDAY_RELEASE),
                installed == null ? null : Version.parse(installed));
    }

    static final PatchFacts NEW_PATCH = patch("12.10.11", "12.10.10");
    /** Released long before the daylight-saving dates the tests walk through. */
    static final PatchFacts JANUARY_PATCH = PatchFacts.onTick(
            manifest("12.10.11", "12.10.0", true, false, paris("2026-01-05T09:00")), Version.parse("12.10.10"));
    static final SitePolicy ANY_TIME = SitePolicy.defaults(PARIS).withWindow(InstallWindow.ANY);

    static Decision decide(PatchFacts f, SitePolicy p, Instant now) {
        return PatchDecider.decide(f, p, now, OK);
    }

    /** Walks the clock in {@code step}s from {@code from}, as ticks would, to the first "install now". */
    static Instant firstInstall(PatchFacts f, SitePolicy p, Instant from, Duration step) {
        for (Instant t = from; t.isBefore(from.plus(Duration.ofDays(60))); t = t.plus(step)) {
            if (decide(f, p, t).verdict() == Verdict.INSTALL_NOW) {
                return t;
            }
        }
        return null;
    }

    static List<String> names(Decision d) {
        return d.checks().stream().map(CheckRow::check).toList();
    }

    // --- the seed's examples -------------------------------------------------------------------

    @Test
    void releasedMondayWithThreeWaitDaysInstallsThursdayNight() {
        SitePolicy spruce = SitePolicy.spruceExample(PARIS);
        assertEquals(3, spruce.waitDays());
        Instant first = firstInstall(NEW_PATCH, spruce, MONDAY_RELEASE, Duration.ofMinutes(15));
        assertEquals(paris("2026-11-19T22:00"), first);
        assertEquals(first, decide(NEW_PATCH, spruce, MONDAY_RELEASE).nextOpportunity());
    }

    @Test
    void fourWaitDaysWithFridayAndSaturdayBlockedInstallsSundayAsTheSeedsExampleSays() {
        SitePolicy p = SitePolicy.defaults(PARIS).withWaitDays(4).withBlockedDays(EnumSet.of(FRIDAY, SATURDAY));
        assertEquals(paris("2026-11-22T22:00"), firstInstall(NEW_PATCH, p, MONDAY_RELEASE, Duration.ofMinutes(15)));
    }

    @Test
    void fourWaitDaysWithFridayToSundayBlockedInstallsMondayAsTheSeedsChecklistSays() {
        SitePolicy p = SitePolicy.spruceExample(PARIS).withWaitDays(4);
        Instant first = firstInstall(NEW_PATCH, p, MONDAY_RELEASE, Duration.ofMinutes(15));
        assertEquals(paris("2026-11-23T22:00"), first);
        assertEquals(first, decide(NEW_PATCH, p, MONDAY_RELEASE).nextOpportunity());
    }

    @Test
    void waitDaysCountSiteDatesNotTwentyFourHourPeriods() {
        // Released Monday 23:59 in Paris: one wait day means Tuesday, one minute later.
        PatchFacts late = PatchFacts.onTick(manifest("12.10.11", "12.10.0", true, false, paris("2026-11-16T23:59")),
                Version.parse("12.10.10"));
        SitePolicy p = ANY_TIME.withWaitDays(1);
        assertEquals(paris("2026-11-17T00:00"), firstInstall(late, p, paris("2026-11-16T23:59"), Duration.ofMinutes(1)));
        Decision waiting = decide(late, p, paris("2026-11-16T23:59"));
        assertEquals(Checks.WAIT_DAYS, waiting.decidingCheck().check());
        assertEquals("released Monday 2026-11-16 with 1 wait day: may install from Tuesday 2026-11-17 (Europe/Paris)",
                waiting.reason());
        assertEquals(paris("2026-11-17T00:00"), waiting.until());
    }

    @Test
    void nextOpportunityIsTheFirstTickThatInstalls() {
        SitePolicy busy = SitePolicy.spruceExample(PARIS)
                .withBillingRuns(List.of(LocalDateTime.parse("2026-11-26T02:00"), LocalDateTime.parse("2026-12-03T22:30")))
                .withBlackouts(List.of(Blackout.parse("2026-11-30T23:00/2026-12-01T04:15")));
        for (int hours = 0; hours < 24 * 21; hours += 17) {
            Instant start = MONDAY_RELEASE.plus(Duration.ofHours(hours));
            Decision d = decide(NEW_PATCH, busy, start);
            Instant expected = d.verdict() == Verdict.INSTALL_NOW ? start : d.nextOpportunity();
            assertEquals(firstInstall(NEW_PATCH, busy, start, Duration.ofMinutes(15)), expected, "from " + start);
        }
    }

    // --- order -----------------------------------------------------------------------------------

    @Test
    void aPatchPassingEveryCheckWritesOneRowPerCheckInTheDesignOrder() {
        Decision d = decide(NEW_PATCH, ANY_TIME, paris("2026-11-17T10:00"));
        assertEquals(Verdict.INSTALL_NOW, d.verdict());
        assertEquals(Checks.ORDER, names(d));
        assertTrue(d.checks().stream().allMatch(r -> r.outcome() == CheckOutcome.PASS && r.at().equals(paris("2026-11-17T10:00"))));
    }

    @Test
    void aPatchFailingTwoRulesReportsTheFirstAndStopsThere() {
        Decision pulledAndBroken = decide(NEW_PATCH.withPulled(true).withIntact(false), ANY_TIME, MONDAY_RELEASE);
        assertEquals(Checks.PULLED, pulledAndBroken.decidingCheck().check());
        assertEquals(List.of(Checks.UP_TO_DATE, Checks.PULLED), names(pulledAndBroken));

        // Saturday 10:00 is both a blocked weekday and outside the window: the weekday is reported.
        SitePolicy spruce = SitePolicy.spruceExample(PARIS).withWaitDays(0);
        Decision saturday = decide(NEW_PATCH, spruce, paris("2026-11-21T10:00"));
        assertEquals(Checks.BLOCKED_WEEKDAY, saturday.decidingCheck().check());
        assertEquals("Saturday is a blocked weekday (blocked-days=fri,sat,sun)", saturday.reason());
        assertEquals(paris("2026-11-23T22:00"), saturday.until());

        Decision holdAndMajor = decide(patch("13.0.0", "12.10.10"), ANY_TIME.withSupportHold(true), MONDAY_RELEASE);
        assertEquals(Checks.SUPPORT_HOLD, holdAndMajor.decidingCheck().check());
    }

    // --- each rule -------------------------------------------------------------------------------

    @Test
    void theInstalledVersionIsUpToDate() {
        Decision d = decide(patch("12.10.11", "12.10.11"), ANY_TIME, MONDAY_RELEASE);
        assertEquals(Verdict.UP_TO_DATE, d.verdict());
        assertEquals("Spruce 12.10.11 is already installed", d.reason());
        assertEquals(1, d.checks().size());
    }

    @Test
    void aPulledReleaseStopsAndIsReportedPulled() {
        Decision d = decide(NEW_PATCH.withPulled(true), ANY_TIME, MONDAY_RELEASE);
        assertEquals(Verdict.STOP, d.verdict());
        assertEquals("the release Spruce 12.10.11 was pulled; it will not install", d.reason());
        assertEquals(io.patchbay.model.report.PatchState.PULLED, d.reportState());
    }

    @Test
    void aPulledReleaseSaysTheVendorsWhenAndWhyWhenItsNoticeGaveThem() {
        Instant pulledAt = Instant.parse("2026-11-23T09:30:00Z");
        Decision d = decide(NEW_PATCH.withPull(new PatchFacts.Pull(pulledAt, "export job fails")), ANY_TIME,
                MONDAY_RELEASE);
        String why = "the release Spruce 12.10.11 was pulled by the vendor on 2026-11-23T09:30:00Z: export job fails;"
                + " it will not install";
        assertEquals(why, d.reason());
        assertEquals(why, d.decidingCheck().reason(), "the row says it too: nothing rewrites the decision afterwards");
    }

    @Test
    void aPostponedPatchWaitsForAnOperatorOnATickWhateverTheModeButNotWhenAnOperatorInstalls() {
        PatchFacts postponed = NEW_PATCH.withPostponed(true);

        Decision d = decide(postponed, ANY_TIME, MONDAY_RELEASE);

        assertEquals(Verdict.WAIT, d.verdict());
        assertEquals(Checks.INSTALL_MODE, d.decidingCheck().check());
        assertEquals("postponed by an operator: waits for 'agent install' or 'agent schedule'", d.reason());
        assertEquals(InstallChance.operator(Checks.INSTALL_MODE, PARIS), d.chance());
        assertFalse(d.notifyAdmin());
        assertEquals(Verdict.INSTALL_NOW, decide(postponed.withTrigger(Trigger.INSTALL_NOW), ANY_TIME, MONDAY_RELEASE)
                .verdict());
    }

    @Test
    void aTimeAnOperatorSetInstallsAtItOnATickEvenOnAnAutomaticSite() {
        Instant at = paris("2026-12-01T23:00");
        PatchFacts scheduled = NEW_PATCH.withScheduledAt(at);

        Decision before = decide(scheduled, ANY_TIME, MONDAY_RELEASE);

        assertEquals(Verdict.SCHEDULED, before.verdict());
        assertEquals("scheduled for 2026-12-01 23:00 (Europe/Paris)", before.reason());
        assertEquals(Verdict.INSTALL_NOW, decide(scheduled, ANY_TIME, at).verdict());
    }

    @Test
    void aKitThatChangedSinceVerificationIsRefused() {
        Decision d = decide(NEW_PATCH.withIntact(false), ANY_TIME, MONDAY_RELEASE);
        assertEquals(Verdict.REFUSED, d.verdict());
        assertEquals(Checks.INTEGRITY, d.decidingCheck().check());
    }

    @Test
    void aReplayedOlderVersionIsRefused() {
        Decision d = decide(patch("12.10.9", "12.10.11"), ANY_TIME, MONDAY_RELEASE);
        assertEquals(Verdict.REFUSED, d.verdict());
        assertEquals("12.10.9 is older than the installed 12.10.11: refused as a replay "
                + "(only an operator's rollback installs an older version)", d.reason());
        assertEquals(Verdict.REFUSED, decide(patch("12.10.9", "12.10.11").withTrigger(Trigger.INSTALL_NOW),
                ANY_TIME, MONDAY_RELEASE).verdict());
    }

    @Test
    void anOperatorsForcedRollbackInstallsTheOlderVersionOutsideTheWindow() {
        SitePolicy nights = SitePolicy.defaults(PARIS);
        Decision d = decide(patch("12.10.10", "12.10.11").withTrigger(Trigger.ROLLBACK), nights, paris("2026-11-17T12:00"));
        assertEquals(Verdict.INSTALL_NOW, d.verdict());
        assertEquals("rollback forced by an operator: from 12.10.11 back to 12.10.10",
                d.checks().get(Checks.ORDER.indexOf(Checks.DOWNGRADE)).reason());
    }

    @Test
    void anInstalledVersionBelowRequiresIsRefused() {
        Decision d = decide(patch("12.10.11", "12.9.5"), ANY_TIME, MONDAY_RELEASE);
        assertEquals(Verdict.REFUSED, d.verdict());
        assertEquals("requires Spruce 12.10.0 or later installed; 12.9.5 is", d.reason());
        PatchFacts firstInstall = PatchFacts.onTick(manifest("12.10.11", "0", true, false, MONDAY_RELEASE), null);
        assertEquals(Verdict.INSTALL_NOW, decide(firstInstall, ANY_TIME, MONDAY_RELEASE).verdict());
    }

    @Test
    void aSiteWithNoRecordedVersionTakesTheFirstKitAsItsBaseline() {
        Decision d = decide(patch("12.10.11", null), ANY_TIME, MONDAY_RELEASE);
        assertEquals(Verdict.INSTALL_NOW, d.verdict());
        assertEquals("requires 12.10.0 or later: no installed version recorded, not checked (this kit sets the baseline)",
                d.checks().get(Checks.ORDER.indexOf(Checks.REQUIRES)).reason());
    }

    @Test
    void supportHoldStopsTicksAndOperatorsAlike() {
        SitePolicy hold = ANY_TIME.withSupportHold(true);
        assertEquals(Verdict.STOP, decide(NEW_PATCH, hold, MONDAY_RELEASE).verdict());
        Decision d = decide(NEW_PATCH.withTrigger(Trigger.INSTALL_NOW), hold, MONDAY_RELEASE);
        assertEquals(Verdict.STOP, d.verdict());
        assertEquals(Checks.SUPPORT_HOLD, d.decidingCheck().check());
        assertEquals(io.patchbay.model.report.PatchState.HELD, d.reportState());
    }

    @Test
    void aManualOnlyReleaseNotifiesTheAdministratorOnceAndWaitsForAnOperator() {
        PatchFacts yearly = PatchFacts.onTick(manifest("12.11.0", "12.10.0", false, false, MONDAY_RELEASE),
                Version.parse("12.10.11"));
        Decision first = decide(yearly, ANY_TIME, MONDAY_RELEASE);
        assertEquals(Verdict.WAIT, first.verdict());
        assertTrue(first.notifyAdmin());
        assertEquals("Spruce 12.11.0 must be installed manually: waiting for an operator; notifying the administrator",
                first.reason());
        Decision later = decide(yearly.withAdminNotified(true), ANY_TIME, MONDAY_RELEASE.plusSeconds(60));
        assertFalse(later.notifyAdmin());
        assertEquals(Verdict.WAIT, later.verdict());
        assertNull(later.nextOpportunity());
        assertEquals(Verdict.INSTALL_NOW, decide(yearly.withTrigger(Trigger.INSTALL_NOW), ANY_TIME, MONDAY_RELEASE).verdict());
    }

    @Test
    void aManualOnlyReleaseAnOperatorScheduledInstallsAtItsTimeWithinTheTimingRules() {
        PatchFacts yearly = PatchFacts.onTick(manifest("12.11.0", "12.10.0", false, false, MONDAY_RELEASE),
                Version.parse("12.10.11")).withAdminNotified(true);
        SitePolicy nights = SitePolicy.defaults(PARIS).withMode(InstallMode.SCHEDULED);
        PatchFacts scheduled = yearly.withScheduledAt(paris("2026-12-01T12:00"));

        Decision before = decide(scheduled, nights, MONDAY_RELEASE);

        assertEquals(Checks.INSTALL_WINDOW, before.decidingCheck().check(), before.reason());
        assertEquals("manual-only release, scheduled by an operator", before.checks().stream()
                .filter(r -> r.check().equals(Checks.MANUAL_ONLY)).findFirst().orElseThrow().reason());
        // Noon is outside the 22:00-07:00 window: the schedule waits for it to open.
        assertEquals(paris("2026-12-01T22:00"), firstInstall(scheduled, nights, MONDAY_RELEASE, Duration.ofMinutes(30)));
        assertEquals(Verdict.WAIT, decide(yearly, nights, paris("2026-12-01T22:00")).verdict(), "unscheduled, it still waits");
    }

    @Test
    void aMajorUpgradeStopsUnlessTheSiteAllowsItOrAnOperatorInstalls() {
        PatchFacts flagged = PatchFacts.onTick(manifest("12.11.0", "12.10.0", true, true, MONDAY_RELEASE),
                Version.parse("12.10.11"));
        Decision d = decide(flagged, ANY_TIME, MONDAY_RELEASE);
        assertEquals(Verdict.STOP, d.verdict());
        assertEquals(Checks.MAJOR_UPGRADE, d.decidingCheck().check());
        assertEquals(Verdict.INSTALL_NOW, decide(flagged, ANY_TIME.withAllowMajor(true), MONDAY_RELEASE).verdict());
        assertEquals(Verdict.INSTALL_NOW, decide(flagged.withTrigger(Trigger.INSTALL_NOW), ANY_TIME, MONDAY_RELEASE).verdict());
        // A higher first version number is a major upgrade even without the flag.
        assertEquals(Verdict.STOP, decide(patch("13.0.0", "12.10.11"), ANY_TIME, MONDAY_RELEASE).verdict());
    }

    @Test
    void outsideAWindowAcrossMidnightWaitsAndNamesTheNextOpeningInTheSitesZone() {
        SitePolicy nights = SitePolicy.defaults(PARIS);
        assertEquals(Verdict.INSTALL_NOW, decide(NEW_PATCH, nights, paris("2026-11-19T23:30")).verdict());
        assertEquals(Verdict.INSTALL_NOW, decide(NEW_PATCH, nights, paris("2026-11-20T06:59")).verdict());
        Decision morning = decide(NEW_PATCH, nights, paris("2026-11-23T07:00"));
        assertEquals(Verdict.WAIT, morning.verdict());
        assertEquals("outside the install window 22:00-07:00 (Europe/Paris); opens 2026-11-23 22:00", morning.reason());
        assertEquals(paris("2026-11-23T22:00"), morning.until());
        assertEquals(paris("2026-11-23T22:00"), morning.nextOpportunity());
    }

    @Test
    void aWindowThatOpenedOnAnAllowedDayRunsPastMidnightIntoABlockedDay() {
        SitePolicy spruce = SitePolicy.spruceExample(PARIS).withWaitDays(0);
        // Thursday's window runs into Friday morning; Friday's own window does not open.
        assertEquals(Verdict.INSTALL_NOW, decide(NEW_PATCH, spruce, paris("2026-11-20T02:00")).verdict());
        assertEquals(Checks.BLOCKED_WEEKDAY, decide(NEW_PATCH, spruce, paris("2026-11-20T22:00")).decidingCheck().check());
        // Sunday's window would run into Monday: Sunday is blocked, so Monday 02:00 waits.
        assertEquals(Checks.BLOCKED_WEEKDAY, decide(NEW_PATCH, spruce, paris("2026-11-23T02:00")).decidingCheck().check());
    }

    @Test
    void withinTwentyFourHoursEitherSideOfABillingRunNothingInstalls() {
        SitePolicy billing = ANY_TIME.withBillingRuns(List.of(LocalDateTime.parse("2026-12-01T02:00")));
        assertEquals(Verdict.INSTALL_NOW, decide(NEW_PATCH, billing, paris("2026-11-30T01:59")).verdict());
        Decision d = decide(NEW_PATCH, billing, paris("2026-11-30T02:00"));
        assertEquals(Verdict.WAIT, d.verdict());
        assertEquals("within 24 h of the billing run 2026-12-01 02:00 (Europe/Paris); "
                + "installing allowed again from 2026-12-02 02:00 (Europe/Paris)", d.reason());
        assertEquals(paris("2026-12-02T02:00"), d.until());
        assertEquals(Verdict.WAIT, decide(NEW_PATCH, billing, paris("2026-12-02T01:59")).verdict());
        assertEquals(Verdict.INSTALL_NOW, decide(NEW_PATCH, billing, paris("2026-12-02T02:00")).verdict());
    }

    @Test
    void touchingBlackoutsAreWaitedOutTogether() {
        SitePolicy p = ANY_TIME.withBlackouts(List.of(Blackout.parse("2026-12-01T00:00/2026-12-02T00:00"),
                Blackout.parse("2026-12-02T00:00/2026-12-02T06:00")));
        Decision d = decide(NEW_PATCH, p, paris("2026-12-01T12:00"));
        assertEquals("inside the blackout 2026-12-01 00:00 to 2026-12-02 00:00 (Europe/Paris); "
                + "installing allowed again from 2026-12-02 06:00 (Europe/Paris)", d.reason());
        assertEquals(paris("2026-12-02T06:00"), d.nextOpportunity());
    }

    @Test
    void aFailingPreconditionWaitsAndABypassSkipsTheProbe() {
        SitePolicy p = ANY_TIME.withPrecondition("check-suspended-transactions");
        AtomicInteger calls = new AtomicInteger();
        PreconditionProbe failing = c -> {
            calls.incrementAndGet();
            assertEquals("check-suspended-transactions", c);
            return PreconditionProbe.Result.failed("exit 1: 3 suspended transactions");
        };
        Decision d = PatchDecider.decide(NEW_PATCH, p, MONDAY_RELEASE, failing);
        assertEquals(Verdict.WAIT, d.verdict());
        assertEquals("precondition failed: exit 1: 3 suspended transactions; tried again on the next tick", d.reason());
        assertEquals(1, calls.get());

        Decision bypassed = PatchDecider.decide(NEW_PATCH, p.withPreconditionBypass(true), MONDAY_RELEASE, failing);
        assertEquals(Verdict.INSTALL_NOW, bypassed.verdict());
        assertEquals(1, calls.get());
    }

    @Test
    void thePreconditionProbeIsNotCalledWhenAnEarlierCheckFails() {
        SitePolicy p = SitePolicy.defaults(PARIS).withPrecondition("costly");
        AtomicInteger calls = new AtomicInteger();
        PreconditionProbe counting = c -> {
            calls.incrementAndGet();
            return PreconditionProbe.Result.passed();
        };
        PatchDecider.decide(NEW_PATCH, p, paris("2026-11-17T12:00"), counting);
        assertEquals(0, calls.get());
        PatchDecider.decide(NEW_PATCH, p, paris("2026-11-17T23:00"), counting);
        assertEquals(1, calls.get());
    }

    @Test
    void operatorInstallNowSkipsTimingButNeverIntegrityDowngradeOrPulled() {
        SitePolicy strict = SitePolicy.spruceExample(PARIS).withWaitDays(30).withMode(InstallMode.MANUAL)
                .withBlackouts(List.of(Blackout.parse("2026-11-01T00:00/2026-12-31T00:00")));
        PatchFacts now = NEW_PATCH.withTrigger(Trigger.INSTALL_NOW);
        Decision d = decide(now, strict, paris("2026-11-21T12:00"));
        assertEquals(Verdict.INSTALL_NOW, d.verdict());
        assertEquals("skipped: an operator asked to install now",
                d.checks().get(Checks.ORDER.indexOf(Checks.INSTALL_WINDOW)).reason());
        assertEquals(Verdict.REFUSED, decide(now.withIntact(false), strict, MONDAY_RELEASE).verdict());
        assertEquals(Verdict.STOP, decide(now.withPulled(true), strict, MONDAY_RELEASE).verdict());
        assertEquals(Verdict.REFUSED,
                decide(patch("12.10.9", "12.10.10").withTrigger(Trigger.INSTALL_NOW), strict, MONDAY_RELEASE).verdict());
    }

    @Test
    void scheduledModeWaitsForThePatchsTimeThenInstalls() {
        SitePolicy p = ANY_TIME.withMode(InstallMode.SCHEDULED);
        Decision unset = decide(NEW_PATCH, p, MONDAY_RELEASE);
        assertEquals(Verdict.WAIT, unset.verdict());
        assertNull(unset.nextOpportunity());

        Instant at = paris("2026-12-01T23:00");
        PatchFacts scheduled = NEW_PATCH.withScheduledAt(at);
        Decision before = decide(scheduled, p, MONDAY_RELEASE);
        assertEquals(Verdict.SCHEDULED, before.verdict());
        assertEquals(at, before.until());
        assertEquals("scheduled for 2026-12-01 23:00 (Europe/Paris)", before.reason());
        assertEquals(Verdict.INSTALL_NOW, decide(scheduled, p, at).verdict());
    }

    @Test
    void aScheduledTimeOutsideTheWindowInstallsWhenTheWindowNextOpens() {
        SitePolicy p = SitePolicy.defaults(PARIS).withMode(InstallMode.SCHEDULED);
        PatchFacts scheduled = NEW_PATCH.withScheduledAt(paris("2026-12-01T12:00"));
        assertEquals(paris("2026-12-01T22:00"), decide(scheduled, p, MONDAY_RELEASE).nextOpportunity());
        assertEquals(paris("2026-12-01T22:00"), firstInstall(scheduled, p, MONDAY_RELEASE, Duration.ofMinutes(30)));
    }

    @Test
    void manualModeWaitsForAnOperator() {
        Decision d = decide(NEW_PATCH, ANY_TIME.withMode(InstallMode.MANUAL), MONDAY_RELEASE);
        assertEquals(Verdict.WAIT, d.verdict());
        assertEquals(Checks.INSTALL_MODE, d.decidingCheck().check());
        assertNull(d.nextOpportunity());
    }

    // --- daylight-saving changes -------------------------------------------------------------

    /** Minutes during the night of {@code day} (noon to noon, real time) in which a tick would install. */
    static long minutesOpen(SitePolicy p, ZonedDateTime noon) {
        long open = 0;
        for (Instant t = noon.toInstant(); t.isBefore(noon.toInstant().plus(Duration.ofHours(24))); t = t.plusSeconds(60)) {
            if (decide(JANUARY_PATCH, p, t).verdict() == Verdict.INSTALL_NOW) {
                open++;
            }
        }
        return open;
    }

    @Test
    void onTheSpringForwardNightAWindow0130To0300IsOpenHalfAnHourInParisAndNewYork() {
        SitePolicy paris = SitePolicy.defaults(PARIS).withWindow(InstallWindow.parse("01:30-03:00"));
        assertEquals(30, minutesOpen(paris, ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, PARIS)));
        assertEquals(Instant.parse("2026-03-29T00:30:00Z"),
                decide(JANUARY_PATCH, paris, Instant.parse("2026-03-28T12:00:00Z")).nextOpportunity());
        SitePolicy ny = SitePolicy.defaults(NEW_YORK).withWindow(InstallWindow.parse("01:30-03:00"));
        assertEquals(30, minutesOpen(ny, ZonedDateTime.of(2026, 3, 7, 12, 0, 0, 0, NEW_YORK)));
        assertEquals(90, minutesOpen(ny, ZonedDateTime.of(2026, 3, 14, 12, 0, 0, 0, NEW_YORK)));
    }

    @Test
    void aWindowInsideTheSkippedHourDoesNotOpenThatNight() {
        SitePolicy p = SitePolicy.defaults(PARIS).withWindow(InstallWindow.parse("02:00-02:30"));
        assertEquals(0, minutesOpen(p, ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, PARIS)));
        Decision d = decide(JANUARY_PATCH, p, Instant.parse("2026-03-28T12:00:00Z"));
        assertEquals(ZonedDateTime.of(2026, 3, 30, 2, 0, 0, 0, PARIS).toInstant(), d.nextOpportunity());
    }

    @Test
    void onTheFallBackNightA2200To0700WindowIsOpenTenHours() {
        SitePolicy paris = SitePolicy.defaults(PARIS);
        assertEquals(600, minutesOpen(paris, ZonedDateTime.of(2026, 10, 24, 12, 0, 0, 0, PARIS)));
        assertEquals(540, minutesOpen(paris, ZonedDateTime.of(2026, 10, 31, 12, 0, 0, 0, PARIS)));
        SitePolicy ny = SitePolicy.defaults(NEW_YORK);
        assertEquals(600, minutesOpen(ny, ZonedDateTime.of(2026, 10, 31, 12, 0, 0, 0, NEW_YORK)));
    }

    @Test
    void aWindowInTheRepeatedHourOpensOnlyAtItsFirstOccurrence() {
        SitePolicy ny = SitePolicy.defaults(NEW_YORK).withWindow(InstallWindow.parse("01:00-01:30"));
        assertEquals(30, minutesOpen(ny, ZonedDateTime.of(2026, 10, 31, 12, 0, 0, 0, NEW_YORK)));
        assertEquals(Verdict.INSTALL_NOW, decide(JANUARY_PATCH, ny, Instant.parse("2026-11-01T05:10:00Z")).verdict()); // 01:10 EDT
        assertEquals(Verdict.WAIT, decide(JANUARY_PATCH, ny, Instant.parse("2026-11-01T06:10:00Z")).verdict()); // 01:10 EST
    }

    @Test
    void blockedDaysWithEveryWeekdayBlockedNeverOffersAnOpportunity() {
        SitePolicy closed = ANY_TIME.withBlockedDays(EnumSet.allOf(DayOfWeek.class));
        Decision d = decide(JANUARY_PATCH, closed, MONDAY_RELEASE);
        assertEquals(Verdict.WAIT, d.verdict());
        assertNull(d.until());
        assertNull(d.nextOpportunity());
    }

    // --- the next install chance ------------------------------------------------------------------

    @Test
    void aWaitingPatchsChanceNamesTheRuleThatOpensIt() {
        SitePolicy spruce = SitePolicy.spruceExample(PARIS);
        assertEquals(InstallChance.at(paris("2026-11-19T22:00"), Checks.WAIT_DAYS, PARIS),
                decide(NEW_PATCH, spruce, MONDAY_RELEASE).chance());
        // With an all-day window the wait days alone decide: Thursday at midnight.
        assertEquals(InstallChance.at(paris("2026-11-19T00:00"), Checks.WAIT_DAYS, PARIS),
                decide(NEW_PATCH, ANY_TIME.withWaitDays(3), MONDAY_RELEASE).chance());
        // Thursday noon: the wait days have passed, the window opens at 22:00.
        assertEquals(InstallChance.at(paris("2026-11-19T22:00"), Checks.INSTALL_WINDOW, PARIS),
                decide(NEW_PATCH, spruce, paris("2026-11-19T12:00")).chance());
        // Friday noon: Friday to Sunday are blocked, so Monday's window.
        assertEquals(InstallChance.at(paris("2026-11-23T22:00"), Checks.BLOCKED_WEEKDAY, PARIS),
                decide(NEW_PATCH, spruce, paris("2026-11-20T12:00")).chance());
    }

    @Test
    void aBlackoutOverTheWindowPushesTheChanceToItsEnd() {
        SitePolicy p = SitePolicy.defaults(PARIS).withBlackouts(List.of(Blackout.parse("2026-11-17T20:00/2026-11-18T01:30")));
        assertEquals(InstallChance.at(paris("2026-11-18T01:30"), Checks.BLACKOUT, PARIS),
                decide(NEW_PATCH, p, paris("2026-11-17T12:00")).chance());
    }

    @Test
    void aPatchWaitingForAPersonHasNoTimeButSaysWho() {
        SitePolicy manual = ANY_TIME.withMode(InstallMode.MANUAL);
        assertEquals(InstallChance.operator(Checks.INSTALL_MODE, PARIS), decide(NEW_PATCH, manual, MONDAY_RELEASE).chance());
        PatchFacts manualOnly = PatchFacts.onTick(manifest("12.10.11", "12.10.0", false, false, MONDAY_RELEASE),
                Version.parse("12.10.10"));
        assertEquals(InstallChance.operator(Checks.MANUAL_ONLY, PARIS), decide(manualOnly, ANY_TIME, MONDAY_RELEASE).chance());
    }

    @Test
    void everyWeekdayBlockedIsNeverAndSaysWhy() {
        SitePolicy closed = ANY_TIME.withBlockedDays(EnumSet.allOf(DayOfWeek.class));
        assertEquals(InstallChance.never(Checks.BLOCKED_WEEKDAY, PARIS), decide(JANUARY_PATCH, closed, MONDAY_RELEASE).chance());
    }

    @Test
    void aScheduledTimeTheRulesAllowDecidesByTheInstallMode() {
        Instant at = paris("2026-12-01T23:00");
        Decision d = decide(NEW_PATCH.withScheduledAt(at), SitePolicy.defaults(PARIS).withMode(InstallMode.SCHEDULED),
                paris("2026-11-30T12:00"));
        assertEquals(InstallChance.at(at, Checks.INSTALL_MODE, PARIS), d.chance());
    }
}

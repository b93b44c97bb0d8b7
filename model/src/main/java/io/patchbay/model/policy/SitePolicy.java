package io.patchbay.model.policy;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.patchbay.model.PatchbayException;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A site's rules deciding when a patch may install. Kept in the agent's home as JSON
 * ({@link PolicyStore}); changed one key at a time through {@link PolicyCodec}. A patch's scheduled
 * time (scheduled mode) belongs to the patch, not here.
 *
 * @param mode               automatic, scheduled or manual
 * @param waitDays           a release installs from the day {@code released + waitDays} (site's dates)
 * @param window             the daily install window, opening at the daily start time
 * @param timeZone           the site's zone: windows, dates, blackouts and reasons use it
 * @param blockedDays        weekdays on which no window opens (a window is "of" the day it opens)
 * @param blackouts          explicit spans of wall-clock time in which nothing installs
 * @param billingRuns        billing runs (wall-clock); nothing installs within {@code billingMargin}
 *                           either side of one
 * @param billingMargin      the margin around a billing run, 24 h by default
 * @param supportHold        the vendor put this site on hold: nothing installs, not even by an operator
 * @param allowMajor         a major upgrade may install without an operator
 * @param precondition       a command that must succeed before installing (null: none)
 * @param preconditionBypass skip the precondition (set by support on request)
 * @param signatures         how many distinct keys this site trusts must have signed a kit (two-person signing:
 *                           2 for a release manager and QA); a kit with fewer is refused on receipt
 */
public record SitePolicy(
        InstallMode mode,
        int waitDays,
        InstallWindow window,
        ZoneId timeZone,
        Set<DayOfWeek> blockedDays,
        List<Blackout> blackouts,
        List<LocalDateTime> billingRuns,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration billingMargin,
        boolean supportHold,
        boolean allowMajor,
        String precondition,
        boolean preconditionBypass,
        int signatures) {

    public static final Duration DEFAULT_BILLING_MARGIN = Duration.ofHours(24);
    /** Upper bound on wait days: a year and a bit; more is a typo, not a policy. */
    public static final int MAX_WAIT_DAYS = 400;
    /** As many signers as a kit may carry. */
    public static final int MAX_SIGNATURES = 8;

    public SitePolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(timeZone, "timeZone");
        if (waitDays < 0 || waitDays > MAX_WAIT_DAYS) {
            throw new PatchbayException("wait days must be 0 to " + MAX_WAIT_DAYS + ", not " + waitDays);
        }
        blockedDays = blockedDays == null || blockedDays.isEmpty()
                ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(blockedDays));
        blackouts = blackouts == null ? List.of() : List.copyOf(blackouts);
        billingRuns = billingRuns == null ? List.of() : billingRuns.stream().sorted().toList();
        billingMargin = billingMargin == null ? DEFAULT_BILLING_MARGIN : billingMargin;
        if (billingMargin.isNegative()) {
            throw new PatchbayException("billing margin must not be negative: " + billingMargin);
        }
        precondition = precondition == null || precondition.isBlank() ? null : precondition.strip();
        signatures = signatures == 0 ? 1 : signatures; // a policy written before the key existed
        if (signatures < 1 || signatures > MAX_SIGNATURES) {
            throw new PatchbayException("signatures must be 1 to " + MAX_SIGNATURES + ", not " + signatures);
        }
    }

    /**
     * A new site's policy: automatic, no wait days, off hours 22:00-07:00, no blocked weekdays, no
     * blackouts, no precondition; major upgrades need an operator.
     */
    public static SitePolicy defaults(ZoneId zone) {
        return new SitePolicy(InstallMode.AUTOMATIC, 0, new InstallWindow(LocalTime.of(22, 0), LocalTime.of(7, 0)),
                zone, Set.of(), List.of(), List.of(), DEFAULT_BILLING_MARGIN, false, false, null, false, 1);
    }

    /** Spruce's automatic updates as an example (not a default): 3 wait days, no Friday to Sunday. */
    public static SitePolicy spruceExample(ZoneId zone) {
        return defaults(zone).withWaitDays(3)
                .withBlockedDays(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    }

    public SitePolicy withMode(InstallMode v) {
        return new SitePolicy(v, waitDays, window, timeZone, blockedDays, blackouts, billingRuns, billingMargin,
                supportHold, allowMajor, precondition, preconditionBypass, signatures);
    }

    public SitePolicy withWaitDays(int v) {
        return new SitePolicy(mode, v, window, timeZone, blockedDays, blackouts, billingRuns, billingMargin,
                supportHold, allowMajor, precondition, preconditionBypass, signatures);
    }

    public SitePolicy withWindow(InstallWindow v) {
        return new SitePolicy(mode, waitDays, v, timeZone, blockedDays, blackouts, billingRuns, billingMargin,
                supportHold, allowMajor, precondition, preconditionBypass, signatures);
    }

    public SitePolicy withTimeZone(ZoneId v) {
        return new SitePolicy(mode, waitDays, window, v, blockedDays, blackouts, billingRuns, billingMargin,
                supportHold, allowMajor, precondition, preconditionBypass, signatures);
    }

    public SitePolicy withBlockedDays(Set<DayOfWeek> v) {
        return new SitePolicy(mode, waitDays, window, timeZone, v, blackouts, billingRuns, billingMargin,
                supportHold, allowMajor, precondition, preconditionBypass, signatures);
    }

    public SitePolicy withBlackouts(List<Blackout> v) {
        return new SitePolicy(mode, waitDays, window, timeZone, blockedDays, v, billingRuns, billingMargin,
                supportHold, allowMajor, precondition, preconditionBypass, signatures);
    }

    public SitePolicy withBillingRuns(List<LocalDateTime> v) {
        return new SitePolicy(mode, waitDays, window, timeZone, blockedDays, blackouts, v, billingMargin,
                supportHold, allowMajor, precondition, preconditionBypass, signatures);
    }

    public SitePolicy withBillingMargin(Duration v) {
        return new SitePolicy(mode, waitDays, window, timeZone, blockedDays, blackouts, billingRuns, v,
                supportHold, allowMajor, precondition, preconditionBypass, signatures);
    }

    public SitePolicy withSupportHold(boolean v) {
        return new SitePolicy(mode, waitDays, window, timeZone, blockedDays, blackouts, billingRuns, billingMargin,
                v, allowMajor, precondition, preconditionBypass, signatures);
    }

    public SitePolicy withAllowMajor(boolean v) {
        return new SitePolicy(mode, waitDays, window, timeZone, blockedDays, blackouts, billingRuns, billingMargin,
                supportHold, v, precondition, preconditionBypass, signatures);
    }

    public SitePolicy withPrecondition(String v) {
        return new SitePolicy(mode, waitDays, window, timeZone, blockedDays, blackouts, billingRuns, billingMargin,
                supportHold, allowMajor, v, preconditionBypass, signatures);
    }

    public SitePolicy withPreconditionBypass(boolean v) {
        return new SitePolicy(mode, waitDays, window, timeZone, blockedDays, blackouts, billingRuns, billingMargin,
                supportHold, allowMajor, precondition, v, signatures);
    }

    public SitePolicy withSignatures(int v) {
        return new SitePolicy(mode, waitDays, window, timeZone, blockedDays, blackouts, billingRuns, billingMargin,
                supportHold, allowMajor, precondition, preconditionBypass, v);
    }

    /** Every listed span in which nothing installs: blackouts, then billing runs with their margin. */
    public List<TimeRange> quietSpans() {
        var spans = new java.util.ArrayList<TimeRange>();
        for (Blackout b : blackouts) {
            spans.add(b.in(timeZone));
        }
        for (LocalDateTime run : billingRuns) {
            var at = SiteTimes.at(run, timeZone);
            spans.add(new TimeRange(at.minus(billingMargin), at.plus(billingMargin)));
        }
        return spans;
    }

    /** The listing {@code agent policy} prints: one line per key, with what it means. */
    public String describe() {
        return PolicyCodec.describe(this);
    }
}

package io.patchbay.model.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The timing rules of a {@link SitePolicy}: wait days, blocked weekdays, blackouts and billing runs,
 * and the daily install window, each answered for one instant, plus the earliest instant all of them
 * allow.
 *
 * <p>"The day" of an instant is the day whose install window contains it (a 22:00-07:00 window that
 * opened Thursday is Thursday's until 07:00 Friday), otherwise its date on the site's wall clock.
 * Weekday and wait-day rules look at that day, so a window is never cut in two at midnight.
 *
 * <p>Wait days: a release published at any time on day D (site's dates) may install from day
 * {@code D + waitDays}. Released Monday with 3 wait days: Thursday's window; with 0: Monday's.
 */
public final class InstallTiming {
    /**
     * How far past the first allowed day {@link #nextOpening} looks: a year and a month. A policy that
     * opens no window in that span (every weekday blocked, a blackout of years) never opens.
     */
    public static final int HORIZON_DAYS = 400;

    private final SitePolicy policy;
    private final List<TimeRange> quiet;

    public InstallTiming(SitePolicy policy) {
        this.policy = policy;
        this.quiet = policy.quietSpans();
    }

    public LocalDate dayOf(Instant t) {
        return policy.window().dayOf(t, policy.timeZone()).orElseGet(() -> SiteTimes.dateOf(t, policy.timeZone()));
    }

    /** The first day a release may install: its release date (site's dates) plus the wait days. */
    public LocalDate firstDay(Instant released) {
        return SiteTimes.dateOf(released, policy.timeZone()).plusDays(policy.waitDays());
    }

    public boolean waitDaysPassed(Instant t, Instant released) {
        return !dayOf(t).isBefore(firstDay(released));
    }

    public boolean blockedDay(Instant t) {
        return policy.blockedDays().contains(dayOf(t).getDayOfWeek());
    }

    public boolean inWindow(Instant t) {
        return policy.window().dayOf(t, policy.timeZone()).isPresent();
    }

    /**
     * The blackout or billing span containing {@code t}, stretched over any spans that overlap or
     * touch it, so its {@code to} is when installing is next allowed by these rules.
     */
    public Optional<TimeRange> quietSpanAt(Instant t) {
        TimeRange found = null;
        Instant end = t;
        boolean grew = true;
        while (grew) {
            grew = false;
            for (TimeRange q : quiet) {
                if (q.contains(end)) {
                    found = found == null ? q : new TimeRange(found.from().isBefore(q.from()) ? found.from() : q.from(), q.to());
                    end = q.to();
                    grew = true;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether {@code rule} lets a release published at {@code released} install at {@code t}. */
    public boolean allows(TimingRule rule, Instant t, Instant released) {
        return switch (rule) {
            case WAIT_DAYS -> waitDaysPassed(t, released);
            case BLOCKED_WEEKDAY -> !blockedDay(t);
            case BLACKOUT -> quietSpanAt(t).isEmpty();
            case INSTALL_WINDOW -> inWindow(t);
        };
    }

    /** The first rule, in the decision's order, that does not allow {@code t}; empty when all do. */
    public Optional<TimingRule> refusing(Instant t, Instant released) {
        for (TimingRule rule : TimingRule.values()) {
            if (!allows(rule, t, released)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /**
     * The earliest instant at or after {@code from} that every timing rule allows for a release
     * published at {@code released}, and the rule that decided it; "never" when none within
     * {@value #HORIZON_DAYS} days of the first day the wait days allow (e.g. every weekday blocked),
     * with the rule that refused last.
     *
     * <p>It asks {@link #allows} at {@code from}; where a rule refuses, it jumps to the first instant
     * that rule could allow ({@link #notBefore}), which every instant skipped is refused by, and asks
     * again. So the answer is exactly the first instant the decision would let install, with no second
     * copy of any rule, and no minute-by-minute walk.
     *
     * <p>The deciding rule is the one that refused the last moment the window was open before the
     * answer (the blocked Friday, the wait days, the blackout over the window); when the window was not
     * open at all in between, it is the window. Naming the window whenever it opens the chance would hide
     * why the chance is Monday night rather than tonight.
     */
    public InstallOpening nextOpening(Instant from, Instant released) {
        Instant firstDay = SiteTimes.at(firstDay(released), LocalTime.MIDNIGHT, policy.timeZone());
        Instant horizon = (from.isAfter(firstDay) ? from : firstDay).plus(Duration.ofDays(HORIZON_DAYS));
        Instant t = from;
        TimingRule decidedBy = null;
        while (t.isBefore(horizon)) {
            Optional<TimingRule> refused = refusing(t, released);
            if (refused.isEmpty()) {
                return new InstallOpening(t, t.equals(from) ? null : decidedBy == null ? TimingRule.INSTALL_WINDOW : decidedBy);
            }
            Instant next = notBefore(refused.get(), t, released);
            if (refused.get() != TimingRule.INSTALL_WINDOW && windowOpenIn(t, next)) {
                decidedBy = refused.get();
            }
            t = next;
        }
        return new InstallOpening(null, decidedBy == null ? TimingRule.INSTALL_WINDOW : decidedBy);
    }

    /**
     * For a {@code rule} that refuses {@code t}: an instant after {@code t} before which it refuses every
     * instant, so a search may skip to it.
     */
    Instant notBefore(TimingRule rule, Instant t, Instant released) {
        return switch (rule) {
            // The day only grows; no instant before the first day's midnight has a day on or after it.
            case WAIT_DAYS -> max(dayEnds(t), SiteTimes.at(firstDay(released), LocalTime.MIDNIGHT, policy.timeZone()));
            case BLOCKED_WEEKDAY -> dayEnds(t);
            case BLACKOUT -> quietSpanAt(t).orElseThrow().to();
            case INSTALL_WINDOW -> policy.window().nextOpeningAfter(t, policy.timeZone());
        };
    }

    /** Whether the install window is open at some instant of {@code [from, to)}. */
    boolean windowOpenIn(Instant from, Instant to) {
        return inWindow(from) || policy.window().nextOpeningAfter(from, policy.timeZone()).isBefore(to);
    }

    /** The first instant after {@code t} whose {@link #dayOf day} may differ from {@code t}'s. */
    private Instant dayEnds(Instant t) {
        ZoneId zone = policy.timeZone();
        Optional<LocalDate> window = policy.window().dayOf(t, zone);
        if (window.isPresent()) {
            return policy.window().on(window.get(), zone).to();
        }
        Instant midnight = SiteTimes.at(SiteTimes.dateOf(t, zone).plusDays(1), LocalTime.MIDNIGHT, zone);
        // A midnight the clock skips resolves to the jump, which is still after t.
        return min(midnight, policy.window().nextOpeningAfter(t, zone));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}

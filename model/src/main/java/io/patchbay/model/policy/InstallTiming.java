package io.patchbay.model.policy;

import java.time.Instant;
import java.time.LocalDate;
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
    /** How far ahead {@link #nextOpportunity} looks; a policy that blocks every day never opens. */
    static final int HORIZON_DAYS = 800;

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

    /**
     * The earliest instant at or after {@code from} that every timing rule allows for a release
     * published at {@code released}; empty when none within {@value #HORIZON_DAYS} days (e.g. every
     * weekday blocked).
     */
    public Optional<Instant> nextOpportunity(Instant from, Instant released) {
        LocalDate first = firstDay(released);
        LocalDate day = SiteTimes.dateOf(from, policy.timeZone()).minusDays(1);
        for (int i = 0; i < HORIZON_DAYS; i++, day = day.plusDays(1)) {
            if (day.isBefore(first) || policy.blockedDays().contains(day.getDayOfWeek())) {
                continue;
            }
            TimeRange window = policy.window().on(day, policy.timeZone());
            Instant t = window.from().isBefore(from) ? from : window.from();
            Optional<TimeRange> q;
            while (t.isBefore(window.to()) && (q = quietSpanAt(t)).isPresent()) {
                t = q.get().to();
            }
            if (t.isBefore(window.to())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}

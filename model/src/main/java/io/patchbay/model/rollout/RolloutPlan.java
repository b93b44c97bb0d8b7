package io.patchbay.model.rollout;

import io.patchbay.model.PatchbayException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rollout quota, as the outbox worker uses it to decide which deliveries it may start.
 *
 * <p>Rings go in order. The first ring opens when the rollout starts; within a ring the
 * {@link QuotaRule} admits more sites each day, days being the calendar days of {@code zone} counted on
 * the rollout's {@link RolloutClock} (which stands still while paused); day 0 is the rest of the day
 * the ring opens, and each following midnight starts the next quota day. A ring opens at the start of
 * the day after the previous ring was fully admitted; with {@code waitForPreviousRing} it also waits
 * until the previous ring is complete (the caller says when: every site delivered, or installed). A
 * paused rollout admits nothing new. The result is a pure function of stored data (targets in their
 * fixed order, start, pauses, ring completions), so a restart recomputes the same admitted set.
 *
 * @param rings               ring names in rollout order, e.g. internal, pilot, early, broad
 * @param quota               the daily quota within a ring; null for none: a ring admits all its sites when it
 *                            opens, and the next may open at once (when its advance rule allows)
 * @param waitForPreviousRing a ring opens only once the previous one is complete
 * @param zone                whose midnight starts a new quota day (the workspace's zone)
 * @param ringAfterDays       a ring opens no sooner than the start of the day this many days after the
 *                            previous ring opened (days of the rollout's clock); null for no such wait
 */
public record RolloutPlan(List<String> rings, QuotaRule quota, boolean waitForPreviousRing, ZoneId zone,
                          Integer ringAfterDays) {
    public RolloutPlan(List<String> rings, QuotaRule quota, boolean waitForPreviousRing, ZoneId zone) {
        this(rings, quota, waitForPreviousRing, zone, null);
    }

    public RolloutPlan {
        rings = List.copyOf(rings);
        Objects.requireNonNull(zone, "zone");
        if (rings.isEmpty() || rings.stream().distinct().count() != rings.size()) {
            throw new PatchbayException("a rollout needs one or more distinct rings, got " + rings);
        }
    }

    /**
     * @param ordered         the targets in the order {@link RolloutOrder#fix} gave them
     * @param clock           the rollout's start and pauses
     * @param now             the real time now
     * @param ringCompletedAt when each completed ring completed (only read with {@code waitForPreviousRing})
     */
    public Admission admitted(List<Target> ordered, RolloutClock clock, Instant now, Map<String, Instant> ringCompletedAt) {
        checkOrder(ordered);
        boolean paused = clock.pausedAt(now);
        Instant running = clock.running(now);
        Instant opens = clock.startedAt();
        Instant previousOpened = null;
        int total = 0;
        String previous = null;
        for (String ring : rings) {
            int size = (int) ordered.stream().filter(t -> t.ring().equals(ring)).count();
            if (size == 0) {
                continue;
            }
            if (previous != null && waitForPreviousRing) {
                Instant done = ringCompletedAt.get(previous);
                if (done == null) {
                    return new Admission(ordered.subList(0, total), null,
                            "ring " + ring + " waits for ring " + previous + " to complete");
                }
                Instant doneRunning = clock.running(done);
                opens = doneRunning.isAfter(opens) ? doneRunning : opens;
            }
            if (previousOpened != null && ringAfterDays != null) {
                opens = max(opens, date(previousOpened).plusDays(ringAfterDays).atStartOfDay(zone).toInstant());
            }
            if (running.isBefore(opens)) {
                return waiting(ordered, total, paused, clock.real(opens, now), "ring " + ring + " opens later");
            }
            LocalDate first = date(opens);
            previousOpened = opens;
            if (quota == null) {
                total += size;
                previous = ring;
                continue;
            }
            long day = ChronoUnit.DAYS.between(first, date(running));
            long admitted = Math.min(size, quota.cumulative(day));
            total += (int) admitted;
            if (admitted < size) {
                Instant tomorrow = date(running).plusDays(1).atStartOfDay(zone).toInstant();
                return waiting(ordered, total, paused, clock.real(tomorrow, now),
                        "ring " + ring + ": day " + (day + 1) + " quota reached");
            }
            opens = max(opens, first.plusDays(quota.dayFull(size) + 1).atStartOfDay(zone).toInstant());
            previous = ring;
        }
        return new Admission(ordered, null, null);
    }

    /** The same, for a rollout never paused and not waiting on ring completions. */
    public Admission admitted(List<Target> ordered, Instant startedAt, Instant now) {
        return admitted(ordered, RolloutClock.startedAt(startedAt), now, Map.of());
    }

    private Admission waiting(List<Target> ordered, int total, boolean paused, Instant next, String why) {
        return paused
                ? new Admission(ordered.subList(0, total), null, "paused")
                : new Admission(ordered.subList(0, total), next, why);
    }

    private void checkOrder(List<Target> ordered) {
        int last = -1;
        for (Target t : ordered) {
            int r = rings.indexOf(t.ring());
            if (r < last) {
                throw new PatchbayException("targets are not in rollout order: site '" + t.site() + "' of ring '"
                        + t.ring() + "' comes after ring '" + rings.get(last) + "'");
            }
            if (r < 0) {
                throw new PatchbayException("site '" + t.site() + "' is in ring '" + t.ring()
                        + "', which is not one of this rollout's rings " + rings);
            }
            last = r;
        }
    }

    private LocalDate date(Instant t) {
        return t.atZone(zone).toLocalDate();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

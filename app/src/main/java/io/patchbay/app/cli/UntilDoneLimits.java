package io.patchbay.app.cli;

import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.DeliveryState;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * When {@code deliver --until-done} stops before everything arrived, so that it never runs forever: at its
 * {@code --timeout}, or once every delivery it still waits for failed its last attempt and its site has moved no
 * byte for {@code --stalled-after} (those sites are down; their deliveries stay queued for the next run). Judged from the outstanding rows alone
 * (their {@code bytesSent} follows the pushes once a second), so it needs no hook into the worker.
 */
final class UntilDoneLimits {
    private final Duration timeout;
    private final Duration stalledAfter;
    private final LongSupplier nanoTime;
    private final long start;
    private final Map<Long, Long> lastBytes = new HashMap<>();
    private final Map<Long, String> siteOf = new HashMap<>();
    private final Map<String, Long> lastMoved = new HashMap<>();

    /** {@code timeout} may be null (none). */
    UntilDoneLimits(Duration timeout, Duration stalledAfter, LongSupplier nanoTime) {
        this.timeout = timeout;
        this.stalledAfter = stalledAfter;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    /** Looks at the deliveries outstanding now; says why the run must end, if it must. */
    synchronized Optional<DeliverySummary.Ending> check(List<Delivery> outstanding) {
        long now = nanoTime.getAsLong();
        Set<Long> seen = new HashSet<>();
        for (Delivery d : outstanding) {
            seen.add(d.id());
            siteOf.put(d.id(), d.siteName());
            Long before = lastBytes.put(d.id(), d.bytesSent());
            if (before != null && before != d.bytesSent()) {
                lastMoved.put(d.siteName(), now);
            }
        }
        // A delivery gone from the outstanding rows arrived (or was cancelled): its site is not down.
        for (var it = lastBytes.keySet().iterator(); it.hasNext(); ) {
            Long id = it.next();
            if (!seen.contains(id)) {
                lastMoved.put(siteOf.remove(id), now);
                it.remove();
            }
        }
        if (outstanding.isEmpty()) {
            return Optional.empty();
        }
        if (timeout != null && now - start >= timeout.toNanos()) {
            return Optional.of(DeliverySummary.Ending.TIMED_OUT);
        }
        // Down, not slow: the last attempt failed (a site still connecting on a loaded machine moves no byte
        // either, but has not failed), and no byte reached the site for the whole time.
        boolean allStalled = outstanding.stream().allMatch(d -> d.state() == DeliveryState.RETRYING
                && now - lastMoved.getOrDefault(d.siteName(), start) >= stalledAfter.toNanos());
        return allStalled ? Optional.of(DeliverySummary.Ending.STALLED) : Optional.empty();
    }
}

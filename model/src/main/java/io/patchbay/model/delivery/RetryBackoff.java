package io.patchbay.model.delivery;

import io.patchbay.model.PatchbayException;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;

/**
 * When the outbox tries a failed delivery again: at once after an attempt that moved bytes, else capped
 * exponential back-off with jitter, and no last attempt (a delivery ends only when a person cancels it).
 *
 * <p>The back-off counts stalls, attempts in a row that moved nothing, not attempts: a flapping link that
 * resumes and moves megabytes each time gets through at its own speed, while a site that is down is
 * tried less and less often ({@link #after}).
 *
 * <p>After failure number {@code n} (1 for the first), the ceiling is
 * {@code min(cap, base × factor^(n-1))} and the delay is drawn uniformly from {@code [base, ceiling]}:
 * "full jitter" so that many deliveries failing together (a site offline) spread their retries, but
 * never below {@code base} so a failing site is not hammered. Given a seeded {@link Random} the
 * sequence is reproducible for tests.
 */
public final class RetryBackoff {
    private final Duration base;
    private final Duration cap;
    private final double factor;
    private final Random random;

    public RetryBackoff(Duration base, Duration cap, double factor, Random random) {
        if (base == null || cap == null || base.isNegative() || base.isZero() || cap.compareTo(base) < 0
                || !(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new PatchbayException("back-off needs 0 < base <= cap and factor >= 1; got base " + base
                    + ", cap " + cap + ", factor " + factor);
        }
        this.base = base;
        this.cap = cap;
        this.factor = factor;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** 30 s, doubling, at most 1 h between tries. */
    public static RetryBackoff standard(Random random) {
        return new RetryBackoff(Duration.ofSeconds(30), Duration.ofHours(1), 2.0, random);
    }

    /** The longest delay after failure number {@code failures} (1 or more). */
    public Duration ceiling(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures start at 1, got " + failures);
        }
        double millis = base.toMillis() * Math.pow(factor, failures - 1.0);
        return millis >= cap.toMillis() ? cap : Duration.ofMillis((long) millis);
    }

    /** The delay after failure number {@code failures}, between {@code base} and {@link #ceiling}. */
    public Duration delay(int failures) {
        long low = base.toMillis();
        long high = ceiling(failures).toMillis();
        return Duration.ofMillis(low + (long) (random.nextDouble() * (high - low + 1)));
    }

    /** When to try again after failure number {@code failures} happened at {@code failedAt}. */
    public Instant nextTry(Instant failedAt, int failures) {
        return failedAt.plus(delay(failures));
    }

    /**
     * The next try after an attempt that failed at {@code failedAt}, with {@code stallsBefore} stalls in a
     * row before it: an attempt that {@code moved} bytes is due again at once and ends the run of stalls;
     * one that moved nothing is stall number {@code stallsBefore + 1} and waits as {@link #delay} says.
     */
    public Retry after(Instant failedAt, int stallsBefore, boolean moved) {
        if (stallsBefore < 0) {
            throw new IllegalArgumentException("stalls start at 0, got " + stallsBefore);
        }
        if (moved) {
            return new Retry(failedAt, 0);
        }
        int stalls = stallsBefore == Integer.MAX_VALUE ? stallsBefore : stallsBefore + 1;
        return new Retry(nextTry(failedAt, stalls), stalls);
    }

    /** When a failed delivery is tried next, and how many attempts in a row moved nothing. */
    public record Retry(Instant at, int stalls) {
    }
}

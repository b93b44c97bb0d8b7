package io.patchbay.model.delivery;

import io.patchbay.model.PatchbayException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryBackoffTest {
    static final Duration BASE = Duration.ofSeconds(30);
    static final Duration CAP = Duration.ofHours(1);

    @Test
    void theCeilingDoublesFromTheBaseUntilTheCap() {
        RetryBackoff b = RetryBackoff.standard(new Random(1));
        assertEquals(List.of(30L, 60L, 120L, 240L, 480L, 960L, 1920L, 3600L, 3600L),
                IntStream.rangeClosed(1, 9).mapToObj(n -> b.ceiling(n).toSeconds()).toList());
    }

    @Test
    void everyDelayLiesBetweenTheBaseAndThatAttemptsCeiling() {
        RetryBackoff b = RetryBackoff.standard(new Random(2));
        for (int n = 1; n <= 40; n++) {
            for (int i = 0; i < 200; i++) {
                Duration d = b.delay(n);
                assertTrue(d.compareTo(BASE) >= 0 && d.compareTo(b.ceiling(n)) <= 0, n + ": " + d);
            }
        }
    }

    @Test
    void itNeverGivesUpAndNeverWaitsLongerThanTheCap() {
        RetryBackoff b = RetryBackoff.standard(new Random(3));
        assertEquals(CAP, b.ceiling(Integer.MAX_VALUE));
        Instant failedAt = Instant.parse("2026-11-22T10:00:00Z");
        Instant next = b.nextTry(failedAt, 1_000_000);
        assertTrue(next.isAfter(failedAt.plus(BASE.minusSeconds(1))) && !next.isAfter(failedAt.plus(CAP)));
    }

    @Test
    void jitterSpreadsRetriesAcrossTheWholeRange() {
        RetryBackoff b = RetryBackoff.standard(new Random(4));
        Set<Long> seen = new HashSet<>();
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            long ms = b.delay(20).toMillis();
            seen.add(ms);
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        assertTrue(seen.size() > 990, "distinct delays: " + seen.size());
        assertTrue(min < CAP.toMillis() / 10 && max > CAP.toMillis() * 9 / 10, min + " .. " + max);
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        RetryBackoff a = new RetryBackoff(Duration.ofSeconds(5), Duration.ofMinutes(10), 3.0, new Random(99));
        RetryBackoff b = new RetryBackoff(Duration.ofSeconds(5), Duration.ofMinutes(10), 3.0, new Random(99));
        for (int n = 1; n < 20; n++) {
            assertEquals(a.delay(n), b.delay(n));
        }
    }

    @Test
    void refusesParametersThatCannotBackOff() {
        assertThrows(PatchbayException.class, () -> new RetryBackoff(Duration.ZERO, CAP, 2, new Random()));
        assertThrows(PatchbayException.class, () -> new RetryBackoff(CAP, BASE, 2, new Random()));
        assertThrows(PatchbayException.class, () -> new RetryBackoff(BASE, CAP, 0.5, new Random()));
        assertThrows(IllegalArgumentException.class, () -> RetryBackoff.standard(new Random()).delay(0));
    }

    @Test
    void anAttemptThatMovedBytesIsTriedAgainAtOnceAndEndsTheRunOfStalls() {
        RetryBackoff b = RetryBackoff.standard(new Random(5));
        Instant failedAt = Instant.parse("2026-11-22T10:00:00Z");
        assertEquals(new RetryBackoff.Retry(failedAt, 0), b.after(failedAt, 7, true));
    }

    @Test
    void anAttemptThatMovedNothingIsTheNextStallAndWaitsWithinItsCeiling() {
        RetryBackoff b = RetryBackoff.standard(new Random(6));
        Instant failedAt = Instant.parse("2026-11-22T10:00:00Z");
        RetryBackoff.Retry first = b.after(failedAt, 0, false);
        assertEquals(1, first.stalls());
        assertEquals(failedAt.plus(BASE), first.at(), "the first stall waits the base (ceiling 1 = base)");
        RetryBackoff.Retry fourth = b.after(failedAt, 3, false);
        assertEquals(4, fourth.stalls());
        Duration wait = Duration.between(failedAt, fourth.at());
        assertTrue(wait.compareTo(BASE) >= 0 && wait.compareTo(b.ceiling(4)) <= 0, wait.toString());
        assertEquals(Integer.MAX_VALUE, b.after(failedAt, Integer.MAX_VALUE, false).stalls(), "no overflow");
    }
}

package io.patchbay.model.rollout;

import io.patchbay.model.PatchbayException;

/**
 * How many sites of a ring may newly receive the release on each day (Spruce's incremental roll-out).
 * On day {@code k} of a ring (day 0 is the day it opens) the quota is
 * {@code ceil(firstDay × factor^k) + step × k}; what a day leaves unused is not carried over, since
 * every admitted site is admitted at once. Examples: (5, 2, 0) admits 5, 10, 20, 40... (5, 35, 75
 * in total); (10, 1, 10) admits 10, 20, 30... ; (1000, 1, 0) is a flat 1000 a day.
 *
 * @param firstDay sites on the ring's first day, at least 1
 * @param factor   daily growth factor, at least 1
 * @param step     sites added to the quota each day, at least 0
 */
public record QuotaRule(int firstDay, double factor, int step) {
    /** Past this many sites a day the quota stops growing: no ring is that large. */
    static final long CEILING = 1_000_000_000L;

    public QuotaRule {
        if (firstDay < 1 || !(factor >= 1.0) || Double.isInfinite(factor) || step < 0) {
            throw new PatchbayException("a quota rule needs first day >= 1, factor >= 1, step >= 0; got "
                    + firstDay + ", " + factor + ", " + step);
        }
    }

    /** Sites newly admitted on day {@code day} of a ring (0-based). */
    public long dailyQuota(long day) {
        double grown = Math.ceil(firstDay * Math.pow(factor, day)) + (double) step * day;
        return grown >= CEILING ? CEILING : (long) grown;
    }

    /** Sites admitted in total by the end of day {@code day}. */
    public long cumulative(long day) {
        long sum = 0;
        for (long k = 0; k <= day && sum < CEILING; k++) {
            sum += dailyQuota(k);
        }
        return Math.min(sum, CEILING);
    }

    /** The ring-day on which a ring of {@code size} sites is fully admitted (0: its first day). */
    public long dayFull(long size) {
        long k = 0;
        long sum = dailyQuota(0);
        while (sum < size) {
            sum += dailyQuota(++k);
        }
        return k;
    }
}

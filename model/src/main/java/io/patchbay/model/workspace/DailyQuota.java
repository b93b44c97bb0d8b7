package io.patchbay.model.workspace;

import io.patchbay.model.rollout.QuotaRule;

/**
 * The settings of a rollout's daily quota within a ring (Spruce's incremental roll-out): how many
 * sites on the first day, and how it grows each following day: {@code growthPerDay} more sites
 * ({@code --growth 2}), or times {@code growthFactor} ({@code --growth 2x}). The arithmetic is
 * {@link QuotaRule}'s; the workspace keeps the settings with the rollout.
 */
public record DailyQuota(int firstDay, int growthPerDay, double growthFactor) {
    public DailyQuota {
        if (firstDay <= 0 || growthPerDay < 0 || !(growthFactor >= 1.0) || Double.isInfinite(growthFactor)) {
            throw new IllegalArgumentException("a daily quota needs firstDay > 0, growthPerDay >= 0 and growthFactor >= 1");
        }
    }

    /** A quota that grows by adding sites each day. */
    public DailyQuota(int firstDay, int growthPerDay) {
        this(firstDay, growthPerDay, 1.0);
    }

    public QuotaRule rule() {
        return new QuotaRule(firstDay, growthFactor, growthPerDay);
    }

    /** How a person reads it: {@code 3 +2/day}, {@code 3 x2/day}. */
    @Override
    public String toString() {
        if (growthFactor > 1.0) {
            String f = growthFactor == Math.rint(growthFactor) ? String.valueOf((long) growthFactor) : String.valueOf(growthFactor);
            return firstDay + " x" + f + "/day" + (growthPerDay > 0 ? " +" + growthPerDay + "/day" : "");
        }
        return firstDay + " +" + growthPerDay + "/day";
    }
}

package io.patchbay.model.workspace;

/**
 * The settings of a rollout's daily quota within a ring (Spruce's incremental roll-out): how many
 * sites on the first day, and how many more each following day. The quota arithmetic itself lives with
 * the outbox worker's domain logic; the workspace keeps the settings with the rollout.
 */
public record DailyQuota(int firstDay, int growthPerDay) {
    public DailyQuota {
        if (firstDay <= 0 || growthPerDay < 0) {
            throw new IllegalArgumentException("a daily quota needs firstDay > 0 and growthPerDay >= 0");
        }
    }
}

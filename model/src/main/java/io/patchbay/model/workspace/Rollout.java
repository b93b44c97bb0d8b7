package io.patchbay.model.workspace;

import io.patchbay.model.rollout.FailureThreshold;
import io.patchbay.model.rollout.RingAdvance;

import java.time.Instant;
import java.util.List;

/**
 * A plan to bring a release to a set of sites, ring by ring.
 *
 * @param ringOrder    the rings in wave order, as fixed at start
 * @param quota        the daily quota within a ring; null for none
 * @param pauseAfter   when the rollout pauses itself on failures; null for never
 * @param advance      when the next ring opens
 * @param pausedReason why the rollout paused itself; null when it did not (or a person paused it)
 */
public record Rollout(long id, long releaseId, String releaseTitle, RolloutState state, List<String> ringOrder,
                      DailyQuota quota, Instant startedAt, String startedBy, Instant updatedAt,
                      FailureThreshold pauseAfter, RingAdvance advance, String pausedReason) {
    public Rollout {
        ringOrder = List.copyOf(ringOrder);
        advance = advance == null ? RingAdvance.QUOTA_ONLY : advance;
    }
}

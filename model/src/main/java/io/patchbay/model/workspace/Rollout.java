package io.patchbay.model.workspace;

import java.time.Instant;
import java.util.List;

/**
 * A plan to bring a release to a set of sites, ring by ring.
 *
 * @param ringOrder the rings in wave order, as fixed at start
 * @param quota     the daily quota within a ring; null for none
 */
public record Rollout(long id, long releaseId, String releaseTitle, RolloutState state, List<String> ringOrder,
                      DailyQuota quota, Instant startedAt, String startedBy, Instant updatedAt) {
    public Rollout {
        ringOrder = List.copyOf(ringOrder);
    }
}

package io.patchbay.model.workspace;

import java.util.List;

/**
 * A started rollout and what its start did.
 *
 * @param queued  sites a delivery was queued for, in their fixed order
 * @param already sites left out because the release is already on its way to them or there
 */
public record RolloutStart(Rollout rollout, List<String> queued, List<String> already) {
    public RolloutStart {
        queued = List.copyOf(queued);
        already = List.copyOf(already);
    }
}

package io.patchbay.model.workspace;

/**
 * A site's fixed place in a rollout.
 *
 * @param wave     the ring's index in the rollout's ring order
 * @param position the site's place in the whole rollout, from 0; never changes after the start
 */
public record RolloutTarget(long rolloutId, long siteId, String siteName, String ring, int wave, int position) {
}

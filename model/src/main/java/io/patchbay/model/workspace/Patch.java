package io.patchbay.model.workspace;

import io.patchbay.model.report.PatchState;

import java.time.Instant;

/**
 * A site's record of a received kit, as its agent last reported it.
 *
 * @param pullNoticedAt when the agent received the release's signed pull notice; null until it has
 */
public record Patch(long siteId, long releaseId, PatchState state, String reason, Instant scheduledAt,
                    Instant reportedAt, Instant pullNoticedAt) {
}

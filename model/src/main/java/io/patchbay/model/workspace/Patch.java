package io.patchbay.model.workspace;

import io.patchbay.model.report.PatchState;

import java.time.Instant;

/** A site's record of a received kit, as its agent last reported it. */
public record Patch(long siteId, long releaseId, PatchState state, String reason, Instant scheduledAt,
                    Instant reportedAt) {
}

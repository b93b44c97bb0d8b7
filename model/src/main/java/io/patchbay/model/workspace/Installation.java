package io.patchbay.model.workspace;

import io.patchbay.model.report.PatchState;

import java.time.Instant;

/** One attempt to install a release on a site, as the site's agent reported it. */
public record Installation(long siteId, long releaseId, long attempt, String trigger, PatchState state, String step,
                           Instant startedAt, Instant finishedAt, String reason) {
}

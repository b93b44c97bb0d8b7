package io.patchbay.model.workspace;

import io.patchbay.model.release.Version;

import java.time.Instant;

/**
 * A delta kit the workspace holds beside a release's full kit: the release as patches against one earlier release
 * of its product, for sites whose installed release is that base.
 *
 * @param kitFile the delta's file name, {@code Spruce-12.10.11-12.10.12.delta.kit}: what the site's agent keys its
 *                report by, so it never shares a name with the release's full kit
 */
public record ReleaseDelta(long id, long releaseId, long baseReleaseId, Version baseVersion, String kitFile,
                           String kitSha256, long kitSize, Instant addedAt) {
}

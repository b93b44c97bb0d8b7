package io.patchbay.transport.outbox;

import io.patchbay.model.workspace.Site;

import java.nio.file.Path;

/**
 * One push: the kit file in the workspace, the name it gets in the site's inbox, and where an earlier
 * attempt's resumable upload lives on the site (null if none; only tus uses it).
 */
public record PushJob(Site site, Path kit, String kitFileName, String resumeUrl) {
}

package io.patchbay.model.report;

import java.time.Instant;

/**
 * One attempt to install a patch.
 *
 * @param id         the agent's number for the attempt, unique on the site
 * @param trigger    who started it: {@code automatic}, {@code scheduled} or {@code operator}
 * @param startedAt  when it started
 * @param finishedAt when it ended; null while it runs
 * @param outcome    {@link PatchState#INSTALLED}, {@link PatchState#ROLLED_BACK}, {@link PatchState#FAILED},
 *                   or {@link PatchState#INSTALLING} while it runs
 * @param step       the last step reached (stage, pre-install, backup, apply, install, verify,
 *                   post-backup, commit)
 * @param reason     why it failed; null on success
 */
public record InstallationReport(
        long id, String trigger, Instant startedAt, Instant finishedAt, PatchState outcome, String step,
        String reason) {
}

package io.patchbay.agent.install;

import io.patchbay.model.report.InstallationReport;
import io.patchbay.model.report.PatchState;

import java.time.Instant;

/**
 * How an installation (or the recovery of one) ended.
 *
 * @param id         the attempt's number on this site (its backups live in {@code backups/<id>})
 * @param product    the release's product
 * @param version    the release's version
 * @param state      INSTALLED (exactly the new state), ROLLED_BACK (exactly the old state) or FAILED (a
 *                   rollback did not finish: the site needs a person)
 * @param step       the last forward step reached ({@link InstallState#step()}), e.g. "verify"
 * @param reason     why it did not install; null when it installed cleanly. A post-install hook that
 *                   failed after the commit is named here while the state stays INSTALLED.
 * @param recovered  true when a start-up finished a journal left by a process that died
 * @param startedAt  when the installation started
 * @param finishedAt when this outcome was reached
 */
public record InstallOutcome(
        long id, String product, String version, PatchState state, String step, String reason,
        boolean recovered, Instant startedAt, Instant finishedAt) {

    public boolean installed() {
        return state == PatchState.INSTALLED;
    }

    /**
     * One line an operator reads, shared by {@code patchbay agent install|rollback} and the site console:
     * "installed Spruce 12.10.11", "Spruce 12.10.11 failed and was rolled back: ...".
     */
    public String summary() {
        String title = product + " " + version;
        return switch (state) {
            case INSTALLED -> "installed " + title + (reason == null ? "" : " (" + reason + ")");
            case ROLLED_BACK -> title + " failed and was rolled back: " + reason;
            case INSTALLING -> title + " is being installed: " + reason;
            default -> title + " FAILED and could not be rolled back: " + reason;
        };
    }

    /** The record the agent's status report carries; {@code trigger} is automatic, scheduled or operator. */
    public InstallationReport toReport(String trigger) {
        return new InstallationReport(id, trigger, startedAt, finishedAt, state, step, reason);
    }
}

package io.patchbay.model.workspace;

import io.patchbay.model.report.PatchState;

import java.time.Instant;

/**
 * One ending of a patch on a site, for reports: the first time it installed, or an installation that failed
 * or was rolled back, or an operator's rollback (which is not a failure).
 *
 * @param kind      what happened
 * @param at        when it ended (the installation's end, else the agent's report)
 * @param reason    why, for a failure or a rollback; may be null
 */
public record Outcome(long siteId, String siteName, String ring, long releaseId, String releaseTitle, Kind kind,
                      Instant at, String reason) {

    /** What an outcome was. */
    public enum Kind {
        /** The first successful installation of the release on the site. */
        INSTALLED,
        /** An installation failed and its restore failed too. */
        FAILED,
        /** An installation failed and the backup was restored. */
        ROLLED_BACK,
        /** An operator rolled the site back to an earlier version after a good installation. */
        OPERATOR_ROLLBACK;

        /** The word a person reads. */
        public String word() {
            return switch (this) {
                case INSTALLED -> "installed";
                case FAILED -> "failed";
                case ROLLED_BACK -> "rolled back";
                case OPERATOR_ROLLBACK -> "rolled back by an operator";
            };
        }

        static Kind ofInstallation(PatchState state) {
            return switch (state) {
                case INSTALLED, UP_TO_DATE -> INSTALLED;
                case ROLLED_BACK -> ROLLED_BACK;
                default -> FAILED;
            };
        }
    }
}

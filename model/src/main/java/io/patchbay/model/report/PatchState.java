package io.patchbay.model.report;

import java.util.Locale;

/** Where a patch stands on its site, as the agent reports it and the matrix shows it. */
public enum PatchState {
    /** Received and verified, not yet evaluated. */
    RECEIVED,
    /** The kit was refused (bad signature, changed bytes, replayed older version...). */
    REJECTED,
    /** A check says not yet (which check: see the report's reason). */
    WAITING,
    /** Will install at the report's {@code scheduledAt}. */
    SCHEDULED,
    INSTALLING,
    INSTALLED,
    /** An installation failed and the backup was restored: the site runs the previous version. */
    ROLLED_BACK,
    /** An installation failed and the restore failed too: the site needs a person. */
    FAILED,
    /** The release was pulled; the agent will not install it. */
    PULLED,
    /** This version is already installed. */
    UP_TO_DATE,
    /** The site is on support hold. */
    HELD,
    /**
     * This machine failed while taking the kit (disk full, permission denied; the report's reason says which): the
     * kit stays where it was and the agent tries again on a later tick. Not a refusal, never final.
     */
    SITE_FAILURE;

    /** The word a user sees. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}

package io.patchbay.agent.registry;

import java.util.Locale;

/** What moves a patch from one state to the next (see {@link PatchLifecycle}). */
public enum PatchEvent {
    /** A kit verified and its patch registered. */
    REGISTERED,
    /** A kit refused on receipt: its bytes do not verify, or its product is not served here. Final. */
    REFUSED_ON_RECEIPT,
    /** This machine failed while taking a kit; reported only, the kit stays in the inbox. */
    TAKE_FAILED,
    /** The decider's verdict for a patch that does not install now. */
    DECIDED,
    /** An installation is about to start (a tick, an operator, a rollback). */
    INSTALL_STARTED,
    /** The installation could not start (lock held, kit no longer intact...): nothing was changed. */
    INSTALL_NOT_STARTED,
    /**
     * A delta kit refused as its installation was to start: it does not fit the installed release ("needs the full
     * kit") or is hostile. Nothing was changed. Final.
     */
    DELTA_REFUSED,
    /** The installation's outcome: installed, rolled back, or failed. */
    INSTALL_ENDED,
    /** The agent stopped between marking a patch installing and starting its installation. */
    INSTALL_INTERRUPTED,
    /** An operator rolled the product back to an earlier version: this newer one no longer runs. */
    ROLLED_BACK_BY_OPERATOR;

    /** The words a person reads, e.g. "install started". */
    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}

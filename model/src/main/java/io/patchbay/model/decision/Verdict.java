package io.patchbay.model.decision;

/** What the agent does with a patch after one decision. */
public enum Verdict {
    /** Every check passed: start the installation now. */
    INSTALL_NOW,
    /** Not yet: a timing rule, the precondition, or a person (manual) must come first. */
    WAIT,
    /** Every rule allows it; it installs at the operator's time ({@link Decision#until()}). */
    SCHEDULED,
    /** Forbidden until something changes: pulled, support hold, major upgrade not allowed. */
    STOP,
    /** This version is already installed. */
    UP_TO_DATE,
    /** Never installs: a changed kit, a replayed older version, an unmet {@code requires}. */
    REFUSED
}

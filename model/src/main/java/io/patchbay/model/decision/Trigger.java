package io.patchbay.model.decision;

/** What asked for a decision. */
public enum Trigger {
    /** The agent's periodic evaluation of every waiting patch. */
    TICK,
    /** An operator's "Install now" ({@code agent install VERSION}): skips the timing rules and the mode. */
    INSTALL_NOW,
    /** An operator forcing a rollback to this older patch: as {@link #INSTALL_NOW}, and a lower version is allowed. */
    ROLLBACK;

    public boolean byOperator() {
        return this != TICK;
    }
}

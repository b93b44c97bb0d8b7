package io.patchbay.model.report;

/** The outcome of one policy check. */
public enum CheckOutcome {
    /** The rule allows the installation. */
    PASS,
    /** Not yet: the rule will allow it later (a window, wait days, a schedule). */
    WAIT,
    /** The rule forbids it until something changes (pulled, hold, downgrade, manual-only). */
    STOP
}

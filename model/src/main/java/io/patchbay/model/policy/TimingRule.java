package io.patchbay.model.policy;

/**
 * The timing rules of a site's policy, in the order the agent's decision checks them. Each is answered
 * for one instant by {@link InstallTiming#allows}, the one definition both the decision and the
 * next-install-chance search use.
 */
public enum TimingRule {
    /** The release's date (site's dates) plus the wait days has come. */
    WAIT_DAYS,
    /** The day (the day a window opened, else the date) is not a blocked weekday. */
    BLOCKED_WEEKDAY,
    /** No blackout or billing run (with its margin) covers the instant. */
    BLACKOUT,
    /** The daily install window is open. */
    INSTALL_WINDOW
}

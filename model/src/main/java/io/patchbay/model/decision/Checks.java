package io.patchbay.model.decision;

import io.patchbay.model.policy.TimingRule;

import java.util.List;

/** The check names written into status rows, in the order {@link PatchDecider} runs them. */
public final class Checks {
    public static final String UP_TO_DATE = "up-to-date";
    public static final String PULLED = "pulled";
    public static final String INTEGRITY = "integrity";
    public static final String DOWNGRADE = "downgrade";
    public static final String REQUIRES = "requires";
    public static final String SUPPORT_HOLD = "support-hold";
    public static final String MANUAL_ONLY = "manual-only";
    public static final String MAJOR_UPGRADE = "major-upgrade";
    public static final String WAIT_DAYS = "wait-days";
    public static final String BLOCKED_WEEKDAY = "blocked-weekday";
    public static final String BLACKOUT = "blackout";
    public static final String INSTALL_WINDOW = "install-window";
    public static final String PRECONDITION = "precondition";
    public static final String INSTALL_MODE = "install-mode";

    public static final List<String> ORDER = List.of(UP_TO_DATE, PULLED, INTEGRITY, DOWNGRADE, REQUIRES, SUPPORT_HOLD,
            MANUAL_ONLY, MAJOR_UPGRADE, WAIT_DAYS, BLOCKED_WEEKDAY, BLACKOUT, INSTALL_WINDOW, PRECONDITION, INSTALL_MODE);

    private Checks() {
    }

    /** The check that runs a timing rule. */
    public static String of(TimingRule rule) {
        return switch (rule) {
            case WAIT_DAYS -> WAIT_DAYS;
            case BLOCKED_WEEKDAY -> BLOCKED_WEEKDAY;
            case BLACKOUT -> BLACKOUT;
            case INSTALL_WINDOW -> INSTALL_WINDOW;
        };
    }
}

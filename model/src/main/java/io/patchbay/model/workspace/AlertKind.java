package io.patchbay.model.workspace;

import java.util.Locale;

/** The kinds of alert, each with the word stored and shown. */
public enum AlertKind {
    /** A rollout reached its failure threshold and paused itself. */
    ROLLOUT_PAUSED,
    /** A delivered kit did not install by its next install chance plus the grace period. */
    MISSED_CHANCE,
    /** A site's agent has not reported for longer than allowed. */
    SITE_QUIET;

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static AlertKind ofWord(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}

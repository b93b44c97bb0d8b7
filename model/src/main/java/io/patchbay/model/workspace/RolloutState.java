package io.patchbay.model.workspace;

import java.util.Locale;

/** A rollout runs, is paused by a person (no new deliveries start), or is done. */
public enum RolloutState {
    RUNNING, PAUSED, DONE;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RolloutState ofWord(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}

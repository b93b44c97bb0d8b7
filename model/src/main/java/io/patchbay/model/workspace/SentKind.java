package io.patchbay.model.workspace;

import java.util.Locale;

/** Which kit a delivery of a release sent: the release's full kit or one of its delta kits. */
public enum SentKind {
    FULL("full kit"),
    DELTA("delta");

    private final String text;

    SentKind(String text) {
        this.text = text;
    }

    /** The word stored in the outbox: {@code full} or {@code delta}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How a person reads it: "full kit" or "delta". */
    public String text() {
        return text;
    }

    static SentKind ofWord(String word) {
        return word == null ? null : valueOf(word.toUpperCase(Locale.ROOT));
    }
}

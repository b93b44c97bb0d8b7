package io.patchbay.app.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the client shows a moment to a person: always with its zone, e.g. "2026-12-02 11:00:03 CET". */
public final class Times {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ENGLISH);

    private Times() {
    }

    /** The moment in the zone, with the zone; empty for null. */
    public static String at(Instant t, ZoneId zone) {
        return t == null ? "" : AT.format(t.atZone(zone));
    }
}

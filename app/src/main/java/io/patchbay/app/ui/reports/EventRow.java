package io.patchbay.app.ui.reports;

import io.patchbay.model.workspace.Event;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One line of the event log as shown. */
public record EventRow(Event event, String at, String actor, String kind, String subject, String detail) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", java.util.Locale.ENGLISH);

    public static EventRow of(Event e, ZoneId zone) {
        return new EventRow(e, WHEN.format(e.at().atZone(zone)), e.actor(), e.kind(), e.subject(),
                e.detail() == null ? "" : e.detail());
    }
}

package io.patchbay.model.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.patchbay.model.PatchbayException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The daily install window in the site's time zone, opening at {@code start} (the daily start time).
 * <ul>
 *   <li>{@code end} after {@code start}: the window closes the same day (01:30-03:00).</li>
 *   <li>{@code end} at or before {@code start}: it closes the next day (22:00-07:00 opens Monday 22:00
 *       and closes Tuesday 07:00). That whole span is the window "of Monday": weekday and wait-day
 *       rules look at the day a window opened, like Spruce's once-a-day start time.</li>
 *   <li>{@code start == end}: open all day, from {@code start} to the same time the next day;
 *       {@link #ANY} (00:00-00:00) is shown as {@code any}.</li>
 * </ul>
 * Daylight-saving changes follow {@link SiteTimes}: on the spring-forward night in Europe/Paris a
 * 01:30-03:00 window is open 01:30 CET to 03:00 CEST (30 real minutes), a window lying wholly in the
 * skipped hour does not open that night, and a 22:00-07:00 window across the fall-back night is open
 * ten real hours. A repeated time means its first occurrence, so each day has exactly one window.
 */
public record InstallWindow(LocalTime start, LocalTime end) {
    public static final InstallWindow ANY = new InstallWindow(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
    static final String FORM = "HH:MM-HH:MM such as 22:00-07:00, or any";

    public InstallWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    @JsonCreator
    public static InstallWindow parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equalsIgnoreCase("any")) {
            return ANY;
        }
        String[] parts = t.split("-");
        try {
            if (parts.length == 2) {
                return new InstallWindow(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
            }
        } catch (DateTimeParseException e) {
            // fall through to the one message below
        }
        throw new PatchbayException("not an install window: '" + text + "' (expected " + FORM + ")");
    }

    public boolean isAllDay() {
        return start.equals(end);
    }

    /** The window of {@code day}: opens on that day at {@code start}. May be empty on a DST night. */
    public TimeRange on(LocalDate day, ZoneId zone) {
        LocalDate endDay = end.isAfter(start) ? day : day.plusDays(1);
        return new TimeRange(SiteTimes.at(day, start, zone), SiteTimes.at(endDay, end, zone));
    }

    /** The day whose window contains {@code t}, if any. */
    public Optional<LocalDate> dayOf(Instant t, ZoneId zone) {
        LocalDate today = SiteTimes.dateOf(t, zone);
        for (LocalDate d : new LocalDate[] {today.minusDays(1), today}) {
            if (on(d, zone).contains(t)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The first window opening strictly after {@code t} (skipping nights where it cannot open). */
    public Instant nextOpeningAfter(Instant t, ZoneId zone) {
        LocalDate d = SiteTimes.dateOf(t, zone).minusDays(1);
        while (true) {
            TimeRange w = on(d, zone);
            if (!w.isEmpty() && w.from().isAfter(t)) {
                return w.from();
            }
            d = d.plusDays(1);
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return equals(ANY) ? "any" : start + "-" + end;
    }
}

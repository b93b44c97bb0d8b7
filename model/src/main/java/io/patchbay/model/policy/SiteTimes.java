package io.patchbay.model.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import java.util.Locale;

/**
 * Turns a site's wall-clock times into instants, with one rule for daylight-saving changes, used by
 * windows, blackouts and billing runs alike:
 * <ul>
 *   <li>a time the clock skips (spring forward, e.g. 02:30 on 2026-03-29 in Europe/Paris) means the
 *       moment the clock jumps (03:00 CEST): the first instant that is not before it;</li>
 *   <li>a time the clock shows twice (fall back, e.g. 02:30 on 2026-10-25 in Europe/Paris) means its
 *       first occurrence (02:30 CEST, the earlier offset).</li>
 * </ul>
 */
public final class SiteTimes {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ROOT);

    private SiteTimes() {
    }

    public static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
        return at(date.atTime(time), zone);
    }

    public static Instant at(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        if (rules.getValidOffsets(local).isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        return local.atZone(zone).withEarlierOffsetAtOverlap().toInstant();
    }

    public static LocalDate dateOf(Instant t, ZoneId zone) {
        return t.atZone(zone).toLocalDate();
    }

    /** How reasons show a time: the site's wall clock, {@code 2026-11-23 22:00}. */
    public static String show(Instant t, ZoneId zone) {
        return SHOWN.format(t.atZone(zone));
    }

    /** A time for a person on its own: the site's wall clock with its zone, {@code 2026-11-23 22:00 CET}. */
    public static String showZoned(Instant t, ZoneId zone) {
        return ZONED.format(t.atZone(zone));
    }

    public static String show(LocalDateTime t) {
        return SHOWN.format(t);
    }
}

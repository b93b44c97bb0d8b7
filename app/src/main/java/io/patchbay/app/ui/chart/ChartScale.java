package io.patchbay.app.ui.chart;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Axis ranges a person can read, for the screens' charts and the HTML report's: counts of sites in whole
 * numbers from 0 to a little over the total, and time axes that fit the data (a 30-second rollout spans
 * about 30 seconds, not minutes) with ticks on round units. No JavaFX: the SVG export uses it too.
 */
public final class ChartScale {
    /** Tick units of a time axis, smallest first. */
    private static final List<Duration> TIME_UNITS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
            Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2),
            Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(30), Duration.ofDays(91), Duration.ofDays(365));
    private static final int MAX_TIME_TICKS = 8;

    /**
     * An axis range and its tick step, in the axis's unit (sites, or epoch seconds).
     *
     * @param lower the first tick
     * @param upper the last tick
     * @param tick  the step between ticks
     */
    public record Range(long lower, long upper, long tick) {
        public Range {
            if (tick <= 0 || upper <= lower) {
                throw new IllegalArgumentException("empty range " + lower + ".." + upper + " step " + tick);
            }
        }

        /** The ticks from lower to upper. */
        public List<Long> ticks() {
            return java.util.stream.LongStream.iterate(lower, t -> t <= upper, t -> t + tick).boxed().toList();
        }
    }

    private ChartScale() {
    }

    /** 0 to at least {@code max} (at least 1), with whole-number ticks, at most about ten of them. */
    public static Range count(long max) {
        long top = Math.max(1, max);
        long step = 1;
        for (long magnitude = 1; top > 10 * step; ) { // 1, 2, 5, 10, 20, 50...
            step = step == magnitude ? 2 * magnitude : step == 2 * magnitude ? 5 * magnitude : (magnitude *= 10);
        }
        return new Range(0, (top + step - 1) / step * step, step);
    }

    /**
     * A time axis (epoch seconds) that holds {@code first} to {@code last} with a small margin, its ends and
     * ticks on the round unit that gives at most {@link #MAX_TIME_TICKS} ticks. One instant gets a minute.
     */
    public static Range time(Instant first, Instant last) {
        long from = first.getEpochSecond();
        long to = Math.max(from, last.getEpochSecond());
        long margin = Math.max(1, (to - from) / 20);
        if (to == from) {
            margin = 30;
        }
        long lower = from - margin;
        long upper = to + margin;
        for (Duration unit : TIME_UNITS) {
            long step = unit.getSeconds();
            long start = Math.floorDiv(lower, step) * step;
            long end = -Math.floorDiv(-upper, step) * step;
            if ((end - start) / step <= MAX_TIME_TICKS) {
                return new Range(start, end, step);
            }
        }
        long step = TIME_UNITS.get(TIME_UNITS.size() - 1).getSeconds() * Math.max(1, (upper - lower) / (365L * 86400 * MAX_TIME_TICKS) + 1);
        return new Range(Math.floorDiv(lower, step) * step, -Math.floorDiv(-upper, step) * step, step);
    }

    /** How a tick of this time axis reads: seconds for short spans, the day once the span is long. */
    public static DateTimeFormatter tickFormat(Range time) {
        long span = time.upper() - time.lower();
        String pattern = time.tick() < 60 ? "HH:mm:ss" : span <= 86_400 ? "HH:mm" : time.tick() < 86_400 ? "d MMM HH:mm"
                : "d MMM yyyy";
        return DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
    }

    /** A tick's words in a zone, e.g. "14:05:30". */
    public static String tick(Range time, long epochSecond, ZoneId zone) {
        return tickFormat(time).format(Instant.ofEpochSecond(epochSecond).atZone(zone));
    }
}

package io.patchbay.model.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * A waiting patch's next install chance, as the agent reports it: the first instant at which every rule
 * of the site lets it install with no person acting, the rule that decides it, and the site's zone it
 * was computed in.
 *
 * @param kind how to read it: at a time, never (the timing rules open no window within the search
 *             horizon), or when an operator acts (manual mode, manual-only release, major upgrade)
 * @param at   {@link Kind#AT}: the instant; otherwise null
 * @param rule the check that decides it ({@code install-window}, {@code wait-days}...); null when
 *             nothing holds it back (it installs at once)
 * @param zone the site's IANA zone, for showing the time as the site's people read it
 */
public record InstallChance(Kind kind, Instant at, String rule, ZoneId zone) {
    public enum Kind {
        AT, NEVER, OPERATOR;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final DateTimeFormatter SITE = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter VIEWER = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

    public InstallChance {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(zone, "zone");
        if ((kind == Kind.AT) != (at != null)) {
            throw new IllegalArgumentException("an install chance has a time exactly when it is of kind 'at': " + kind + " " + at);
        }
    }

    public static InstallChance at(Instant at, String rule, ZoneId zone) {
        return new InstallChance(Kind.AT, at, rule, zone);
    }

    public static InstallChance never(String rule, ZoneId zone) {
        return new InstallChance(Kind.NEVER, null, rule, zone);
    }

    public static InstallChance operator(String rule, ZoneId zone) {
        return new InstallChance(Kind.OPERATOR, null, rule, zone);
    }

    /**
     * One line for a person in {@code viewer}'s zone at {@code now}: the site's wall clock with its zone,
     * the viewer's when it differs, how long until then, and the deciding rule, e.g.
     * {@code Thu 2026-11-19 22:00 Europe/Paris (Thu 21:00 UTC), in 9 h, by install-window}.
     */
    public String describe(ZoneId viewer, Instant now) {
        String by = rule == null ? "" : ", by " + rule;
        return switch (kind) {
            case NEVER -> "never: no time within the search horizon passes every timing rule" + by;
            case OPERATOR -> "when an operator installs it" + by;
            case AT -> {
                String site = SITE.format(at.atZone(zone)) + " " + zone.getId();
                String mine = viewer.normalized().equals(zone.normalized()) ? ""
                        : " (" + VIEWER.format(at.atZone(viewer)) + " " + viewer.getId() + ")";
                yield site + mine + ", " + until(now) + by;
            }
        };
    }

    /** "now", "in 40 min", "in 9 h", "in 3 d 4 h" (rounded down), or "5 min ago" when past. */
    String until(Instant now) {
        Duration d = Duration.between(now, at);
        if (d.isNegative()) {
            long ago = d.negated().toMinutes();
            return ago == 0 ? "now" : ago + " min ago";
        }
        long minutes = d.toMinutes();
        if (minutes == 0) {
            return "now";
        }
        if (minutes < 60) {
            return "in " + minutes + " min";
        }
        long hours = d.toHours();
        if (hours < 48) {
            return "in " + hours + " h";
        }
        long rest = hours % 24;
        return "in " + d.toDays() + " d" + (rest == 0 ? "" : " " + rest + " h");
    }
}

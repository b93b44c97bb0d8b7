package io.patchbay.model.policy;

import io.patchbay.model.PatchbayException;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code key=value} form of a {@link SitePolicy}, for {@code patchbay agent policy --set key=value}.
 * Every refusal is one line naming the key and what it allows. Lists are comma-separated and
 * {@code none} (or an empty value) clears them; a new list replaces the old one.
 */
public final class PolicyCodec {
    private record Key(String allowed, Function<SitePolicy, String> get, BiFunction<SitePolicy, String, SitePolicy> set,
                       Function<SitePolicy, String> meaning) {
    }

    private static final Map<String, Key> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("mode", new Key("automatic, scheduled or manual",
                p -> p.mode().word(), (p, v) -> p.withMode(InstallMode.parse(v)),
                p -> switch (p.mode()) {
                    case AUTOMATIC -> "installs as soon as every rule allows";
                    case SCHEDULED -> "installs at the time an operator set for each patch";
                    case MANUAL -> "waits for an operator to install";
                }));
        KEYS.put("wait-days", new Key("a whole number of days, 0 to " + SitePolicy.MAX_WAIT_DAYS,
                p -> Integer.toString(p.waitDays()), (p, v) -> p.withWaitDays(Integer.parseInt(v)),
                p -> p.waitDays() == 0 ? "installs from the day of release"
                        : "released on day D, installs from the window of day D+" + p.waitDays()));
        KEYS.put("window", new Key(InstallWindow.FORM,
                p -> p.window().toString(), (p, v) -> p.withWindow(InstallWindow.parse(v)),
                p -> p.window().isAllDay() ? "installs at any time of day"
                        : "daily from " + p.window().start() + " until " + p.window().end()
                        + (p.window().end().isAfter(p.window().start()) ? "" : " the next day")));
        KEYS.put("time-zone", new Key("a zone id such as Europe/Paris or UTC",
                p -> p.timeZone().getId(), (p, v) -> p.withTimeZone(zone(v)),
                p -> "windows, days, blackouts and billing runs are in this zone"));
        KEYS.put("blocked-days", new Key("weekdays such as fri,sat,sun, or none",
                p -> p.blockedDays().isEmpty() ? "none"
                        : p.blockedDays().stream().map(PolicyCodec::day).collect(Collectors.joining(",")),
                (p, v) -> p.withBlockedDays(days(v)),
                p -> p.blockedDays().isEmpty() ? "a window may open on any weekday"
                        : "no window opens on these days"));
        KEYS.put("blackout", new Key(Blackout.FORM + ", comma-separated, or none",
                p -> list(p.blackouts()), (p, v) -> p.withBlackouts(items(v).stream().map(Blackout::parse).toList()),
                p -> p.blackouts().isEmpty() ? "no blackouts" : "nothing installs within these spans"));
        KEYS.put("billing-runs", new Key("date-times such as 2026-12-01T02:00, comma-separated, or none",
                p -> list(p.billingRuns()), (p, v) -> p.withBillingRuns(items(v).stream().map(LocalDateTime::parse).toList()),
                p -> p.billingRuns().isEmpty() ? "no billing runs"
                        : "nothing installs within billing-margin-hours either side of one"));
        KEYS.put("billing-margin-hours", new Key("a whole number of hours, 0 or more",
                p -> Long.toString(p.billingMargin().toHours()),
                (p, v) -> p.withBillingMargin(Duration.ofHours(nonNegative(Integer.parseInt(v)))),
                p -> "hours either side of a billing run"));
        KEYS.put("support-hold", new Key("true or false",
                p -> Boolean.toString(p.supportHold()), (p, v) -> p.withSupportHold(bool(v)),
                p -> p.supportHold() ? "on hold: nothing installs, not even by an operator" : "not on hold"));
        KEYS.put("allow-major", new Key("true or false",
                p -> Boolean.toString(p.allowMajor()), (p, v) -> p.withAllowMajor(bool(v)),
                p -> p.allowMajor() ? "major upgrades install like any other"
                        : "major upgrades wait for an operator"));
        KEYS.put("precondition", new Key("a command line, or none",
                p -> p.precondition() == null ? "none" : p.precondition(),
                (p, v) -> p.withPrecondition(v.isBlank() || v.strip().equalsIgnoreCase("none") ? null : v),
                p -> p.precondition() == null ? "no precondition" : "must succeed before an install starts"));
        KEYS.put("precondition-bypass", new Key("true or false",
                p -> Boolean.toString(p.preconditionBypass()), (p, v) -> p.withPreconditionBypass(bool(v)),
                p -> p.preconditionBypass() ? "the precondition is skipped" : "the precondition is enforced"));
        KEYS.put("signatures", new Key("a whole number of signers, 1 to " + SitePolicy.MAX_SIGNATURES,
                p -> Integer.toString(p.signatures()), (p, v) -> p.withSignatures(Integer.parseInt(v)),
                p -> p.signatures() == 1 ? "a kit signed by one trusted key is taken"
                        : "a kit needs " + p.signatures() + " distinct trusted signers (`patchbay kit sign` adds one)"));
    }

    private PolicyCodec() {
    }

    /** The keys in the order {@link #describe} lists them. */
    public static List<String> keys() {
        return List.copyOf(KEYS.keySet());
    }

    public static String get(SitePolicy policy, String key) {
        return key(key).get.apply(policy);
    }

    /** Returns {@code policy} with {@code key} set to {@code value}, or refuses naming the key. */
    public static SitePolicy set(SitePolicy policy, String key, String value) {
        Key k = key(key);
        String v = value == null ? "" : value.strip();
        try {
            return k.set.apply(policy, v);
        } catch (PatchbayException | DateTimeException | IllegalArgumentException e) {
            throw new PatchbayException("policy key '" + key + "': expected " + k.allowed + "; got '" + v + "'");
        }
    }

    /** Applies {@code key=value} assignments in order; none is applied if any is refused. */
    public static SitePolicy apply(SitePolicy policy, List<String> assignments) {
        SitePolicy result = policy;
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new PatchbayException("expected key=value, such as window=22:00-07:00; got '" + a + "'");
            }
            result = set(result, a.substring(0, eq).strip(), a.substring(eq + 1));
        }
        return result;
    }

    static String describe(SitePolicy p) {
        int width = KEYS.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        KEYS.forEach((name, k) -> out.append(String.format(Locale.ROOT, "%-" + width + "s  %s  (%s)%n",
                name, k.get.apply(p), k.meaning.apply(p))));
        return out.toString();
    }

    private static Key key(String key) {
        Key k = KEYS.get(key == null ? "" : key.strip());
        if (k == null) {
            throw new PatchbayException("unknown policy key '" + key + "' (known: " + String.join(", ", KEYS.keySet()) + ")");
        }
        return k;
    }

    private static ZoneId zone(String v) {
        return ZoneId.of(v);
    }

    private static boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(v);
        };
    }

    private static int nonNegative(int v) {
        if (v < 0) {
            throw new IllegalArgumentException(Integer.toString(v));
        }
        return v;
    }

    private static List<String> items(String v) {
        if (v.isBlank() || v.strip().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (s.isBlank()) {
                throw new IllegalArgumentException("empty item");
            }
            out.add(s.strip());
        }
        return out;
    }

    private static Set<DayOfWeek> days(String v) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String s : items(v)) {
            String word = s.toUpperCase(Locale.ROOT);
            out.add(Arrays.stream(DayOfWeek.values())
                    .filter(d -> d.name().equals(word) || (word.length() == 3 && d.name().startsWith(word)))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(s)));
        }
        return out;
    }

    private static String day(DayOfWeek d) {
        return d.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    private static String list(List<?> items) {
        return items.isEmpty() ? "none" : items.stream().map(Object::toString).collect(Collectors.joining(","));
    }
}

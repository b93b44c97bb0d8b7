package io.patchbay.model.rollout;

import io.patchbay.model.PatchbayException;

import java.util.Map;
import java.util.Optional;

/**
 * When a rollout stops itself: after {@code count} sites failed or rolled back across the whole rollout
 * ({@code 2}), or after {@code percent}% of any one ring did ({@code 10%}, at least one site), as the
 * release manager chose with {@code --pause-after-failures}. A ring is the unit for a share because a
 * bad pilot ring must stop the broad ring before it opens, however large the broad ring is.
 *
 * @param count   sites across the rollout; null when the threshold is a share
 * @param percent share of a ring, 1..100; null when the threshold is a count
 */
public record FailureThreshold(Integer count, Integer percent) {
    static final String FORM = "a number of sites such as 2, or a share of a ring such as 10%";

    public FailureThreshold {
        if ((count == null) == (percent == null)) {
            throw new IllegalArgumentException("a failure threshold is a count or a share, not both or neither");
        }
        if (count != null && count < 1 || percent != null && (percent < 1 || percent > 100)) {
            throw new PatchbayException("a failure threshold needs at least 1 site or 1% to 100%, not "
                    + (count != null ? count : percent + "%"));
        }
    }

    public static FailureThreshold parse(String text) {
        String t = text == null ? "" : text.strip();
        try {
            if (t.endsWith("%")) {
                return new FailureThreshold(null, Integer.parseInt(t.substring(0, t.length() - 1).strip()));
            }
            return new FailureThreshold(Integer.parseInt(t), null);
        } catch (NumberFormatException e) {
            throw new PatchbayException("not a failure threshold: '" + text + "' (expected " + FORM + ")");
        }
    }

    /**
     * Why the rollout must pause now, if it must.
     *
     * @param failedByRing sites that failed or rolled back, by ring
     * @param sizeByRing   the rollout's sites, by ring
     */
    public Optional<String> reached(Map<String, Integer> failedByRing, Map<String, Integer> sizeByRing) {
        if (count != null) {
            int failed = failedByRing.values().stream().mapToInt(Integer::intValue).sum();
            return failed >= count ? Optional.of(failed + (failed == 1 ? " site" : " sites")
                    + " failed or rolled back (threshold " + this + ")") : Optional.empty();
        }
        for (var e : sizeByRing.entrySet()) {
            int failed = failedByRing.getOrDefault(e.getKey(), 0);
            if (failed > 0 && failed * 100L >= (long) percent * e.getValue()) {
                return Optional.of(failed + " of " + e.getValue() + " sites of ring " + e.getKey()
                        + " failed or rolled back (threshold " + this + " of a ring)");
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return count != null ? String.valueOf(count) : percent + "%";
    }
}

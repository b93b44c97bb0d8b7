package io.patchbay.model.rollout;

import io.patchbay.model.PatchbayException;

/**
 * When the next ring of a rollout opens, beside the daily quota, as the release manager chose (one or
 * the other): when {@code installedPercent}% of the previous ring has installed the release
 * ({@code --advance-at 75%}), or {@code afterDays} days after the previous ring opened
 * ({@code --advance-after 2}). Neither: a ring opens the day after the previous one was fully admitted
 * (the quota alone). Never earlier than the quota allows.
 *
 * @param installedPercent 1..100, or null
 * @param afterDays        1..365, or null
 */
public record RingAdvance(Integer installedPercent, Integer afterDays) {
    public static final RingAdvance QUOTA_ONLY = new RingAdvance(null, null);

    public RingAdvance {
        if (installedPercent != null && afterDays != null) {
            throw new PatchbayException("a ring opens on installs (--advance-at) or after days (--advance-after), not both");
        }
        if (installedPercent != null && (installedPercent < 1 || installedPercent > 100)) {
            throw new PatchbayException("--advance-at needs 1% to 100%, not " + installedPercent + "%");
        }
        if (afterDays != null && (afterDays < 1 || afterDays > 365)) {
            throw new PatchbayException("--advance-after needs 1 to 365 days, not " + afterDays);
        }
    }

    /** {@code 75%} (or {@code 75}) as the installed share that opens the next ring. */
    public static Integer parsePercent(String text) {
        String t = text == null ? "" : text.strip();
        t = t.endsWith("%") ? t.substring(0, t.length() - 1).strip() : t;
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new PatchbayException("not a share of a ring: '" + text + "' (expected a percentage such as 75%)");
        }
    }

    public boolean waitsForInstalls() {
        return installedPercent != null;
    }

    /** How many of a ring of {@code size} sites must have installed to open the next ring. */
    public int installsNeeded(int size) {
        return installedPercent == null ? 0 : (int) Math.max(1, Math.ceil(size * installedPercent / 100.0));
    }

    @Override
    public String toString() {
        if (installedPercent == null && afterDays == null) {
            return "when the previous ring is fully admitted";
        }
        return installedPercent != null ? "when " + installedPercent + "% of the previous ring installed"
                : afterDays + (afterDays == 1 ? " day" : " days") + " after the previous ring opened";
    }
}

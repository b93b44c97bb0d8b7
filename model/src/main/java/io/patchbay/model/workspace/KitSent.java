package io.patchbay.model.workspace;

/**
 * Which kit a delivery last sent (or is sending) to its site, and, when the site refused a delta first, why.
 *
 * @param kitFile        the file the site received, e.g. {@code Spruce-12.10.11-12.10.12.delta.kit}
 * @param fallbackReason the site's "needs the full kit: ..." for the delta it refused before the full kit went;
 *                       null when it refused none
 */
public record KitSent(SentKind kind, String kitFile, String fallbackReason) {

    /** {@code delta Spruce-12.10.11-12.10.12.delta.kit}, or {@code full kit ... (after the delta was refused: ...)}. */
    public String describe() {
        return kind.text() + " " + kitFile + (fallbackReason == null ? "" : " (after the delta was refused: "
                + fallbackReason + ")");
    }
}

package io.patchbay.model.pull;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.release.Version;

import java.time.Instant;
import java.util.Objects;

/**
 * What a vendor tells the sites when it pulls a release (design.md, "Rollout waves, pulls and holds"): this
 * release must not be installed. Sites that have not installed it mark their patch pulled; sites that already
 * did are told, not changed. Carried as a small signed file ({@link PullNotices}).
 *
 * @param product  the product, as in the kit's manifest
 * @param version  the pulled version
 * @param pulledAt when the release was pulled on the workstation
 * @param reason   why, in the release manager's words (sites show it to their administrator)
 * @param sequence the notice's number, from the workspace's one counter of pull notices: a site refuses a notice
 *                 of a release older than one it has seen ("no going back"). {@link #UNNUMBERED} for a notice
 *                 of format 1, written before notices were numbered.
 */
public record PullNotice(String product, Version version, Instant pulledAt, String reason, long sequence) {
    /** Longest product name a notice carries (the workspace allows 200). */
    public static final int MAX_PRODUCT = 200;
    /** Longest reason a notice carries (the workspace keeps 2000 characters). */
    public static final int MAX_REASON = 2000;
    /** The sequence of a notice written before notices were numbered (format 1). */
    public static final long UNNUMBERED = 0;

    public PullNotice {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(pulledAt, "pulledAt");
        if (product == null || product.isBlank() || product.length() > MAX_PRODUCT) {
            throw new PatchbayException("a pull notice needs a product name of 1 to " + MAX_PRODUCT + " characters");
        }
        if (reason == null || reason.isBlank()) {
            throw new PatchbayException("a pull notice needs a reason");
        }
        if (reason.length() > MAX_REASON) {
            throw new PatchbayException("a pull notice's reason is longer than " + MAX_REASON + " characters");
        }
        if (sequence < 0) {
            throw new PatchbayException("a pull notice's sequence number must be 1 or more (0: unnumbered)");
        }
    }

    /** An unnumbered notice, as format 1 wrote them. */
    public PullNotice(String product, Version version, Instant pulledAt, String reason) {
        this(product, version, pulledAt, reason, UNNUMBERED);
    }

    public boolean numbered() {
        return sequence != UNNUMBERED;
    }

    /** {@code Spruce 12.10.11}, as the rest of Patchbay names a release. */
    public String title() {
        return product + " " + version;
    }

    /** Whether this notice is about the release {@code product version} (12.10 and 12.10.0 are one version). */
    public boolean isAbout(String otherProduct, Version otherVersion) {
        return product.equals(otherProduct) && version.equals(otherVersion);
    }
}

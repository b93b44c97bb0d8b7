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
 */
public record PullNotice(String product, Version version, Instant pulledAt, String reason) {
    /** Longest product name a notice carries (the workspace allows 200). */
    public static final int MAX_PRODUCT = 200;
    /** Longest reason a notice carries (the workspace keeps 2000 characters). */
    public static final int MAX_REASON = 2000;

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

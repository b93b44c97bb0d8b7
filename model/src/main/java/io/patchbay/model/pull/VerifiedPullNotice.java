package io.patchbay.model.pull;

/**
 * A pull notice whose signature checked out against one of the site's trusted keys.
 *
 * @param signerFingerprint {@code SHA256:...} of the trusted key that signed it
 */
public record VerifiedPullNotice(PullNotice notice, String signerFingerprint) {
}

package io.patchbay.agent.registry;

import io.patchbay.model.pull.VerifiedPullNotice;
import io.patchbay.model.release.Version;

import java.time.Instant;
import java.util.Objects;

/**
 * The site's record of a release the vendor pulled, from a verified pull notice. Kept whether or not the
 * site has the release's kit: a kit that arrives later is registered as pulled.
 *
 * @param product    the product, as in the notice
 * @param version    the pulled version, as in the notice
 * @param pulledAt   when the vendor pulled it
 * @param reason     the vendor's reason
 * @param signer     {@code SHA256:...} of the trusted key that signed the notice
 * @param notice     the notice's file name, kept in the agent home's {@code pulls/}
 * @param receivedAt when this site received the notice: from then on it has been told
 * @param sequence   the highest sequence number of this release's notices seen here; 0 while only unnumbered
 *                   (format 1) notices came (and in a registry written before notices were numbered)
 */
public record PullRecord(String product, String version, Instant pulledAt, String reason, String signer,
                         String notice, Instant receivedAt, long sequence) {

    public PullRecord {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    public static PullRecord of(VerifiedPullNotice v, String noticeFile, Instant receivedAt) {
        return new PullRecord(v.notice().product(), v.notice().version().toString(), v.notice().pulledAt(),
                v.notice().reason(), v.signerFingerprint(), noticeFile, receivedAt, v.notice().sequence());
    }

    /** This record with {@code seen} as its highest sequence when it is higher; the first notice's words stay. */
    public PullRecord seen(long seen) {
        return seen <= sequence ? this : new PullRecord(product, version, pulledAt, reason, signer, notice, receivedAt,
                seen);
    }

    /** Whether this pull is about {@code product version} (12.10 and 12.10.0 are one version). */
    public boolean isAbout(String otherProduct, String otherVersion) {
        return otherProduct != null && otherVersion != null && product.equals(otherProduct)
                && Version.parse(version).equals(Version.parse(otherVersion));
    }

    /** {@code Spruce 12.10.11}. */
    public String title() {
        return product + " " + version;
    }
}

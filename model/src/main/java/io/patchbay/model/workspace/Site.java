package io.patchbay.model.workspace;

import java.time.Instant;
import java.util.Optional;

/**
 * A site as stored: its id, what a person said about it, and when.
 *
 * @param caCertificatePem an HTTPS site's CA certificate (PEM) as stored in the database, shared by every machine of
 *                         a team; null when none is stored (then the recorded {@code caCertFile}, if any)
 */
public record Site(long id, SiteSpec spec, Instant createdAt, Instant updatedAt, String caCertificatePem) {
    public Site(long id, SiteSpec spec, Instant createdAt, Instant updatedAt) {
        this(id, spec, createdAt, updatedAt, null);
    }

    public String name() {
        return spec.name();
    }

    public String ring() {
        return spec.ring();
    }

    /** The CA certificate every machine trusts for this site, when one is stored in the database. */
    public Optional<String> sharedCaCertificate() {
        return Optional.ofNullable(caCertificatePem);
    }
}

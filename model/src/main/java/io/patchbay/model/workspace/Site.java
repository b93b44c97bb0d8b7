package io.patchbay.model.workspace;

import java.time.Instant;

/** A site as stored: its id, what a person said about it, and when. */
public record Site(long id, SiteSpec spec, Instant createdAt, Instant updatedAt) {
    public String name() {
        return spec.name();
    }

    public String ring() {
        return spec.ring();
    }
}

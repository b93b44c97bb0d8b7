package io.patchbay.model.rollout;

import java.util.Objects;

/** One site a rollout brings its release to, and the ring the site belongs to. */
public record Target(String site, String ring) {
    public Target {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(ring, "ring");
    }
}

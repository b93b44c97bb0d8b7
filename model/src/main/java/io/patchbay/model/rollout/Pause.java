package io.patchbay.model.rollout;

import java.time.Instant;
import java.util.Objects;

/** A span in which a rollout was paused; {@code to} is null while it still is. */
public record Pause(Instant from, Instant to) {
    public Pause {
        Objects.requireNonNull(from, "from");
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("a pause ends before it starts: " + from + " to " + to);
        }
    }
}

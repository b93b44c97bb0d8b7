package io.patchbay.model.policy;

import java.time.Instant;
import java.util.Objects;

/** A half-open span of time {@code [from, to)}: {@code to} itself is outside. */
public record TimeRange(Instant from, Instant to) {
    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    public boolean isEmpty() {
        return !to.isAfter(from);
    }
}

package io.patchbay.model.policy;

import java.time.Instant;

/**
 * The answer of {@link InstallTiming#nextOpening}: the first instant every timing rule allows, or null
 * ("never") when none within the search horizon does, and the rule that decided it (see
 * {@link InstallTiming#nextOpening}). {@code decidedBy} is null when the search's own start was allowed.
 */
public record InstallOpening(Instant at, TimingRule decidedBy) {
    public boolean never() {
        return at == null;
    }
}

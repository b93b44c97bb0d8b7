package io.patchbay.app.ui.rollout;

import java.time.Instant;

/** Sites reached by a moment: how many had the kit delivered, installed it, or failed, so far. */
public record ProgressPoint(Instant at, int delivered, int installed, int failed) {
}

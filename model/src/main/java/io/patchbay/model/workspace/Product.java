package io.patchbay.model.workspace;

import java.time.Instant;

/** A product the workspace ships, e.g. "Spruce". */
public record Product(long id, String name, Instant addedAt) {
}

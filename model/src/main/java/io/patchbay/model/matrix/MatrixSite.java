package io.patchbay.model.matrix;

import java.util.Objects;

/** One row of the matrix: a site and the ring it belongs to. */
public record MatrixSite(String name, String ring) {
    public MatrixSite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ring, "ring");
    }
}

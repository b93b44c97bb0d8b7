package io.patchbay.model.matrix;

import java.util.Objects;

/** One column of the matrix: a release of a product. */
public record MatrixRelease(String product, String version) {
    public MatrixRelease {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(version, "version");
    }

    /** E.g. "Spruce 12.10.11". */
    public String label() {
        return product + " " + version;
    }
}

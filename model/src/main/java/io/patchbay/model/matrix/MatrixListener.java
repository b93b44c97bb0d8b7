package io.patchbay.model.matrix;

/** Told about changed cells; may be called on any thread. */
@FunctionalInterface
public interface MatrixListener {
    void cellsChanged(MatrixChange change);
}

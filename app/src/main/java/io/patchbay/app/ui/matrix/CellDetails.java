package io.patchbay.app.ui.matrix;

/** Reads a cell's detail (the database); called off the FX thread. */
@FunctionalInterface
public interface CellDetails {
    /** Knows nothing beyond the grid (demo data). */
    CellDetails NONE = (site, release) -> CellDetail.EMPTY;

    CellDetail read(int site, int release);
}

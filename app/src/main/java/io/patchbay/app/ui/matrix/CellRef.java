package io.patchbay.app.ui.matrix;

/** One cell of the matrix by index: a position in the source's sites and releases. */
public record CellRef(int site, int release) {
}

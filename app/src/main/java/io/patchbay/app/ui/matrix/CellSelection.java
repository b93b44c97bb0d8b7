package io.patchbay.app.ui.matrix;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The selected cells, one bit per cell (1 M cells = 125 kB), and how clicks change them. Rows are
 * display rows of the given {@link MatrixRows}; a ring header row stands for its shown sites.
 */
final class CellSelection {
    private final int releaseCount;
    private final BitSet bits = new BitSet();
    private int anchorRow = -1;
    private int anchorColumn = -1;

    CellSelection(int releaseCount) {
        this.releaseCount = releaseCount;
    }

    boolean contains(int site, int release) {
        return bits.get(site * releaseCount + release);
    }

    int count() {
        return bits.cardinality();
    }

    List<CellRef> cells() {
        List<CellRef> cells = new ArrayList<>();
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            cells.add(new CellRef(i / releaseCount, i % releaseCount));
        }
        return cells;
    }

    /** A click on a cell: replace, toggle (Ctrl), or the rectangle from the last click (Shift). */
    void click(MatrixRows rows, int row, int column, SelectMode mode) {
        if (mode == SelectMode.EXTEND && anchorRow >= 0) {
            bits.clear();
            rectangle(rows, anchorRow, anchorColumn, row, column);
            return;
        }
        if (mode != SelectMode.TOGGLE) {
            bits.clear();
        }
        boolean on = mode != SelectMode.TOGGLE || !allSelected(rows, row, column);
        forSitesOf(rows, row, site -> set(site, column, on));
        anchorRow = row;
        anchorColumn = column;
    }

    /** Every release of a row's site(s); REPLACE clears first, other modes add. */
    void row(MatrixRows rows, int row, SelectMode mode) {
        if (mode == SelectMode.REPLACE) {
            bits.clear();
        }
        forSitesOf(rows, row, site -> bits.set(site * releaseCount, site * releaseCount + releaseCount));
        anchorRow = row;
        anchorColumn = 0;
    }

    /** A release on every shown site; REPLACE clears first, other modes add. */
    void column(MatrixRows rows, int column, SelectMode mode) {
        if (mode == SelectMode.REPLACE) {
            bits.clear();
        }
        for (int row = 0; row < rows.size(); row++) {
            int site = rows.siteIndex(row);
            if (site >= 0) {
                set(site, column, true);
            }
        }
    }

    void all(MatrixRows rows) {
        bits.clear();
        rectangle(rows, 0, 0, rows.size() - 1, releaseCount - 1);
    }

    void clear() {
        bits.clear();
        anchorRow = -1;
        anchorColumn = -1;
    }

    /** Drops cells of sites the rows no longer show; true when any were dropped. */
    boolean retainShown(MatrixRows rows) {
        boolean changed = false;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            if (rows.rowOf(i / releaseCount) < 0) {
                bits.clear(i);
                changed = true;
            }
        }
        if (changed) {
            anchorRow = -1;
        }
        return changed;
    }

    private void set(int site, int release, boolean selected) {
        bits.set(site * releaseCount + release, selected);
    }

    private boolean allSelected(MatrixRows rows, int row, int column) {
        boolean[] all = {true};
        boolean[] any = {false};
        forSitesOf(rows, row, site -> {
            any[0] = true;
            all[0] &= contains(site, column);
        });
        return any[0] && all[0];
    }

    private void rectangle(MatrixRows rows, int row1, int column1, int row2, int column2) {
        int top = Math.max(0, Math.min(row1, row2));
        int bottom = Math.min(rows.size() - 1, Math.max(row1, row2));
        int left = Math.max(0, Math.min(column1, column2));
        int right = Math.min(releaseCount - 1, Math.max(column1, column2));
        for (int row = top; row <= bottom; row++) {
            int site = rows.siteIndex(row);
            if (site >= 0 && left <= right) {
                bits.set(site * releaseCount + left, site * releaseCount + right + 1);
            }
        }
    }

    /** The site of a row, or every shown site of the ring when the row is a ring header. */
    private static void forSitesOf(MatrixRows rows, int row, IntConsumer action) {
        if (!rows.isRingHeader(row)) {
            action.accept(rows.siteIndex(row));
            return;
        }
        for (int r = row + 1; r < rows.size() && !rows.isRingHeader(r); r++) {
            action.accept(rows.siteIndex(r));
        }
    }
}

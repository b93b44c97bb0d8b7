package io.patchbay.app.ui.matrix;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Selected cells as one bit per cell (1 M cells = 125 kB), by site and release index. */
final class CellSelection {
    private final int releaseCount;
    private final BitSet bits = new BitSet();

    CellSelection(int releaseCount) {
        this.releaseCount = releaseCount;
    }

    boolean contains(int site, int release) {
        return bits.get(site * releaseCount + release);
    }

    void set(int site, int release, boolean selected) {
        bits.set(site * releaseCount + release, selected);
    }

    void flip(int site, int release) {
        bits.flip(site * releaseCount + release);
    }

    void clear() {
        bits.clear();
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
}

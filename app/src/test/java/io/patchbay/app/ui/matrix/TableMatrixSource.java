package io.patchbay.app.ui.matrix;

import io.patchbay.model.matrix.MatrixCell;
import io.patchbay.model.matrix.MatrixChange;
import io.patchbay.model.matrix.MatrixListener;
import io.patchbay.model.matrix.MatrixListeners;
import io.patchbay.model.matrix.MatrixRelease;
import io.patchbay.model.matrix.MatrixSite;
import io.patchbay.model.matrix.MatrixSource;
import io.patchbay.model.matrix.MatrixState;

import java.util.ArrayList;
import java.util.List;

/** A small matrix written out cell by cell, for tests that check exact rows and words. */
final class TableMatrixSource implements MatrixSource {
    private final List<String> rings;
    private final List<MatrixSite> sites = new ArrayList<>();
    private final List<MatrixRelease> releases = new ArrayList<>();
    private final List<MatrixCell[]> cells = new ArrayList<>();
    private final MatrixListeners listeners = new MatrixListeners();

    TableMatrixSource(List<String> rings, String... versions) {
        this.rings = rings;
        for (String version : versions) {
            releases.add(new MatrixRelease("Spruce", version));
        }
    }

    /** Adds a site with one state per release. */
    TableMatrixSource site(String name, String ring, MatrixState... states) {
        sites.add(new MatrixSite(name, ring));
        MatrixCell[] row = new MatrixCell[releases.size()];
        for (int r = 0; r < row.length; r++) {
            row[r] = MatrixCell.of(states[r]);
        }
        cells.add(row);
        return this;
    }

    /** Changes a cell and announces it, as the outbox worker would. */
    void set(int site, int release, MatrixCell cell) {
        cells.get(site)[release] = cell;
        listeners.announce(MatrixChange.of(site, release));
    }

    @Override
    public List<String> rings() {
        return rings;
    }

    @Override
    public List<MatrixSite> sites() {
        return sites;
    }

    @Override
    public List<MatrixRelease> releases() {
        return releases;
    }

    @Override
    public MatrixCell cell(int site, int release) {
        return cells.get(site)[release];
    }

    @Override
    public Subscription subscribe(MatrixListener listener) {
        return listeners.subscribe(listener);
    }
}

package io.patchbay.app.ui.matrix;

import java.util.Arrays;

/**
 * The rows the matrix shows now, top to bottom: for each ring with shown sites, a ring header row and
 * then its sites. Immutable; a new filter makes a new one.
 */
public final class MatrixRows {
    private final int[] entries;          // site index, or -(ring index + 1) for a ring header
    private final int[] rowOfSite;        // display row of each site, -1 when hidden
    private final int[] shownPerRing;
    private final int[] totalPerRing;
    private final int shownSites;

    MatrixRows(int[] entries, int siteCount, int[] shownPerRing, int[] totalPerRing) {
        this.entries = entries;
        this.shownPerRing = shownPerRing;
        this.totalPerRing = totalPerRing;
        this.rowOfSite = new int[siteCount];
        Arrays.fill(rowOfSite, -1);
        int sites = 0;
        for (int row = 0; row < entries.length; row++) {
            if (entries[row] >= 0) {
                rowOfSite[entries[row]] = row;
                sites++;
            }
        }
        this.shownSites = sites;
    }

    public int size() {
        return entries.length;
    }

    public boolean isRingHeader(int row) {
        return entries[row] < 0;
    }

    /** The site shown in a row; -1 for a ring header. */
    public int siteIndex(int row) {
        return Math.max(-1, entries[row]);
    }

    /** The ring of a ring header row; -1 for a site row. */
    public int ringIndex(int row) {
        return entries[row] < 0 ? -entries[row] - 1 : -1;
    }

    /** The display row of a site, or -1 when the filter hides it. */
    public int rowOf(int site) {
        return rowOfSite[site];
    }

    public int shownSites() {
        return shownSites;
    }

    public int shownInRing(int ring) {
        return shownPerRing[ring];
    }

    public int totalInRing(int ring) {
        return totalPerRing[ring];
    }
}

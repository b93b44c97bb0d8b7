package io.patchbay.model.matrix;

import java.util.Arrays;

/**
 * A batch of changed cells, as (site index, release index) pairs. The outbox worker and the status
 * harvest publish these so the matrix repaints only what changed.
 */
public final class MatrixChange {
    private final int[] sites;
    private final int[] releases;

    public MatrixChange(int[] sites, int[] releases) {
        if (sites.length != releases.length) {
            throw new IllegalArgumentException("a change needs one release index per site index");
        }
        this.sites = sites.clone();
        this.releases = releases.clone();
    }

    public static MatrixChange of(int site, int release) {
        return new MatrixChange(new int[]{site}, new int[]{release});
    }

    public int size() {
        return sites.length;
    }

    public int site(int i) {
        return sites[i];
    }

    public int release(int i) {
        return releases[i];
    }

    @Override
    public String toString() {
        return "MatrixChange" + Arrays.toString(sites) + "x" + Arrays.toString(releases);
    }
}

package io.patchbay.model.matrix;

import java.util.List;

/**
 * The matrix's data: sites (rows), releases (columns) and the cell where they meet. Implemented over
 * the workspace; the list of sites and releases is fixed for the life of one source (a new site or
 * release means a new source), cells change and are announced to listeners.
 *
 * <p>Indexes are positions in {@link #sites()} and {@link #releases()}. {@link #cell} and {@link #state}
 * are called for visible cells and once per cell when a view is opened, so they must answer from
 * memory, never from disk or network.
 */
public interface MatrixSource {

    /** Ring names in rollout order (e.g. internal, pilot, early, broad). Every site's ring is one of them. */
    List<String> rings();

    List<MatrixSite> sites();

    List<MatrixRelease> releases();

    MatrixCell cell(int site, int release);

    /** Just the state; sources may answer this without building a {@link MatrixCell}. */
    default MatrixState state(int site, int release) {
        return cell(site, release).state();
    }

    /** Whether the release at a column was pulled: its column is marked as such. */
    default boolean releasePulled(int release) {
        return false;
    }

    /** Starts telling the listener about changed cells until the returned subscription is closed. */
    Subscription subscribe(MatrixListener listener);

    /** Stops a listener; closing twice is harmless. */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}

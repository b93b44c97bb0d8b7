package io.patchbay.model.workspace;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The matrix's cells as they change, for a screen that follows along: each call of {@link #next()} returns the
 * cells whose committed state differs from what the feed last saw, so every committed change reaches the screen
 * once, and a cell that did not change is not returned again.
 *
 * <p>Following by "written after the last row seen" would lose changes: a transaction stamps its rows with the
 * database's time when it runs, not when it commits, so with several workstations and workers one that stamped
 * earlier may commit after a later one was already read. Each read therefore goes back over {@link
 * #LONGEST_WRITE} before the previous read's own database time: a change not yet committed at that read commits
 * later, so its stamp is at most {@code LONGEST_WRITE} older than the read. Cells the window returns again are
 * compared with what the previous read returned and dropped when equal. The same holds on H2 and PostgreSQL, and
 * needs no more than the time columns the rows already carry.
 */
public final class MatrixFeed {
    /**
     * The longest a transaction that changes a cell may run between stamping its time and committing. The
     * workspace's transactions take milliseconds, a rollout to thousands of sites seconds; one that takes longer
     * is logged by {@link Database}, as a screen may miss its change until the next change of that cell.
     */
    public static final Duration LONGEST_WRITE = Duration.ofMinutes(1);

    private final Matrix matrix;
    private Instant lastRead;
    private Map<Key, MatrixCell> seen = new HashMap<>();

    MatrixFeed(Matrix matrix) {
        this.matrix = matrix;
    }

    private record Key(long siteId, long releaseId) {
    }

    /** The first call returns every cell; later calls return the cells that changed since the previous call. */
    public synchronized List<MatrixCell> next() {
        Matrix.Snapshot read = matrix.snapshot(lastRead == null ? null : lastRead.minus(LONGEST_WRITE));
        List<MatrixCell> changed = new ArrayList<>();
        Map<Key, MatrixCell> now = new HashMap<>();
        for (MatrixCell cell : read.cells()) {
            Key key = new Key(cell.siteId(), cell.releaseId());
            now.put(key, cell);
            if (!cell.equals(seen.get(key))) {
                changed.add(cell);
            }
        }
        // Only the window's cells are kept: a cell outside it was written before the window began, and the next
        // window begins later still, so it comes back only when it changes (with a later stamp).
        seen = now;
        lastRead = read.at();
        return changed;
    }
}

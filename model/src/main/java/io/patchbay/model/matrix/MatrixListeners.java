package io.patchbay.model.matrix;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners of one {@link MatrixSource}: what every source does with them, in one place. Safe to announce from
 * the thread that finds changes (a poller, the demo's simulation) while views subscribe and leave on theirs.
 */
public final class MatrixListeners {
    private final List<MatrixListener> listeners = new CopyOnWriteArrayList<>();

    /** {@link MatrixSource#subscribe}: tells the listener of changes until the subscription is closed. */
    public MatrixSource.Subscription subscribe(MatrixListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Tells every listener of these changed cells. */
    public void announce(MatrixChange change) {
        listeners.forEach(l -> l.cellsChanged(change));
    }

    /** Forgets every listener (the source is closed). */
    public void clear() {
        listeners.clear();
    }
}

package io.patchbay.app.ui.workspace;

import io.patchbay.model.matrix.MatrixSource;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The open workspace's cell changes, by release, for screens other than the matrix (the Rollout screen):
 * they follow the matrix's own once-a-second pass over the outbox and the agents' reports instead of
 * polling the database a second time. Outlives an F5 that replaces the matrix's source. Listeners are told
 * on the UI thread.
 */
public final class WorkspaceChanges {
    private final Executor uiThread;
    private final List<Consumer<Set<Long>>> listeners = new CopyOnWriteArrayList<>();
    private MatrixSource.Subscription current;
    private volatile boolean closed;

    /** @param uiThread runs a runnable on the UI thread ({@code Platform::runLater}; tests: {@code Runnable::run}) */
    public WorkspaceChanges(Executor uiThread) {
        this.uiThread = uiThread;
    }

    /** Follows this source from now on (the one the matrix shows). */
    public synchronized void follow(WorkspaceMatrixSource source) {
        if (current != null) {
            current.close();
        }
        current = source.subscribeReleases(ids -> uiThread.execute(() -> {
            if (!closed) { // a pass that ended as the client closed tells nobody: their task executor is gone
                listeners.forEach(l -> l.accept(ids));
            }
        }));
    }

    /** Stops telling listeners, also about passes already on their way to the UI thread. */
    public synchronized void close() {
        closed = true;
        if (current != null) {
            current.close();
        }
        listeners.clear();
    }

    /** {@code listener} gets the ids of releases whose cells changed. */
    public MatrixSource.Subscription subscribe(Consumer<Set<Long>> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}

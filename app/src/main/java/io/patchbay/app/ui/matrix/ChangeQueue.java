package io.patchbay.app.ui.matrix;

import io.patchbay.model.matrix.MatrixChange;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Collects changes announced on any thread and hands them to the UI thread in one batch, so a worker
 * announcing thousands of cells a second causes one repaint per pulse, not thousands of queued runnables.
 */
final class ChangeQueue {
    private final Executor uiThread;
    private final Consumer<List<MatrixChange>> consumer;
    private final Object lock = new Object();
    private List<MatrixChange> pending = new ArrayList<>();
    private boolean scheduled;

    ChangeQueue(Executor uiThread, Consumer<List<MatrixChange>> consumer) {
        this.uiThread = uiThread;
        this.consumer = consumer;
    }

    void add(MatrixChange change) {
        boolean schedule;
        synchronized (lock) {
            pending.add(change);
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            uiThread.execute(this::drain);
        }
    }

    private void drain() {
        List<MatrixChange> batch;
        synchronized (lock) {
            batch = pending;
            pending = new ArrayList<>();
            scheduled = false;
        }
        if (!batch.isEmpty()) {
            consumer.accept(batch);
        }
    }
}

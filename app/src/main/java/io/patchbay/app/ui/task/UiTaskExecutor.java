package io.patchbay.app.ui.task;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs background tasks on a small pool of daemon threads and reports them on the FX thread. Each
 * task becomes a JavaFX {@link Task}, so progress and messages reach the UI coalesced, and ControlsFX's
 * task list can show and cancel them.
 */
public final class UiTaskExecutor implements TaskExecutor {
    private static final TaskHandle CANCELLED = new TaskHandle() {
        @Override
        public void cancel() {
        }

        @Override
        public boolean isDone() {
            return true;
        }
    };

    private final ExecutorService pool;
    private final ObservableList<Task<?>> running = FXCollections.observableArrayList();

    public UiTaskExecutor(int threads) {
        this.pool = Executors.newFixedThreadPool(threads, new DaemonThreads());
    }

    @Override
    public <V> TaskHandle execute(BackgroundTask<V> task) {
        FxTask<V> fxTask = new FxTask<>(task);
        fxTask.setOnSucceeded(e -> finish(fxTask, () -> task.succeeded(fxTask.getValue())));
        fxTask.setOnFailed(e -> finish(fxTask, () -> task.failed(fxTask.getException())));
        fxTask.setOnCancelled(e -> finish(fxTask, task::cancelled));
        // Listed before it can finish: the finish handlers are queued on the FX thread after this.
        onFxThread(() -> running.add(fxTask));
        try {
            pool.execute(fxTask);
        } catch (RejectedExecutionException closed) {
            // A timer (the wizard's preview debounce, a poll) may fire after the client closed: the work is
            // moot then, so it ends as cancelled instead of throwing on the FX thread.
            onFxThread(() -> finish(fxTask, task::cancelled));
            return CANCELLED;
        }
        return new TaskHandle() {
            @Override
            public void cancel() {
                fxTask.cancel(true);
            }

            @Override
            public boolean isDone() {
                return fxTask.isDone();
            }
        };
    }

    @Override
    public ObservableList<Task<?>> runningTasks() {
        return running;
    }

    @Override
    public void shutdown() {
        // A copy: cancelling on the FX thread removes the task from the list at once.
        onFxThread(() -> java.util.List.copyOf(running).forEach(Task::cancel));
        pool.shutdownNow();
    }

    private void finish(Task<?> fxTask, Runnable callback) {
        running.remove(fxTask);
        callback.run();
    }

    private static void onFxThread(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    /** Adapts a {@link BackgroundTask} to JavaFX's {@link Task}. */
    private static final class FxTask<V> extends Task<V> implements TaskContext {
        private final BackgroundTask<V> task;

        FxTask(BackgroundTask<V> task) {
            this.task = task;
            updateTitle(task.title());
        }

        @Override
        protected V call() throws Exception {
            return task.call(this);
        }

        @Override
        public void updateProgress(long done, long total) {
            super.updateProgress(done, total);
        }

        @Override
        public void updateMessage(String message) {
            super.updateMessage(message);
        }
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, "patchbay-task-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}

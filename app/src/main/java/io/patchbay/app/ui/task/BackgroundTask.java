package io.patchbay.app.ui.task;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Slow work (disk, database, network) described once and handed to a {@link TaskExecutor}. The work
 * runs off the FX thread; the callbacks run on the FX thread (or, with {@link CurrentThreadTaskExecutor}
 * in tests, on the caller's thread). View models build these, never threads.
 *
 * <pre>
 * BackgroundTask.of("Verify kit", ctx -> verifier.verify(path))
 *         .onSuccess(result -> this.result.set(result))
 *         .onFailure(dialogs::showError)
 *         .executeWith(tasks);
 * </pre>
 */
public final class BackgroundTask<V> {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTask.class);

    /** The work itself; runs on a worker thread. */
    @FunctionalInterface
    public interface Work<V> {
        V run(TaskContext context) throws Exception;
    }

    /** Work without a result. */
    @FunctionalInterface
    public interface VoidWork {
        void run(TaskContext context) throws Exception;
    }

    private final String title;
    private final Work<V> work;
    private Consumer<? super V> onSuccess = value -> { };
    private Consumer<? super Throwable> onFailure;
    private Runnable onCancelled = () -> { };
    private Runnable onFinished = () -> { };

    private BackgroundTask(String title, Work<V> work) {
        this.title = Objects.requireNonNull(title, "title");
        this.work = Objects.requireNonNull(work, "work");
        this.onFailure = failure -> LOG.warn("{} failed", title, failure);
    }

    public static <V> BackgroundTask<V> of(String title, Work<V> work) {
        return new BackgroundTask<>(title, work);
    }

    public static BackgroundTask<Void> ofVoid(String title, VoidWork work) {
        Objects.requireNonNull(work, "work");
        return new BackgroundTask<>(title, context -> {
            work.run(context);
            return null;
        });
    }

    /** Runs on the FX thread with the work's result. */
    public BackgroundTask<V> onSuccess(Consumer<? super V> handler) {
        this.onSuccess = Objects.requireNonNull(handler);
        return this;
    }

    /** Runs on the FX thread with what the work threw. Without one, the failure is logged. */
    public BackgroundTask<V> onFailure(Consumer<? super Throwable> handler) {
        this.onFailure = Objects.requireNonNull(handler);
        return this;
    }

    public BackgroundTask<V> onCancelled(Runnable handler) {
        this.onCancelled = Objects.requireNonNull(handler);
        return this;
    }

    /** Runs on the FX thread after success, failure or cancellation. */
    public BackgroundTask<V> onFinished(Runnable handler) {
        this.onFinished = Objects.requireNonNull(handler);
        return this;
    }

    public TaskHandle executeWith(TaskExecutor executor) {
        return executor.execute(this);
    }

    public String title() {
        return title;
    }

    // Called by executors.

    V call(TaskContext context) throws Exception {
        return work.run(context);
    }

    void succeeded(V value) {
        try {
            onSuccess.accept(value);
        } finally {
            onFinished.run();
        }
    }

    void failed(Throwable failure) {
        try {
            onFailure.accept(failure);
        } finally {
            onFinished.run();
        }
    }

    void cancelled() {
        try {
            onCancelled.run();
        } finally {
            onFinished.run();
        }
    }
}

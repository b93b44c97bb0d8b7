package io.patchbay.app.ui.task;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs each task at once on the calling thread, callbacks included, so view-model tests are
 * deterministic and need no FX thread. Keeps the titles and the last progress for assertions.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    private final List<String> executedTitles = new ArrayList<>();
    private double lastProgress = -1;
    private String lastMessage;

    @Override
    public <V> TaskHandle execute(BackgroundTask<V> task) {
        executedTitles.add(task.title());
        V value;
        try {
            value = task.call(new Context());
        } catch (Exception | Error e) {
            task.failed(e);
            return Done.INSTANCE;
        }
        task.succeeded(value);
        return Done.INSTANCE;
    }

    @Override
    public ObservableList<Task<?>> runningTasks() {
        return FXCollections.emptyObservableList();
    }

    @Override
    public void shutdown() {
        // Nothing runs in the background.
    }

    public List<String> executedTitles() {
        return List.copyOf(executedTitles);
    }

    /** The last reported progress as a fraction 0..1, or -1 when none was reported. */
    public double lastProgress() {
        return lastProgress;
    }

    public String lastMessage() {
        return lastMessage;
    }

    private final class Context implements TaskContext {
        @Override
        public void updateProgress(long done, long total) {
            lastProgress = total <= 0 ? -1 : (double) done / total;
        }

        @Override
        public void updateMessage(String message) {
            lastMessage = message;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }

    private enum Done implements TaskHandle {
        INSTANCE;

        @Override
        public void cancel() {
            // Already finished.
        }

        @Override
        public boolean isDone() {
            return true;
        }
    }
}

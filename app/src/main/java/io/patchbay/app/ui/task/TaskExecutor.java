package io.patchbay.app.ui.task;

import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/** The one place slow work is started. Production: {@link UiTaskExecutor}; tests: {@link CurrentThreadTaskExecutor}. */
public interface TaskExecutor {

    <V> TaskHandle execute(BackgroundTask<V> task);

    /**
     * The tasks running now, for the status bar and the task list (title, message, progress, cancel).
     * Changed on the FX thread only.
     */
    ObservableList<Task<?>> runningTasks();

    /** Cancels what runs and refuses new work; called when the window closes. */
    void shutdown();
}

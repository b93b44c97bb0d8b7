package io.patchbay.app.ui.task;

/** A submitted task, to cancel it or ask whether it is finished. */
public interface TaskHandle {
    /** Asks the task to stop; its {@code onCancelled} runs instead of success or failure. */
    void cancel();

    boolean isDone();
}

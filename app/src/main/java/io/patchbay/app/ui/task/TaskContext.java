package io.patchbay.app.ui.task;

/** What a piece of background work may tell the user about itself, and whether it should stop. */
public interface TaskContext {
    void updateProgress(long done, long total);

    void updateMessage(String message);

    /** Long loops check this between steps and return early; cancelling also interrupts the thread. */
    boolean isCancelled();
}

package io.patchbay.transport;

import io.patchbay.model.StoppedException;

import java.util.concurrent.atomic.AtomicBoolean;

/** A flag another thread sets to stop a transfer at its next chunk; the partial upload is kept for resuming. */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws {@link CancelledException} if cancelled. */
    public void check() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /** Thrown when a transfer stops because someone cancelled it. */
    public static final class CancelledException extends StoppedException {
        private static final long serialVersionUID = 1L;

        public CancelledException() {
            super("transfer cancelled");
        }
    }
}

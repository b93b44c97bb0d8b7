package io.patchbay.transport.https;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets another thread stop an upload: {@link #cancel()} aborts the request in flight and makes the
 * upload end with a {@link TusException} whose {@link TusException#cancelled()} is true. The site
 * keeps what it received, so the same upload URL resumes later.
 */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<Future<?>> inFlight = new AtomicReference<>();

    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        cancelled.set(true);
        Future<?> request = inFlight.get();
        if (request != null) {
            request.cancel(true);
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    void attach(Future<?> request) {
        inFlight.set(request);
        if (cancelled.get()) {
            request.cancel(true);
        }
    }

    void detach() {
        inFlight.set(null);
    }
}

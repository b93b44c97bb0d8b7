package io.patchbay.transport.sftp;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fails a connection that makes no progress for the step timeout: it closes the session, which wakes
 * every wait inside MINA (window space, request replies) with an error. This bounds every SFTP step,
 * whatever MINA's own waits do.
 */
final class Watchdog implements AutoCloseable {
    private final long limitNanos;
    private final Runnable onStall;
    private final ScheduledFuture<?> task;
    private volatile long last = System.nanoTime();
    private volatile boolean fired;

    Watchdog(ScheduledExecutorService timer, Duration limit, Runnable onStall) {
        this.limitNanos = limit.toNanos();
        this.onStall = onStall;
        long period = Math.max(50, Math.min(1000, limit.toMillis() / 4));
        this.task = timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** Called after every completed step or chunk. */
    void progressed() {
        last = System.nanoTime();
    }

    boolean fired() {
        return fired;
    }

    private void check() {
        if (!fired && System.nanoTime() - last > limitNanos) {
            fired = true;
            task.cancel(false);
            onStall.run();
        }
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}

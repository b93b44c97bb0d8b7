package io.patchbay.app.ui.task;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How a screen follows data that changes outside the client (the workspace's outbox, an agent home): one
 * pass every period on its own daemon thread, never on the FX thread. A failing pass is logged and the next
 * one runs; a pass hands what it found to the FX thread itself. The matrix, the Rollout screen (through the
 * matrix's source) and the Site console all follow this way.
 */
public final class Poller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    private final ScheduledExecutorService thread;

    private Poller(String name, Duration every, Runnable pass) {
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(() -> {
            try {
                pass.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed: {}", name, e.getMessage());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts running {@code pass} every {@code every}, the first time one period from now. */
    public static Poller every(String name, Duration every, Runnable pass) {
        return new Poller(name, every, pass);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}

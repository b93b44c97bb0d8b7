package io.patchbay.app.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action on SIGTERM and SIGINT instead of letting the JVM start its shutdown, so a long-running
 * command can stop in order (and still use its database) before it returns. Uses {@code sun.misc.Signal}
 * (module jdk.unsupported, present in every JDK 17); where a signal cannot be handled the JVM's default
 * applies and the outbox's leases lapse instead.
 */
final class StopSignals {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    static void onTermOrInt(Runnable action) {
        for (String name : new String[]{"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> action.run());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.warn("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
    }
}

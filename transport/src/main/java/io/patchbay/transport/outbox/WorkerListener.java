package io.patchbay.transport.outbox;

import io.patchbay.model.workspace.KitRoute;
import io.patchbay.model.workspace.Delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Hears what the {@link DeliveryWorker} does, per site. Called from worker threads, possibly at once
 * from several: implementations must be thread-safe and quick (the CLI prints a line; a desktop client
 * hands the call to its UI thread).
 */
public interface WorkerListener {
    WorkerListener NONE = new WorkerListener() {
    };

    /** The worker took {@code delivery} and starts (or resumes) pushing it. */
    default void sending(Delivery delivery) {
    }

    /** {@code sent} of {@code total} bytes are on the site; called at most about once a second per delivery. */
    /**
     * The kit chosen for this attempt of a release's delivery: its delta or its full kit, and the size that travels
     * (the row's size when it was taken is the full kit's). Not called for notices.
     */
    default void routed(Delivery delivery, KitRoute route, long resumeAt) {
    }

    default void progress(Delivery delivery, long sent, long total) {
    }

    /** The whole kit is in the site's inbox. */
    default void delivered(Delivery delivery, Duration took) {
    }

    /** The try failed; the delivery is tried again at {@code nextTryAt}. */
    default void retrying(Delivery delivery, String reason, Instant nextTryAt) {
    }

    /** The worker stopped sending {@code delivery}: it was cancelled, taken over, or the worker stops. */
    default void stopped(Delivery delivery, String why) {
    }

    /** A site's reports were read and recorded. */
    default void harvested(String site, int reports, List<String> problems) {
    }

    /** A site's reports could not be read (the site is unreachable, say); the worker tries again later. */
    default void harvestFailed(String site, String reason) {
    }

    /** Leases of stopped workers lapsed and their deliveries were returned to the outbox. */
    default void leasesReleased(int count) {
    }
}

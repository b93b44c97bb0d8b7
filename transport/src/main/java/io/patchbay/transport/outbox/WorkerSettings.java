package io.patchbay.transport.outbox;

import io.patchbay.model.delivery.RetryBackoff;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * How a {@link DeliveryWorker} runs.
 *
 * @param workerId      names the worker in leases and events; unique per process
 * @param parallel      how many sites it pushes to at once (one delivery per site at a time)
 * @param lease         how long a delivery stays held without renewal; renewed every second while pushing
 * @param poll          how long it waits between looks at the outbox when nothing finished
 * @param harvestEvery  how often each site's status is read (one site at a time, on its own thread)
 * @param backoff       when a failed delivery is tried again
 */
public record WorkerSettings(String workerId, int parallel, Duration lease, Duration poll, Duration harvestEvery,
                             RetryBackoff backoff) {
    public WorkerSettings {
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("a worker needs an id");
        }
        if (parallel < 1 || parallel > 256) {
            throw new IllegalArgumentException("parallel must be 1..256, got " + parallel);
        }
        if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("the lease must be at least 3 s (it is renewed every second)");
        }
        Objects.requireNonNull(poll, "poll");
        Objects.requireNonNull(harvestEvery, "harvestEvery");
        Objects.requireNonNull(backoff, "backoff");
    }

    /** 4 sites at once, 60 s lease, a look every second, each site's status every minute, standard back-off. */
    public static WorkerSettings defaults(String workerId) {
        return new WorkerSettings(workerId, 4, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofMinutes(1),
                RetryBackoff.standard(new Random()));
    }

    public WorkerSettings withParallel(int value) {
        return new WorkerSettings(workerId, value, lease, poll, harvestEvery, backoff);
    }

    public WorkerSettings withLease(Duration value) {
        return new WorkerSettings(workerId, parallel, value, poll, harvestEvery, backoff);
    }

    public WorkerSettings withHarvestEvery(Duration value) {
        return new WorkerSettings(workerId, parallel, lease, poll, value, backoff);
    }

    public WorkerSettings withBackoff(RetryBackoff value) {
        return new WorkerSettings(workerId, parallel, lease, poll, harvestEvery, value);
    }
}

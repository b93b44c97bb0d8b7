package io.patchbay.agent.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchbay.model.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Reads {@code status/health.json} (fields agentVersion, startedAt, lastTick; other fields are ignored) to tell
 * whether an agent of a given version started after a given instant and has ticked since: it received, decided
 * and wrote its reports at least once.
 */
final class AgentHealthProbe {
    private static final Duration POLL = Duration.ofMillis(200);
    private final Path file;

    AgentHealthProbe(Path file) {
        this.file = file;
    }

    boolean healthy(String version, Instant startedAfter) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            JsonNode h = Json.mapper().readTree(file.toFile());
            Instant started = Instant.parse(h.path("startedAt").asText());
            Instant tick = Instant.parse(h.path("lastTick").asText());
            return version.equals(h.path("agentVersion").asText()) && !started.isBefore(startedAfter)
                    && !tick.isBefore(started);
        } catch (IOException | RuntimeException e) {
            return false; // missing fields, or a half-visible file of another writer: not healthy yet
        }
    }

    /** Waits until healthy, the agent ended, or the deadline; true only when healthy. */
    boolean await(String version, Instant startedAfter, Duration timeout, BooleanSupplier ended) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (healthy(version, startedAfter)) {
                return true;
            }
            if (ended.getAsBoolean()) {
                return healthy(version, startedAfter);
            }
            Thread.sleep(POLL.toMillis());
        }
        return healthy(version, startedAfter);
    }
}

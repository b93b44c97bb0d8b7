package io.patchbay.agent.upgrade;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentHealthProbeTest {
    private static final Instant SWAP = Instant.parse("2026-12-02T03:00:00Z");

    @TempDir
    Path dir;

    private AgentHealthProbe probe(String json) throws IOException {
        Path file = dir.resolve("health.json");
        Files.writeString(file, json);
        return new AgentHealthProbe(file);
    }

    @Test
    void theNewVersionStartedAfterTheSwapWithATickSinceIsHealthy() throws IOException {
        assertTrue(probe("{\"agentVersion\":\"0.2.0\",\"startedAt\":\"2026-12-02T03:00:02Z\","
                + "\"lastTick\":\"2026-12-02T03:00:03Z\",\"freeSpace\":123}").healthy("0.2.0", SWAP));
    }

    @Test
    void theOldAgentsReportOrOneWithoutATickIsNotHealthy() throws IOException {
        assertFalse(probe("{\"agentVersion\":\"0.1.0\",\"startedAt\":\"2026-12-02T03:00:02Z\","
                + "\"lastTick\":\"2026-12-02T03:00:03Z\"}").healthy("0.2.0", SWAP), "another version");
        assertFalse(probe("{\"agentVersion\":\"0.2.0\",\"startedAt\":\"2026-12-02T02:59:00Z\","
                + "\"lastTick\":\"2026-12-02T03:00:03Z\"}").healthy("0.2.0", SWAP), "a report from before the swap");
        assertFalse(probe("{\"agentVersion\":\"0.2.0\",\"startedAt\":\"2026-12-02T03:00:02Z\"}").healthy("0.2.0", SWAP),
                "no tick yet");
        assertFalse(probe("{\"agentVersion\":\"0.2.").healthy("0.2.0", SWAP), "half a file");
    }

    @Test
    void waitingEndsAtOnceWhenTheAgentHasEnded() throws Exception {
        AgentHealthProbe p = new AgentHealthProbe(dir.resolve("missing.json"));
        long start = System.nanoTime();
        assertFalse(p.await("0.2.0", SWAP, Duration.ofMinutes(2), () -> true));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(30)) < 0);
    }
}

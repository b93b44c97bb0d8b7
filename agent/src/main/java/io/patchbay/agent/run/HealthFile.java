package io.patchbay.agent.run;

import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.json.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code status/health.json}, minimal: the agent's version, when this process started and its last tick. A
 * self-upgrade waits for it to name the new version. (The fuller health report grows from here.)
 */
final class HealthFile {
    private final Path file;
    private final Instant startedAt;

    HealthFile(Path statusDir, Instant startedAt) {
        this.file = statusDir.resolve("health.json");
        this.startedAt = startedAt;
    }

    void ticked(Instant at) throws IOException {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("agentVersion", Agent.agentVersion());
        h.put("startedAt", startedAt.toString());
        h.put("lastTick", at.toString());
        AtomicFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(h));
    }
}

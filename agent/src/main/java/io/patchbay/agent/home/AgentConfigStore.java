package io.patchbay.agent.home;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.json.Json;

import java.io.IOException;
import java.nio.file.Files;

/** Reads and writes {@code agent.json}. */
public final class AgentConfigStore {
    private AgentConfigStore() {
    }

    public static AgentConfig load(AgentHome home) {
        try {
            AgentConfig config = Json.mapper().readValue(Files.readAllBytes(home.config()), AgentConfig.class);
            if (config == null) {
                throw new PatchbayException("empty agent configuration: " + home.config());
            }
            return config;
        } catch (IOException e) {
            throw new PatchbayException("cannot read agent configuration " + home.config() + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        } catch (NullPointerException e) {
            throw new PatchbayException("agent configuration " + home.config() + " lacks " + e.getMessage());
        }
    }

    public static void save(AgentHome home, AgentConfig config) throws IOException {
        AtomicFiles.write(home.config(), Json.mapper().writeValueAsBytes(config));
    }
}

package io.patchbay.model.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A {@link SitePolicy} as JSON (the agent home's {@code policy.json}), written atomically. */
public final class PolicyStore {
    private PolicyStore() {
    }

    public static String toJson(SitePolicy policy) {
        try {
            return Json.mapper().writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a site policy always serializes", e);
        }
    }

    public static SitePolicy fromJson(String json) {
        try {
            return Json.mapper().readValue(json, SitePolicy.class);
        } catch (JsonProcessingException e) {
            throw new PatchbayException("not a site policy: " + e.getOriginalMessage());
        } catch (IllegalArgumentException | PatchbayException e) {
            throw new PatchbayException("not a site policy: " + e.getMessage());
        }
    }

    /** Replaces {@code file} as a whole: a reader sees the old policy or the new one. */
    public static void write(Path file, SitePolicy policy) throws IOException {
        AtomicFiles.write(file, toJson(policy).getBytes(StandardCharsets.UTF_8));
    }

    public static SitePolicy read(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (PatchbayException e) {
            throw new PatchbayException(file + ": " + e.getMessage());
        }
    }
}

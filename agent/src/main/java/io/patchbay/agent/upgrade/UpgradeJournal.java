package io.patchbay.agent.upgrade;

import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.nio.file.Path;
import java.time.Instant;

/** The upgrader's journal, written before each step so a person (or a later resume) knows the folder's state. */
public record UpgradeJournal(Stage stage, String version, Long agentPid, Instant at, String note) {
    public enum Stage {
        /** The upgrader runs; nothing changed yet. */
        STARTED,
        /** The old agent is stopped. */
        STOPPED,
        /** The new distribution is being moved in; {@code .upgrade-previous/} holds what was moved out. */
        SWAPPING,
        /** The new distribution is in place. */
        SWAPPED,
        /** The new agent was started; waiting for its health. */
        NEW_STARTED,
        /** The new agent reported healthy: done. */
        HEALTHY,
        /** The old distribution is being put back. */
        RESTORING,
        /** The old distribution is back and running: done. */
        ROLLED_BACK,
        /** The old distribution could not be brought back: the site needs a person. */
        FAILED;

        /** An outcome: the upgrader got to its end; any other stage means it was killed there. */
        public boolean finished() {
            return this == HEALTHY || this == ROLLED_BACK || this == FAILED;
        }
    }

    /** The journal on disk; empty when none was written (or it cannot be read: then nothing is known either). */
    static Optional<UpgradeJournal> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.mapper().readValue(file.toFile(), UpgradeJournal.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static void write(Path file, Stage stage, String version, Long pid, String note) throws IOException {
        AtomicFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(new UpgradeJournal(stage, version, pid, Instant.now(), note)));
    }
}

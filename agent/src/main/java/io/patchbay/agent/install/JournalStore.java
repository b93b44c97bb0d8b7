package io.patchbay.agent.install;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and writes the one journal of the running installation; each write is atomic and forced to disk. */
final class JournalStore {
    private final AgentHomeLayout layout;

    JournalStore(AgentHomeLayout layout) {
        this.layout = layout;
    }

    void save(Journal journal) {
        try {
            AtomicFiles.write(layout.journal(), Json.mapper().writeValueAsBytes(journal));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the install journal " + layout.journal(), e);
        }
    }

    /** The journal of an unfinished installation, if there is one. */
    Optional<Journal> load() {
        Path file = layout.journal();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(file.toFile(), Journal.class));
        } catch (IOException e) {
            throw new PatchbayException("the install journal " + file + " cannot be read (" + e.getMessage()
                    .lines().findFirst().orElse("") + "): a person must check the install root", e);
        }
    }

    /** Moves a finished journal into the history, so the next start-up has nothing to resume. */
    void archive(Journal journal) {
        try {
            Files.createDirectories(layout.history());
            Path target = layout.history().resolve(journal.id() + ".json");
            AtomicFiles.moveAtomically(layout.journal(), target);
            AtomicFiles.forceDirectory(layout.installDir());
            Files.deleteIfExists(layout.applyProgress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive the install journal", e);
        }
    }
}

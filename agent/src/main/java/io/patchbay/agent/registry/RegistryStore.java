package io.patchbay.agent.registry;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.io.FileLocks;
import io.patchbay.model.io.IoFailure;
import io.patchbay.model.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Keeps the {@link Registry} in {@code patches/registry.json}, replaced atomically on every change. Every
 * read-modify-write holds an OS file lock ({@code patches/registry.lock}), so the daemon and an operator's
 * command in another process never lose each other's changes; a JVM-wide lock per file keeps threads of one
 * process apart too (the OS lock is per process). Changes are short: nobody holds it across an install.
 */
public final class RegistryStore {
    private final Path file;
    private final Path lockFile;

    public RegistryStore(Path patchesDir) {
        Path dir = patchesDir.toAbsolutePath().normalize();
        this.file = dir.resolve("registry.json");
        this.lockFile = dir.resolve("registry.lock");
    }

    /** The registry as last written; empty before the first kit. */
    public Registry read() {
        return locked(() -> load());
    }

    /**
     * Applies {@code change} to the current registry under the lock and writes the result; returns it. A change of
     * what is not a patch's state (pins, pulls, schedules, notes); one that moves or adds a patch is refused here: it
     * goes through {@link #transition}.
     */
    public Registry update(UnaryOperator<Registry> change) {
        return write(change, null);
    }

    /**
     * The one place a patch changes state: applies {@code change} under the lock, refuses it unless every patch it
     * moves or adds moves as {@link PatchLifecycle} allows on {@code event} (nothing is written then), and writes the
     * result atomically before returning it, so the new state is on disk before the caller acts on it.
     *
     * @throws IllegalTransition for a change the lifecycle does not allow
     */
    public Registry transition(PatchEvent event, UnaryOperator<Registry> change) {
        return write(change, java.util.Objects.requireNonNull(event, "event"));
    }

    private Registry write(UnaryOperator<Registry> change, PatchEvent event) {
        return locked(() -> {
            Registry before = load();
            Registry next = change.apply(before);
            for (PatchRecord after : next.patches()) {
                PatchRecord was = before.byId(after.id()).orElse(null);
                if (after.equals(was)) {
                    continue;
                }
                if (event != null) {
                    PatchLifecycle.check(was, event, after);
                } else if (was == null || was.state() != after.state()) {
                    throw new IllegalStateException(after.title() + ": a state change ("
                            + (was == null ? "not registered" : was.state().word()) + " to " + after.state().word()
                            + ") written without its lifecycle event");
                }
            }
            try {
                AtomicFiles.write(file, Json.mapper().writeValueAsBytes(next));
            } catch (IOException e) {
                throw IoFailure.of("writing the patch registry " + file, e);
            }
            return next;
        });
    }

    private Registry load() {
        if (!Files.exists(file)) {
            return Registry.empty();
        }
        try {
            Registry r = Json.mapper().readValue(file.toFile(), Registry.class);
            return r == null ? Registry.empty() : r;
        } catch (IOException e) {
            throw new PatchbayException("cannot read the patch registry " + file + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    private interface Work<T> {
        T run();
    }

    private <T> T locked(Work<T> work) {
        try {
            return FileLocks.holding(lockFile, work::run);
        } catch (IOException e) {
            throw IoFailure.of("locking the patch registry " + lockFile, e);
        }
    }
}

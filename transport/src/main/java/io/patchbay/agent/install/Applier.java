package io.patchbay.agent.install;

import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The apply step, and its exact undo. For each planned file, in batches:
 * <ol>
 *   <li>the staged file is copied to {@code .patchbay-new.<name>} in the target's folder and forced to disk
 *       (in parallel);</li>
 *   <li>the old file is renamed into the backup ({@code backups/<id>/pre/<root>/<path>}): nearly free, and
 *       exact (same inode: bytes, mode, times); the backup folders are then forced;</li>
 *   <li>the new file is renamed into place; the target folders are forced once per batch.</li>
 * </ol>
 * The plan is in the journal before step 1, so each file's state can be read back from the disk alone:
 * a backup copy present means the old file is there, absent means the target still holds the old file.
 * That makes {@link #undo()} correct after a crash at any instant and safe to repeat. Where the backup is
 * on another file system, step 2 copies instead of renaming (slower, same guarantees).
 */
final class Applier {
    private static final int BATCH = 2048;
    static final String NEW_PREFIX = ".patchbay-new.";

    private final InstallContext request;
    private final AgentHomeLayout layout;
    private final long id;
    private final Plan plan;
    private final StepProbe probe;
    private final ExecutorService pool;

    Applier(InstallContext request, AgentHomeLayout layout, long id, Plan plan, StepProbe probe, ExecutorService pool) {
        this.request = request;
        this.layout = layout;
        this.id = id;
        this.plan = plan;
        this.probe = probe;
        this.pool = pool;
    }

    void apply() throws IOException {
        List<PlanEntry> entries = plan.entries();
        for (int start = 0; start < entries.size(); start += BATCH) {
            List<PlanEntry> batch = entries.subList(start, Math.min(entries.size(), start + BATCH));
            writeNewFiles(batch);
            Set<Path> backupDirs = new LinkedHashSet<>();
            for (int i = 0; i < batch.size(); i++) {
                PlanEntry e = batch.get(i);
                if (e.kind() != PlanEntry.Kind.CREATE) {
                    Path backup = backup(e);
                    boolean moved = FileOps.moveOrCopy(target(e), backup);
                    if (!moved && e.kind() == PlanEntry.Kind.REMOVE) {
                        FileOps.deleteTree(target(e));
                    }
                    backupDirs.add(backup.getParent());
                }
                probe.reached("apply:aside:" + (start + i + 1));
            }
            // The old files must be durably in the backup before any of them is overwritten.
            backupDirs.forEach(AtomicFiles::forceDirectory);
            Set<Path> targetDirs = new LinkedHashSet<>();
            for (int i = 0; i < batch.size(); i++) {
                PlanEntry e = batch.get(i);
                if (e.kind() != PlanEntry.Kind.REMOVE) {
                    AtomicFiles.moveAtomically(newFile(e), target(e));
                }
                targetDirs.add(target(e).getParent());
                probe.reached("apply:placed:" + (start + i + 1));
            }
            targetDirs.forEach(AtomicFiles::forceDirectory);
            saveProgress(start + batch.size(), entries.size());
        }
    }

    /** Puts every planned file back as it was and deletes what apply created. Idempotent. */
    void undo() throws IOException {
        List<PlanEntry> entries = plan.entries();
        Set<Path> touched = new LinkedHashSet<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            PlanEntry e = entries.get(i);
            Path target = target(e);
            Path backup = backup(e);
            if (e.kind() == PlanEntry.Kind.CREATE) {
                Files.deleteIfExists(target);
            } else if (FileOps.exists(backup)) {
                if (Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && !Files.isDirectory(backup, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    FileOps.deleteTree(target);
                } else if (Files.isDirectory(backup, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    FileOps.deleteTree(target); // a removed folder: a rename cannot replace a full folder
                }
                FileOps.moveOrCopy(backup, target);
            }
            // Otherwise the old file never left the target (or was already put back).
            if (FileOps.exists(target.getParent())) {
                Files.deleteIfExists(newFile(e));
                touched.add(target.getParent());
            }
            probe.reached("rollback:restored:" + (entries.size() - i));
        }
        List<PlanEntry> dirs = new ArrayList<>(plan.createdDirs());
        for (int i = dirs.size() - 1; i >= 0; i--) {
            Path dir = target(dirs.get(i));
            FileOps.deleteTree(dir);
            touched.add(dir.getParent());
        }
        touched.stream().filter(FileOps::exists).forEach(AtomicFiles::forceDirectory);
    }

    private void writeNewFiles(List<PlanEntry> batch) throws IOException {
        List<Future<?>> jobs = new ArrayList<>();
        for (PlanEntry e : batch) {
            if (e.kind() == PlanEntry.Kind.REMOVE) {
                continue;
            }
            Files.createDirectories(target(e).getParent()); // inside a planned new folder, or already there
            jobs.add(pool.submit(() -> {
                Path tmp = newFile(e);
                Files.deleteIfExists(tmp);
                FileOps.copy(Plan.source(request, e), tmp, false);
                return null;
            }));
        }
        awaitAll(jobs);
        List<Path> written = new ArrayList<>();
        Set<Path> dirs = new LinkedHashSet<>();
        for (PlanEntry e : batch) {
            if (e.kind() != PlanEntry.Kind.REMOVE) {
                written.add(newFile(e));
                dirs.add(target(e).getParent());
            }
        }
        // The new files must be whole on disk before any rename can make them visible.
        Durability.flush(written, dirs);
    }

    private static void awaitAll(List<Future<?>> jobs) throws IOException {
        for (Future<?> job : jobs) {
            try {
                job.get();
            } catch (ExecutionException ex) {
                jobs.forEach(j -> j.cancel(false));
                Throwable cause = ex.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException(cause);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while writing new files", ex);
            }
        }
    }

    private void saveProgress(int applied, int total) {
        try {
            AtomicFiles.write(layout.applyProgress(),
                    Json.mapper().writeValueAsBytes(Map.of("id", id, "applied", applied, "of", total)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path target(PlanEntry e) {
        return Plan.target(request, e);
    }

    Path backup(PlanEntry e) {
        return layout.preBackup(id, e.root()).resolve(e.path());
    }

    static Path newFileFor(Path target) {
        return target.resolveSibling(NEW_PREFIX + target.getFileName());
    }

    private Path newFile(PlanEntry e) {
        return newFileFor(target(e));
    }
}

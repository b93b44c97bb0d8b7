package io.patchbay.agent.install;

import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.io.ParallelJobs;
import io.patchbay.model.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The apply step, and its exact undo. For each planned file, in batches:
 * <ol>
 *   <li>the staged file goes to {@code .patchbay-new.<name>} in the target's folder, and is forced to disk:
 *       moved when the kit file can give the staging folder back ({@link StagedKit}) and both are on one file
 *       system, else copied (in parallel);</li>
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
        boolean moveStaged = request.kit() != null;
        if (moveStaged) {
            StagedKit.markConsumed(request.staging());
        }
        for (int start = 0; start < entries.size(); start += BATCH) {
            List<PlanEntry> batch = entries.subList(start, Math.min(entries.size(), start + BATCH));
            placeNewFiles(batch, moveStaged);
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

    private void placeNewFiles(List<PlanEntry> batch, boolean moveStaged) throws IOException {
        List<Future<?>> jobs = new ArrayList<>();
        Queue<Path> copied = new ConcurrentLinkedQueue<>();
        Set<Path> dirs = new LinkedHashSet<>();
        for (PlanEntry e : batch) {
            if (e.kind() == PlanEntry.Kind.REMOVE) {
                continue;
            }
            if (dirs.add(target(e).getParent())) {
                FileOps.ensureFolder(target(e).getParent()); // inside a planned new folder, or already there
            }
            jobs.add(pool.submit(() -> {
                Path tmp = newFile(e);
                Files.deleteIfExists(tmp);
                Path staged = Plan.source(request, e);
                if (!moveStaged || !FileOps.renameIfSameFileSystem(staged, tmp)) {
                    FileOps.copy(staged, tmp, false);
                    copied.add(tmp);
                }
                return null;
            }));
        }
        ParallelJobs.awaitAll(jobs, "placing new files");
        // The new files must be whole on disk before any rename can make them visible. A moved file already
        // is: the kit's extraction forced every file it wrote, and a rename does not touch the bytes.
        Durability.flush(copied, dirs);
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

package io.patchbay.agent.install;

import io.patchbay.model.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The two backups besides the files apply moves aside: the whole data root (when the manifest asks) and
 * the post-install copy of the new state kept for support.
 */
final class Backups {
    private final InstallContext context;
    private final AgentHomeLayout layout;
    private final long id;

    Backups(InstallContext context, AgentHomeLayout layout, long id) {
        this.context = context;
        this.layout = layout;
        this.id = id;
    }

    /** Copies the data root exactly; the marker written last says the copy is whole. */
    void copyDataRoot() throws IOException {
        Path copy = layout.dataRootCopy(id);
        FileOps.deleteTree(copy);
        Files.deleteIfExists(layout.dataRootCopyComplete(id));
        Files.createDirectories(copy.getParent());
        FileOps.copyTree(context.dataRoot(), copy);
        AtomicFiles.write(layout.dataRootCopyComplete(id), new byte[0]);
    }

    /** Makes the data root exactly the copy again; does nothing unless the copy was completed. */
    void restoreDataRoot() throws IOException {
        if (context.dataRoot() == null || !Files.exists(layout.dataRootCopyComplete(id))) {
            return;
        }
        Path copy = layout.dataRootCopy(id);
        FileOps.emptyFolder(context.dataRoot());
        try (var children = Files.list(copy)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                FileOps.copyTree(child, context.dataRoot().resolve(child.getFileName().toString()));
            }
        }
        AtomicFiles.forceDirectory(context.dataRoot());
    }

    /**
     * Keeps the new state of every installed file under {@code backups/<id>/post/}. A file that still has
     * the staged file's size and time holds its bytes (apply copied them), so the staged file is hard-linked
     * (free, and the staging folder stays as it was); a file a hook changed is copied from the install root.
     */
    void takePostBackup(Plan plan, StepProbe probe, ExecutorService pool) throws IOException {
        List<Future<?>> jobs = new ArrayList<>();
        int n = 0;
        for (PlanEntry e : plan.entries()) {
            n++;
            if (e.kind() == PlanEntry.Kind.REMOVE) {
                continue;
            }
            Path copy = layout.postBackup(id, e.root()).resolve(e.path());
            Files.createDirectories(copy.getParent());
            String point = "post-backup:" + n;
            jobs.add(pool.submit(() -> {
                keep(e, copy);
                probe.reached(point);
                return null;
            }));
        }
        for (Future<?> job : jobs) {
            try {
                job.get();
            } catch (ExecutionException ex) {
                throw ex.getCause() instanceof IOException io ? io : new IOException(ex.getCause());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted during the post-install backup", ex);
            }
        }
        if (!plan.entries().isEmpty()) {
            AtomicFiles.forceDirectory(layout.backup(id).resolve("post"));
        }
    }

    private void keep(PlanEntry e, Path copy) throws IOException {
        Path installed = Plan.target(context, e);
        Path staged = Plan.source(context, e);
        Files.deleteIfExists(copy);
        if (!sameContentStamp(installed, staged) || !link(staged, copy)) {
            FileOps.copyForced(installed, copy);
        }
    }

    private static boolean link(Path staged, Path copy) {
        try {
            Files.createLink(copy, staged);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false; // another file system, or no hard links here: the caller copies
        }
    }

    private static boolean sameContentStamp(Path installed, Path staged) throws IOException {
        if (!FileOps.exists(staged)) {
            return false;
        }
        BasicFileAttributes a = Files.readAttributes(installed, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        BasicFileAttributes b = Files.readAttributes(staged, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return a.isRegularFile() && a.size() == b.size() && a.lastModifiedTime().equals(b.lastModifiedTime());
    }
}

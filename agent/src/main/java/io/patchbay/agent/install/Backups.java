package io.patchbay.agent.install;

import io.patchbay.model.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The backup of the whole data root, besides the files apply moves aside, when the manifest asks for it.
 * (The post-install backup is {@link PostInstallBackup}.)
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
}

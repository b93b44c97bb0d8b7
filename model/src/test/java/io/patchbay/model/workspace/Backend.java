package io.patchbay.model.workspace;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The databases a workspace can live in; {@link OnEachDatabase} runs a test class on each. */
enum Backend {
    /** One person's workspace: the folder's own H2 file. */
    H2 {
        @Override
        WorkspaceLocation location(Path dir) {
            return WorkspaceLocation.folder(dir);
        }
    },
    /** A team's: a fresh database with the schema in place, in this JVM's private PostgreSQL cluster. */
    POSTGRESQL {
        @Override
        WorkspaceLocation location(Path dir) {
            // The same folder means the same workspace: a test that opens it twice meets its own rows.
            return databases.computeIfAbsent(dir.toAbsolutePath(),
                    d -> new WorkspaceLocation(d, PostgresCluster.get().newWorkspaceDatabase()));
        }
    };

    private static final Map<Path, WorkspaceLocation> databases = new ConcurrentHashMap<>();

    /** Where a test's workspace in {@code dir} lives: the folder for its files, and a database of its own. */
    abstract WorkspaceLocation location(Path dir);
}

package io.patchbay.model.workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a workspace is: its folder on this machine and, for a team, the shared PostgreSQL database. Without a
 * team database the folder holds the database too (one person's H2 workspace).
 *
 * @param database    the team's database, or null for the folder's own
 * @param credentials this machine's folder of site secrets ({@link SiteCredentials}), or null for
 *                    {@code dir/credentials}
 */
public record WorkspaceLocation(Path dir, TeamDatabase database, Path credentials) {
    public WorkspaceLocation {
        Objects.requireNonNull(dir, "dir");
    }

    public WorkspaceLocation(Path dir, TeamDatabase database) {
        this(dir, database, null);
    }

    public static WorkspaceLocation folder(Path dir) {
        return new WorkspaceLocation(dir, null);
    }

    public Workspace open() {
        return Workspace.open(this);
    }

    /**
     * Whether there is a workspace here to read: the folder's own database file, or a team database (whose
     * schema the first command creates; an unreachable one fails on opening). Lets a command that only reads
     * refuse a mistyped folder instead of creating an empty workspace there.
     */
    public boolean exists() {
        return database != null || Files.isRegularFile(dir.resolve(Workspace.DATABASE_NAME + ".mv.db"));
    }

    /** What a person is told they are working on: the team database's URL, else the folder. */
    @Override
    public String toString() {
        return database == null ? dir.toString() : database.url();
    }
}

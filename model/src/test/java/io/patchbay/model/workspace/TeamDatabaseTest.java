package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A team's workspace on PostgreSQL: how it is named, how its password is found, and what is refused. */
class TeamDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void aTeamWorkspaceKeepsItsRowsInTheDatabaseNotInTheFolder() {
        TeamDatabase db = PostgresCluster.get().newDatabase();
        try (Workspace ws = Workspace.open(new WorkspaceLocation(dir.resolve("alice"), db))) {
            Fixtures.addSite(ws, "alpha");
        }
        // Another workstation: its own folder, the same database.
        try (Workspace ws = Workspace.open(new WorkspaceLocation(dir.resolve("bob"), db))) {
            assertEquals(List.of("alpha"), ws.sites().list().stream().map(Site::name).toList());
        }
        assertFalse(Files.exists(dir.resolve("alice").resolve(Workspace.DATABASE_NAME + ".mv.db")),
                "no H2 file beside a team database");
    }

    @Test
    void aWrongPasswordIsRefusedInOneLineNamingTheDatabase() throws Exception {
        TeamDatabase good = PostgresCluster.get().newDatabase();
        Path wrong = privateFile("wrong-password", "not-the-password\n");
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> Workspace.open(new WorkspaceLocation(dir, new TeamDatabase(good.url(), wrong))));
        assertTrue(e.getMessage().startsWith("cannot connect to the database " + good.url() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertFalse(e.getMessage().contains("not-the-password"));
    }

    @Test
    void withoutAPasswordFileTheDriverFindsThePasswordInPgpass() throws Exception {
        PostgresCluster cluster = PostgresCluster.get();
        TeamDatabase named = cluster.newDatabase();
        Path pgpass = privateFile("pgpass", "127.0.0.1:" + cluster.port() + ":*:" + PostgresCluster.SUPERUSER + ":"
                + cluster.password() + "\n");
        // What $PGPASSFILE or ~/.pgpass would say; the driver reads this property before them.
        String before = System.setProperty("org.postgresql.pgpassfile", pgpass.toString());
        try (Workspace ws = Workspace.open(new WorkspaceLocation(dir, new TeamDatabase(named.url(), null)))) {
            Fixtures.addSite(ws, "alpha");
            assertEquals("alpha", ws.sites().get("alpha").name());
        } finally {
            if (before == null) {
                System.clearProperty("org.postgresql.pgpassfile");
            } else {
                System.setProperty("org.postgresql.pgpassfile", before);
            }
        }
    }

    @Test
    void aPasswordNeverRidesInTheUrl() {
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> new TeamDatabase("jdbc:postgresql://db:5432/patchbay?user=alice&password=secret", null));
        assertTrue(e.getMessage().contains("password file"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void onlyPostgresqlUrlsNameATeamDatabase() {
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> new TeamDatabase("jdbc:mysql://db/patchbay", null));
        assertTrue(e.getMessage().startsWith("not a PostgreSQL JDBC URL: 'jdbc:mysql://db/patchbay'"), e.getMessage());
    }

    @Test
    void aPasswordFileOthersCanReadIsRefused() throws Exception {
        Path open = privateFile("password", "secret\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        TeamDatabase db = new TeamDatabase(PostgresCluster.get().url("postgres"), open);
        PatchbayException e = assertThrows(PatchbayException.class, () -> Workspace.open(new WorkspaceLocation(dir, db)));
        assertEquals("the database password file " + open + " is readable by other users: chmod 600 it", e.getMessage());
    }

    private Path privateFile(String name, String text) throws Exception {
        Path file = Files.createFile(dir.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, text);
    }
}

package io.patchbay.app.cli;

import io.patchbay.app.ui.workspace.TestWorkspaces;
import io.patchbay.model.workspace.PostgresCluster;
import io.patchbay.model.workspace.TeamDatabase;
import io.patchbay.model.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.patchbay.app.cli.KitCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code patchbay workspace migrate --to URL}, from a real H2 workspace into the tests' real PostgreSQL cluster. */
class WorkspaceMigrateCommandTest {
    @TempDir
    Path dir;

    @Test
    void migrateCopiesTheWorkspaceAndTheLinesItPrintsNameTheTeamDatabaseForEveryCommand() throws Exception {
        TeamDatabase team = PostgresCluster.get().newDatabase();
        Path ws = oneSiteOneRelease();

        KitCommandTest.Run migrated = run("workspace", "migrate", "--workspace", ws.toString(), "--to", team.url(),
                "--database-password-file", team.passwordFile().toString());

        assertEquals(0, migrated.exit(), migrated.err());
        assertTrue(migrated.out().contains("row counts and checksums match"), migrated.out());
        assertTrue(migrated.out().contains("export PATCHBAY_DATABASE_URL='" + team.url() + "'"), migrated.out());
        assertTrue(migrated.out().contains("export PATCHBAY_DATABASE_PASSWORD_FILE=" + team.passwordFile()), migrated.out());
        // What the lines say, done: another machine's folder, the team database.
        KitCommandTest.Run sites = run("site", "list", "--workspace", dir.resolve("another-machine").toString(),
                "--database", team.url(), "--database-password-file", team.passwordFile().toString());
        assertEquals(0, sites.exit(), sites.err());
        assertTrue(sites.out().contains("alpha"), sites.out());
        KitCommandTest.Run releases = run("release", "list", "--workspace", dir.resolve("another-machine").toString(),
                "--database", team.url(), "--database-password-file", team.passwordFile().toString());
        assertTrue(releases.out().contains("12.10.11"), releases.out());
    }

    @Test
    void aSecondMigrateIntoTheSameDatabaseIsRefusedInOneLine() throws Exception {
        TeamDatabase team = PostgresCluster.get().newDatabase();
        Path ws = oneSiteOneRelease();
        String[] args = {"workspace", "migrate", "--workspace", ws.toString(), "--to", team.url(),
                "--database-password-file", team.passwordFile().toString()};
        assertEquals(0, run(args).exit());

        KitCommandTest.Run again = run(args);

        assertEquals(1, again.exit());
        assertTrue(again.err().startsWith("patchbay: the team database " + team.url() + " is not empty (table "), again.err());
        assertEquals(1, again.err().lines().count(), again.err());
    }

    @Test
    void aFolderWithoutAWorkspaceIsRefusedNamingIt() {
        TeamDatabase team = PostgresCluster.get().newDatabase();
        KitCommandTest.Run refused = run("workspace", "migrate", "--workspace", dir.resolve("nothing").toString(),
                "--to", team.url(), "--database-password-file", team.passwordFile().toString());
        assertEquals(1, refused.exit());
        assertEquals("patchbay: no workspace to copy in " + dir.resolve("nothing") + " (no patchbay.mv.db)",
                refused.err().strip());
    }

    private Path oneSiteOneRelease() throws Exception {
        Path ws = dir.resolve("ws-" + System.nanoTime());
        try (Workspace w = Workspace.open(ws)) {
            TestWorkspaces.addSite(w, "alpha", "pilot");
            TestWorkspaces.addReleaseWithKit(w, "Spruce", "12.10.11", "a kit's bytes".getBytes(StandardCharsets.UTF_8));
        }
        return ws;
    }
}

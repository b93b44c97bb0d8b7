package io.patchbay.model.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkspaceMigrationTest {
    @TempDir
    Path dir;

    @Test
    void openingAnEmptyFolderCreatesTheDatabaseTheSchemaAndTheKitsFolder() throws Exception {
        Path ws = dir.resolve("new-workspace");
        try (Workspace w = Workspace.open(ws)) {
            assertTrue(Files.isRegularFile(ws.resolve("patchbay.mv.db")));
            assertTrue(Files.isDirectory(ws.resolve("kits")));
            // The lock file holds the key to join the database: other users must not read it.
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ws)));
            assertEquals(ws.resolve("kits"), w.kitsDir());
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15", "16", "17", "18"), appliedMigrations(w));
            List<String> tables = tables(w);
            for (String t : List.of("PRODUCT", "RELEASE", "SITE", "ROLLOUT", "ROLLOUT_TARGET", "DELIVERY", "PATCH",
                    "INSTALLATION", "CHECK_RESULT", "EVENT", "KIT", "KIT_CHUNK", "TRUSTED_SIGNER", "HOST_KEY", "KEY_ROTATION")) {
                assertTrue(tables.contains(t), t + " missing from " + tables);
            }
        }
    }

    @Test
    void commitsAreWrittenAtOnceNotAfterH2sDefaultWriteDelay() throws Exception {
        try (Workspace w = Workspace.open(dir);
             Connection c = w.connect();
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            assertTrue(r.next());
            assertEquals("0", r.getString(1));
        }
    }

    @Test
    void reopeningKeepsTheDataAndDoesNotRunTheMigrationAgain() throws Exception {
        try (Workspace w = Workspace.open(dir)) {
            Fixtures.addSite(w, "alpha");
        }
        try (Workspace w = Workspace.open(dir)) {
            assertEquals("alpha", w.sites().get("alpha").name());
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15", "16", "17", "18"), appliedMigrations(w));
        }
    }

    @Test
    void anExistingWorkspaceIsUpgradedInPlaceWhenANewMigrationArrives() throws Exception {
        try (Workspace w = Workspace.open(dir)) {
            Fixtures.addSite(w, "alpha");
        }
        List<String> withUpgrade = List.of("classpath:db/migration", "classpath:db/test-upgrade");
        try (Workspace w = Workspace.open(dir, Clock.systemUTC(), withUpgrade)) {
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15", "16", "17", "18", "900"), appliedMigrations(w));
            assertEquals("alpha", w.sites().get("alpha").name());
            try (Connection c = w.connect(); Statement s = c.createStatement()) {
                assertEquals(1, s.executeUpdate("UPDATE site SET note = 'upgraded' WHERE name = 'alpha'"));
            }
        }
        try (Workspace w = Workspace.open(dir, Clock.systemUTC(), withUpgrade)) {
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15", "16", "17", "18", "900"), appliedMigrations(w));
        }
    }

    private static List<String> appliedMigrations(Workspace w) throws SQLException {
        try (Connection c = w.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" "
                     + "WHERE \"success\" = TRUE AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            List<String> versions = new ArrayList<>();
            while (r.next()) {
                versions.add(r.getString(1));
            }
            return versions;
        }
    }

    private static List<String> tables(Workspace w) throws SQLException {
        try (Connection c = w.connect(); ResultSet r = c.getMetaData().getTables(null, "PUBLIC", "%", new String[]{"TABLE"})) {
            List<String> names = new ArrayList<>();
            while (r.next()) {
                names.add(r.getString("TABLE_NAME"));
            }
            return names;
        }
    }
}

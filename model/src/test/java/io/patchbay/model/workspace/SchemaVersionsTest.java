package io.patchbay.model.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening a workspace whose schema is current skips Flyway; anything else still goes through it. */
@OnEachDatabase
class SchemaVersionsTest {
    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    @Test
    void theBundledMigrationsAreReadFromTheClassPath() {
        assertEquals(Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15", "16", "17", "18"), SchemaVersions.bundled(Workspace.MIGRATIONS));
        assertEquals(Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15", "16", "17", "18", "900"),
                SchemaVersions.bundled(List.of("classpath:db/migration", "classpath:db/test-upgrade")));
        assertNull(SchemaVersions.bundled(List.of("classpath:db/no-such-folder")));
        assertNull(SchemaVersions.bundled(List.of("filesystem:/tmp")));
    }

    @Test
    void aCurrentSchemaIsOpenedWithoutFlyway() throws Exception {
        WorkspaceLocation at = backend.location(dir);
        try (Workspace ws = Workspace.open(at)) {
            assertTrue(SchemaVersions.isCurrent(ws.database(), Workspace.MIGRATIONS));
            // Flyway would refuse this history on its next validation ("checksum mismatch"): that the workspace
            // still opens shows Flyway did not run.
            try (Connection c = ws.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = 12345 WHERE \"version\" = '1'");
            }
        }
        try (Workspace ws = Workspace.open(at)) {
            assertTrue(ws.sites().list().isEmpty());
        }
    }

    @Test
    void aNewMigrationOrAFailedOneGoesThroughFlyway() throws Exception {
        WorkspaceLocation at = backend.location(dir);
        List<String> withUpgrade = List.of("classpath:db/migration", "classpath:db/test-upgrade");
        try (Workspace ws = Workspace.open(at)) {
            assertFalse(SchemaVersions.isCurrent(ws.database(), withUpgrade), "V900 is not applied yet");
        }
        try (Workspace ws = Workspace.open(at, Clock.systemUTC(), withUpgrade)) {
            assertTrue(SchemaVersions.isCurrent(ws.database(), withUpgrade));
            assertFalse(SchemaVersions.isCurrent(ws.database(), Workspace.MIGRATIONS), "V900 is not bundled there");
            try (Connection c = ws.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '900'");
            }
            assertFalse(SchemaVersions.isCurrent(ws.database(), withUpgrade), "a failed migration is Flyway's to report");
        }
    }
}

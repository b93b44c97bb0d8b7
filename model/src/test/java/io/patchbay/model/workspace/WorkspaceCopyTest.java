package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code workspace migrate}: a real H2 workspace copied into a database of the tests' real PostgreSQL cluster. */
class WorkspaceCopyTest {
    @TempDir
    Path dir;
    private final KeyPair alice = SigningKeys.generate();

    @Test
    void everyTableOfAOnePersonWorkspaceArrivesInTheTeamDatabaseWithItsKitsSignersAndHostKeys() throws Exception {
        TeamDatabase team = PostgresCluster.get().newDatabase();
        KeyPair older = SigningKeys.generate();
        Path oldKit = dir.resolve("old-kit");
        try (Workspace ws = Workspace.open(dir.resolve("h2"))) {
            Release added = KitImport.add(ws, Fixtures.signedKit(dir, "12.10.11", alice), List.of(), "alice").release();
            Release fromBefore = releaseWithKitFileOnly(ws, "12.10.12", oldKit);
            Files.createDirectories(ws.trustedSigners().dir());
            SigningKeys.writePublic(ws.trustedSigners().dir().resolve("older.pub"), older.getPublic());
            ws.sites().add(Fixtures.site("alpha", "pilot"), "alice");
            ws.sites().add(Fixtures.site("bravo", "broad"), "alice");
            ws.rollouts().start(added.id(), List.of("alpha", "bravo"), List.of("pilot", "broad"), null, "alice");
            ws.hostKeyPins().pin("alpha.example", "ssh-ed25519", HostKeyPinsTest.KEY_A, "alice");
            Map<String, Long> before = counts(ws);

            WorkspaceCopy.Result result = WorkspaceCopy.copy(ws, team, "alice");

            Map<String, Long> copied = new TreeMap<>();
            result.tables().forEach(t -> copied.put(t.table(), t.rows()));
            before.put("kit", before.get("kit") + 1); // the kit from before the kit store, moved in first
            before.put("kit_chunk", before.get("kit_chunk") + 3); // 2 MiB and 5 bytes: three chunks
            before.put("trusted_signer", before.get("trusted_signer") + 1);
            before.put("event", before.get("event") + 1); // "signer.trusted" for the key from trust/
            assertEquals(before, copied);
            assertEquals(copied, counts(team));

            try (Workspace second = Workspace.open(new WorkspaceLocation(dir.resolve("elsewhere"), team))) {
                assertEquals(ws.releases().list(), second.releases().list());
                assertArrayEquals(Files.readAllBytes(dir.resolve("Spruce-12.10.11.kit")),
                        Files.readAllBytes(second.kitFile(added.id())));
                assertArrayEquals(Files.readAllBytes(oldKit), Files.readAllBytes(second.kitFile(fromBefore.id())));
                assertTrue(second.trustedSigners().trusts(alice.getPublic()));
                assertTrue(second.trustedSigners().trusts(older.getPublic()), "the key from trust/");
                assertEquals(HostKeyPinsTest.FP_A, second.hostKeyPins().of("alpha.example").get(0).fingerprint());
                assertEquals(ws.sites().list(), second.sites().list());
                assertEquals(ws.deliveries().list(), second.deliveries().list());
                assertEquals(ws.events().find(EventQuery.all()), second.events().find(EventQuery.all()));
                // Ids go on after the copied ones: the team's next rows do not collide with them.
                Site charlie = second.sites().add(Fixtures.site("charlie", "broad"), "bob");
                assertTrue(charlie.id() > second.sites().get("bravo").id());
            }
        }
    }

    @Test
    void aTeamDatabaseThatIsNotEmptyIsRefusedAndKeepsItsRows() throws Exception {
        TeamDatabase team = PostgresCluster.get().newDatabase();
        try (Workspace existing = Workspace.open(new WorkspaceLocation(dir.resolve("team"), team))) {
            existing.sites().add(Fixtures.site("zulu", "broad"), "bob");
        }
        try (Workspace ws = Workspace.open(dir.resolve("h2"))) {
            Fixtures.addSite(ws, "alpha");

            PatchbayException refused = assertThrows(PatchbayException.class, () -> WorkspaceCopy.copy(ws, team, "alice"));

            assertTrue(refused.getMessage().startsWith("the team database " + team + " is not empty (table "),
                    refused.getMessage());
        }
        try (Workspace existing = Workspace.open(new WorkspaceLocation(dir.resolve("team"), team))) {
            assertEquals(List.of("zulu"), existing.sites().list().stream().map(Site::name).toList());
        }
    }

    @Test
    void aCopyThatFailsMidwayLeavesTheTeamDatabaseWithoutARowAndSaysSo() throws Exception {
        TeamDatabase team = PostgresCluster.get().newDatabase();
        try (Workspace empty = Workspace.open(new WorkspaceLocation(dir.resolve("team"), team))) {
            assertEquals(0L, counts(team).values().stream().mapToLong(Long::longValue).sum());
        }
        // The event table, copied after products, releases and sites, refuses the rows of one kind.
        execute(team, "ALTER TABLE event ADD CONSTRAINT no_site_events CHECK (kind <> 'site.added')");
        try (Workspace ws = Workspace.open(dir.resolve("h2"))) {
            releaseWithKitFileOnly(ws, "12.10.11", dir.resolve("kit-copy"));
            Fixtures.addSite(ws, "alpha");

            PatchbayException failed = assertThrows(PatchbayException.class, () -> WorkspaceCopy.copy(ws, team, "alice"));

            assertTrue(failed.getMessage().contains("no_site_events"), failed.getMessage());
            assertTrue(failed.getMessage().endsWith("nothing was copied, " + team + " holds only the empty schema"),
                    failed.getMessage());
        }
        assertEquals(0L, counts(team).values().stream().mapToLong(Long::longValue).sum(), counts(team).toString());
    }

    /** A release as a workspace from before the kit store has it: the kit only as a file in kits/. */
    private static Release releaseWithKitFileOnly(Workspace ws, String version, Path copy) throws Exception {
        byte[] bytes = new byte[2 * 1024 * 1024 + 5];
        new Random(5).nextBytes(bytes);
        NewRelease r = Fixtures.release("Spruce", version, Channel.STABLE);
        Path file = Files.write(ws.kitsDir().resolve(r.kitFile()), bytes);
        Files.write(copy, bytes);
        return ws.releases().add(new NewRelease(r.manifest(), r.manifestText(), r.kitFile(), FileHashes.sha256(file),
                bytes.length, r.signerFingerprint()), "alice");
    }

    private static Map<String, Long> counts(Workspace ws) throws Exception {
        try (Connection c = ws.connect()) {
            return counts(c);
        }
    }

    private static Map<String, Long> counts(TeamDatabase team) throws Exception {
        try (Connection c = DriverManager.getConnection(team.url(), null, team.password())) {
            return counts(c);
        }
    }

    /** Rows per table of the schema (not Flyway's own history). */
    private static Map<String, Long> counts(Connection c) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        List<String> tables = new java.util.ArrayList<>();
        try (ResultSet r = c.getMetaData().getTables(null, c.getSchema(), "%", new String[]{"TABLE", "BASE TABLE"})) {
            while (r.next()) {
                tables.add(r.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        tables.remove("flyway_schema_history");
        for (String t : tables) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                r.next();
                counts.put(t, r.getLong(1));
            }
        }
        return counts;
    }

    private static void execute(TeamDatabase team, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(team.url(), null, team.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.sign.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two workstations of a team: two workspace folders on two "machines", one PostgreSQL database. What one adds, the
 * other finds: the kit's bytes and the signer it trusted. (PostgreSQL only: an H2 workspace is one folder's.)
 */
class TeamKitsAndTrustTest {
    @TempDir
    Path dir;
    private final KeyPair alice = SigningKeys.generate();

    @Test
    void aKitAddedOnOneWorkstationIsSentByteIdenticalFromAnotherWithItsOwnFolder() throws Exception {
        TeamDatabase team = PostgresCluster.get().newDatabase();
        Path kit = kit("12.10.11", alice);
        try (Workspace first = Workspace.open(new WorkspaceLocation(dir.resolve("first"), team));
             Workspace second = Workspace.open(new WorkspaceLocation(dir.resolve("second"), team))) {
            Release added = KitImport.add(first, kit, List.of(), "alice").release();
            assertFalse(Files.exists(second.kitsDir().resolve(added.kitFile())));

            Path there = second.kitFile(added.id());

            assertEquals(dir.resolve("second/kits").resolve(added.kitFile()), there);
            assertArrayEquals(Files.readAllBytes(kit), Files.readAllBytes(there));
        }
    }

    @Test
    void theSecondWorkstationTrustsTheSignerTheFirstPinned() throws Exception {
        TeamDatabase team = PostgresCluster.get().newDatabase();
        KeyPair mallory = SigningKeys.generate();
        try (Workspace first = Workspace.open(new WorkspaceLocation(dir.resolve("first"), team));
             Workspace second = Workspace.open(new WorkspaceLocation(dir.resolve("second"), team))) {
            KitImport.Result pinned = KitImport.add(first, kit("12.10.11", alice), List.of(), "alice");
            assertEquals(SigningKeys.fingerprint(alice.getPublic()), pinned.newlyTrustedSigner());

            assertTrue(second.trustedSigners().trusts(alice.getPublic()));
            KitImport.Result next = KitImport.add(second, kit("12.10.12", alice), List.of(), "bob");
            assertNull(next.newlyTrustedSigner(), "already trusted through the database");
            // Not a first use any more on the second workstation: another signer is refused there too.
            PatchbayException refused = assertThrows(PatchbayException.class,
                    () -> KitImport.add(second, kit("12.10.13", mallory), List.of(), "bob"));
            assertTrue(refused.getMessage().contains("not trusted"), refused.getMessage());
            assertFalse(Files.exists(dir.resolve("first/trust")), "pinned in the database, not in a folder");
        }
    }

    private Path kit(String version, KeyPair key) throws Exception {
        return Fixtures.signedKit(dir, version, key);
    }
}

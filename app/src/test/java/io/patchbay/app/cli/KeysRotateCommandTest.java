package io.patchbay.app.cli;

import io.patchbay.model.kit.KitReader;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.trust.KeyTrust;
import io.patchbay.model.trust.RotationStatement;
import io.patchbay.model.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code patchbay keys rotate} through the real command line, on real key files and a real workspace. */
class KeysRotateCommandTest {
    @TempDir
    Path dir;

    @Test
    void rotateMakesANewKeyAndAStatementSignedByBothThatTheWorkspaceFollows() throws Exception {
        Path old = dir.resolve("old");
        assertEquals(0, KitCommandTest.run("keys", "init", "--dir", old.toString()).exit());
        PublicKey oldPublic = SigningKeys.readPublic(old.resolve("signing.pub"));
        Path ws = dir.resolve("ws");
        try (Workspace w = Workspace.open(ws)) {
            w.trustedSigners().pin(oldPublic, "alice");
        }

        Path next = dir.resolve("next");
        KitCommandTest.Run r = KitCommandTest.run("keys", "rotate", "--key", old.resolve("signing.key").toString(),
                "--dir", next.toString(), "--revoke", "--workspace", ws.toString());
        assertEquals(0, r.exit(), r.err());
        PublicKey nextPublic = SigningKeys.readPublic(next.resolve("signing.pub"));
        String nextFingerprint = SigningKeys.fingerprint(nextPublic);
        assertEquals(List.of("created " + next.resolve("signing.key") + " and " + next.resolve("signing.pub")
                        + ", fingerprint " + nextFingerprint,
                "key rotation 1 (" + SigningKeys.fingerprint(oldPublic) + " to " + nextFingerprint + ", revoking the old key): "
                        + next.resolve("rotations/key-rotation-000001.rotation") + ", signed by both keys; kits built with "
                        + next.resolve("signing.key") + " carry it",
                "the workspace trusts " + nextFingerprint + " from now on"), r.out().lines().toList());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(next.resolve("signing.key"))));

        byte[] statement = Files.readAllBytes(next.resolve("rotations/key-rotation-000001.rotation"));
        RotationStatement s = KeyTrust.of(List.of(oldPublic)).accept(statement, "r").statement();
        assertTrue(s.revokesOld());
        assertEquals(nextPublic, s.newKey());
        assertTrue(s.madeAt().getZone() != null, "the time carries its zone");
        try (Workspace w = Workspace.open(ws)) {
            assertTrue(w.trustedSigners().trusts(nextPublic));
        }
    }

    @Test
    void aSecondRotationTakesTheNextNumberAndCarriesTheChainIntoEveryKit() throws Exception {
        Path k0 = dir.resolve("k0");
        assertEquals(0, KitCommandTest.run("keys", "init", "--dir", k0.toString()).exit());
        assertEquals(0, KitCommandTest.run("keys", "init", "--dir", dir.resolve("k-other").toString()).exit());
        Path k1 = dir.resolve("k1");
        Path k2 = dir.resolve("k2");
        Path noWorkspace = dir.resolve("no-workspace");
        assertEquals(0, KitCommandTest.run("keys", "rotate", "--key", k0.resolve("signing.key").toString(), "--dir",
                k1.toString(), "--workspace", noWorkspace.toString()).exit());
        KitCommandTest.Run second = KitCommandTest.run("keys", "rotate", "--key", k1.resolve("signing.key").toString(),
                "--dir", k2.toString(), "--workspace", noWorkspace.toString());
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("key rotation 2 ("), second.out());
        assertFalse(Files.exists(noWorkspace), "no workspace is made by a rotation");

        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("app.jar"), "jar");
        Path manifest = KitCommandTest.manifest(dir);
        Path kit = dir.resolve("spruce.kit");
        KitCommandTest.Run built = KitCommandTest.run("kit", "build", "--source", src.toString(), "--manifest",
                manifest.toString(), "--key", k2.resolve("signing.key").toString(), "--out", kit.toString());
        assertEquals(0, built.exit(), built.err());
        List<byte[]> carried = KitReader.rotationStatements(kit);
        assertEquals(2, carried.size());
        // A site that trusts only k0 follows the kit's chain to k2, whose signature the kit bears.
        KeyTrust trust = KeyTrust.of(List.of(SigningKeys.readPublic(k0.resolve("signing.pub"))));
        for (byte[] s : carried) {
            trust = trust.accept(s, "kit").trust();
        }
        String k2Fingerprint = SigningKeys.fingerprint(SigningKeys.readPublic(k2.resolve("signing.pub")));
        assertEquals(k2Fingerprint, KitReader.verify(kit, trust.keys()).signerFingerprint());
        KitCommandTest.Run verified = KitCommandTest.run("kit", "verify", kit.toString(), "--trust",
                k0.resolve("signing.pub").toString());
        assertEquals(0, verified.exit(), verified.err());
        assertTrue(verified.out().endsWith("signed by " + k2Fingerprint + "\n"), verified.out());
        KitCommandTest.Run stranger = KitCommandTest.run("kit", "verify", kit.toString(), "--trust",
                dir.resolve("k-other/signing.pub").toString());
        assertEquals(1, stranger.exit(), "a key outside the chain learns nothing from it");
    }

    @Test
    void rotatingIntoAFolderThatHoldsAKeyIsRefusedAndLeavesNoStatement() throws Exception {
        Path old = dir.resolve("old");
        Path taken = dir.resolve("taken");
        assertEquals(0, KitCommandTest.run("keys", "init", "--dir", old.toString()).exit());
        assertEquals(0, KitCommandTest.run("keys", "init", "--dir", taken.toString()).exit());
        KitCommandTest.Run r = KitCommandTest.run("keys", "rotate", "--key", old.resolve("signing.key").toString(),
                "--dir", taken.toString(), "--workspace", dir.resolve("none").toString());
        assertEquals(1, r.exit());
        assertEquals("patchbay: refusing to overwrite the existing key " + taken.resolve("signing.key") + "\n", r.err());
        assertFalse(Files.exists(taken.resolve("rotations")));
    }
}

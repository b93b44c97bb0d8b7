package io.patchbay.app.cli;

import io.patchbay.model.kit.KitReader;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.trust.KeyTrust;
import io.patchbay.model.trust.RotationStatement;
import io.patchbay.model.workspace.SiteSpec;
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
            w.sites().add(site("alpha"), "alice");
            w.sites().add(site("beta"), "alice");
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
                "the workspace trusts " + nextFingerprint + " from now on",
                "a notice is queued for 2 sites: `patchbay deliver` sends it"), r.out().lines().toList());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(next.resolve("signing.key"))));

        byte[] statement = Files.readAllBytes(next.resolve("rotations/key-rotation-000001.rotation"));
        RotationStatement s = KeyTrust.of(List.of(oldPublic)).accept(statement, "r").statement();
        assertTrue(s.revokesOld());
        assertEquals(nextPublic, s.newKey());
        assertTrue(s.madeAt().getZone() != null, "the time carries its zone");
        try (Workspace w = Workspace.open(ws)) {
            assertTrue(w.trustedSigners().trusts(nextPublic));
            assertEquals(List.of("alpha key-rotation-000001.rotation", "beta key-rotation-000001.rotation"),
                    w.deliveries().rotationNotices().stream().map(d -> d.siteName() + " " + d.fileName()).toList());
            assertTrue(w.keyRotations().list().get(0).statement().revokesOld(), "the workspace knows the revocation");
        }
        // Not a release's, so not in the matrix: status says where the notice stands on its own line.
        KitCommandTest.Run status = KitCommandTest.run("status", "--workspace", ws.toString());
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("\nkey rotation 1 notice: delivered to 0 of 2 sites; not yet: alpha (queued), "
                + "beta (queued)\n"), status.out());
    }

    @Test
    void announceQueuesAStatementForEverySiteOnceAndRefusesOneTheWorkspaceCannotRoot() throws Exception {
        Path old = dir.resolve("old");
        assertEquals(0, KitCommandTest.run("keys", "init", "--dir", old.toString()).exit());
        Path next = dir.resolve("next");
        assertEquals(0, KitCommandTest.run("keys", "rotate", "--key", old.resolve("signing.key").toString(), "--dir",
                next.toString(), "--workspace", dir.resolve("none").toString()).exit());
        Path statement = next.resolve("rotations/key-rotation-000001.rotation");
        Path ws = dir.resolve("ws");
        try (Workspace w = Workspace.open(ws)) {
            w.sites().add(site("alpha"), "alice");
        }
        String oldFingerprint = SigningKeys.fingerprint(SigningKeys.readPublic(old.resolve("signing.pub")));
        String nextFingerprint = SigningKeys.fingerprint(SigningKeys.readPublic(next.resolve("signing.pub")));

        KitCommandTest.Run unrooted = KitCommandTest.run("keys", "announce", statement.toString(), "--workspace", ws.toString());
        assertEquals(1, unrooted.exit());
        assertEquals("patchbay: rotation statement key-rotation-000001.rotation rotates " + oldFingerprint + ", a key "
                + "this workspace does not trust: refused (a kit signed by it, added with `release add --trust KEY.pub`, "
                + "makes it trusted)\n", unrooted.err());

        try (Workspace w = Workspace.open(ws)) {
            w.trustedSigners().pin(SigningKeys.readPublic(old.resolve("signing.pub")), "alice");
        }
        KitCommandTest.Run first = KitCommandTest.run("keys", "announce", statement.toString(), "--workspace", ws.toString());
        assertEquals(0, first.exit(), first.err());
        assertEquals(List.of("key rotation 1 (" + oldFingerprint + " to " + nextFingerprint + "): recorded; the workspace "
                + "trusts " + nextFingerprint + " from now on", "a notice is queued for 1 site: `patchbay deliver` sends it"),
                first.out().lines().toList());
        KitCommandTest.Run again = KitCommandTest.run("keys", "announce", statement.toString(), "--workspace", ws.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().startsWith("key rotation 1 (" + oldFingerprint + " to " + nextFingerprint
                + "): recorded before\nno notice queued"), again.out());
        try (Workspace w = Workspace.open(ws)) {
            assertEquals(1, w.deliveries().rotationNotices().size());
        }

        KitCommandTest.Run missing = KitCommandTest.run("keys", "announce", dir.resolve("nope.rotation").toString(),
                "--workspace", ws.toString());
        assertEquals(3, missing.exit());
        assertEquals("patchbay: no such rotation statement: " + dir.resolve("nope.rotation") + "\n", missing.err());
    }

    private static SiteSpec site(String name) {
        return SiteSpec.sftp(name, "sftp://patchbay@" + name + ".example:22/patchbay", Path.of("/keys/id_ed25519"),
                Path.of("/keys/known_hosts"));
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

        // kit show lists the statements the kit carries, in text and JSON.
        String k0Fingerprint = SigningKeys.fingerprint(SigningKeys.readPublic(k0.resolve("signing.pub")));
        String k1Fingerprint = SigningKeys.fingerprint(SigningKeys.readPublic(k1.resolve("signing.pub")));
        KitCommandTest.Run text = KitCommandTest.run("kit", "show", kit.toString());
        assertEquals(0, text.exit(), text.err());
        List<String> rotationLines = text.out().lines().filter(l -> l.startsWith("rotation")).toList();
        assertEquals(2, rotationLines.size(), text.out());
        assertTrue(rotationLines.get(0).startsWith("rotation:     1: " + k0Fingerprint + " -> " + k1Fingerprint + ", made 20"),
                rotationLines.get(0));
        assertTrue(rotationLines.get(1).startsWith("rotation:     2: " + k1Fingerprint + " -> " + k2Fingerprint + ", made 20"),
                rotationLines.get(1));
        KitCommandTest.Run json = KitCommandTest.run("kit", "show", kit.toString(), "--json");
        assertEquals(0, json.exit(), json.err());
        var rotations = io.patchbay.model.json.Json.mapper().readTree(json.out()).get("rotations");
        assertEquals(2, rotations.size());
        assertEquals(2, rotations.get(1).get("sequence").asLong());
        assertEquals(k1Fingerprint, rotations.get(1).get("old").asText());
        assertEquals(k2Fingerprint, rotations.get(1).get("new").asText());
        assertFalse(rotations.get(1).get("revokesOld").asBoolean());
        assertTrue(rotations.get(1).get("madeAt").asText().matches("20\\d\\d-.*\\[.+\\]"), "with its zone: "
                + rotations.get(1).get("madeAt"));
    }

    @Test
    void kitShowOfAKitWithoutRotationsSaysNone() throws Exception {
        Path keys = dir.resolve("keys");
        assertEquals(0, KitCommandTest.run("keys", "init", "--dir", keys.toString()).exit());
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("app.jar"), "jar");
        Path kit = dir.resolve("spruce.kit");
        assertEquals(0, KitCommandTest.run("kit", "build", "--source", src.toString(), "--manifest",
                KitCommandTest.manifest(dir).toString(), "--key", keys.resolve("signing.key").toString(), "--out",
                kit.toString()).exit());
        KitCommandTest.Run text = KitCommandTest.run("kit", "show", kit.toString());
        assertTrue(text.out().contains("\nrotations:    none\n"), text.out());
        KitCommandTest.Run json = KitCommandTest.run("kit", "show", kit.toString(), "--json");
        assertEquals(0, io.patchbay.model.json.Json.mapper().readTree(json.out()).get("rotations").size());
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

package io.patchbay.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.patchbay.app.cli.KitCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code release add/list/pull}: trust on first use, refusals, idempotence; real kits in a real workspace. */
class ReleaseCommandTest {
    @TempDir
    Path dir;

    private Path kit(String keys, String version, String content) throws Exception {
        Path keyDir = dir.resolve(keys);
        if (!Files.exists(keyDir.resolve("signing.key"))) {
            assertEquals(0, run("keys", "init", "--dir", keyDir.toString()).exit());
        }
        Path src = Files.createDirectories(dir.resolve("src-" + version + "-" + keys));
        Files.writeString(src.resolve("app.jar"), content);
        Path manifest = Files.writeString(dir.resolve("kit-" + version + ".ini"), """
                [release]
                product = Spruce
                version = %s
                requires = 12.10.0
                channel = stable
                automatic = true
                major = false
                released = 2026-11-20T09:00:00Z
                """.formatted(version));
        Path out = dir.resolve(keys + "/Spruce-" + version + ".kit");
        KitCommandTest.Run r = run("kit", "build", "--source", src.toString(), "--manifest", manifest.toString(),
                "--key", keyDir.resolve("signing.key").toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        return out;
    }

    @Test
    void theFirstKitPinsItsSignerAndAnotherSignerIsRefusedUntilTrusted() throws Exception {
        String ws = dir.resolve("ws").toString();
        KitCommandTest.Run first = run("release", "add", kit("alice", "12.10.11", "a").toString(), "--workspace", ws);
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.err().startsWith("now trusting signer SHA256:"), first.err());
        assertTrue(Files.exists(dir.resolve("ws/kits/Spruce-12.10.11.kit")));

        Path mallory = kit("mallory", "12.10.12", "m");
        KitCommandTest.Run refused = run("release", "add", mallory.toString(), "--workspace", ws);
        assertEquals(1, refused.exit());
        assertTrue(refused.err().matches("patchbay: signed by SHA256:\\S+, a key that is not trusted; if you trust it, "
                + "add it again with --trust KEY.pub \\(the signer's public key\\)\n"), refused.err());
        assertFalse(Files.exists(dir.resolve("ws/kits/Spruce-12.10.12.kit")), "a refused kit leaves nothing behind");
        try (var files = Files.list(dir.resolve("ws/kits"))) {
            assertEquals(1, files.count());
        }

        KitCommandTest.Run trusted = run("release", "add", mallory.toString(), "--trust",
                dir.resolve("mallory/signing.pub").toString(), "--workspace", ws);
        assertEquals(0, trusted.exit(), trusted.err());
        assertTrue(trusted.err().startsWith("now trusting signer"), trusted.err());
        // Both signers are pinned in the workspace database (shared by a team), not as files of this machine.
        assertFalse(Files.exists(dir.resolve("ws/trust")));
        try (var w = io.patchbay.model.workspace.Workspace.open(dir.resolve("ws"))) {
            assertEquals(2, w.trustedSigners().keys().size());
        }
        KitCommandTest.Run list = run("release", "list", "--workspace", ws);
        assertTrue(list.out().contains("12.10.11") && list.out().contains("12.10.12"), list.out());
    }

    @Test
    void aRefusedDeltaLeavesNoReleaseBehindAndTheSameAddWithASoundDeltaAddsBoth() throws Exception {
        String ws = dir.resolve("ws").toString();
        assertEquals(0, run("release", "add", kit("alice", "12.10.10", "a").toString(), "--workspace", ws).exit());
        // A delta made for another build of 12.10.11 than the kit being added.
        Path other = Files.copy(kit("alice", "12.10.11", "another build"), dir.resolve("other-12.10.11.kit"));
        Path kit = kit("alice", "12.10.11", "the build that ships");
        Path delta = dir.resolve("Spruce-12.10.10-12.10.11.delta.kit");
        String key = dir.resolve("alice/signing.key").toString();
        KitCommandTest.Run made = run("kit", "delta", "--from", dir.resolve("alice/Spruce-12.10.10.kit").toString(),
                "--to", other.toString(), "--key", key, "--out", delta.toString());
        assertEquals(0, made.exit(), made.err());

        KitCommandTest.Run wrong = run("release", "add", kit.toString(), "--delta", delta.toString(), "--workspace", ws);
        assertEquals(1, wrong.exit());
        assertTrue(wrong.err().startsWith("patchbay: delta Spruce-12.10.10-12.10.11.delta.kit refused: its target is "
                + "not"), wrong.err());
        KitCommandTest.Run noBase = run("release", "add", kit.toString(), "--delta-from", "12.9.0", "--key", key,
                "--workspace", ws);
        assertEquals(3, noBase.exit(), "not found: " + noBase.err());
        assertTrue(noBase.err().contains("its base Spruce 12.9.0 is not a release of this workspace"), noBase.err());
        assertFalse(run("release", "list", "--workspace", ws).out().contains("12.10.11"), "no release was added");
        try (var files = Files.list(dir.resolve("ws/kits"))) {
            assertEquals(List.of("Spruce-12.10.10.kit"), files.map(f -> f.getFileName().toString()).toList(),
                    "nothing of 12.10.11 or its deltas is left in the kit folder");
        }

        KitCommandTest.Run sound = run("release", "add", kit.toString(), "--delta-from", "12.10.10", "--key", key,
                "--workspace", ws);
        assertEquals(0, sound.exit(), sound.err());
        assertTrue(sound.out().contains("added Spruce 12.10.11") && sound.out().contains(
                "added delta Spruce-12.10.10-12.10.11.delta.kit from 12.10.10"), sound.out());
    }

    @Test
    void theSameKitTwiceChangesNothingAndAnotherKitWithTheSameVersionIsRefused() throws Exception {
        String ws = dir.resolve("ws").toString();
        Path kit = kit("alice", "12.10.11", "a");
        assertEquals(0, run("release", "add", kit.toString(), "--workspace", ws).exit());
        KitCommandTest.Run again = run("release", "add", kit.toString(), "--workspace", ws);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().startsWith("already added (identical kit): Spruce 12.10.11"), again.out());

        Path other = kit("alice", "12.10.11", "b");
        KitCommandTest.Run refused = run("release", "add", other.toString(), "--workspace", ws);
        assertEquals(1, refused.exit());
        assertTrue(refused.err().startsWith("patchbay: release already in the workspace: Spruce 12.10.11 (with a "
                + "different kit"), refused.err());
        assertEquals(1, refused.err().lines().count());
    }

    @Test
    void pullingNeedsAReasonAndShowsInTheList() throws Exception {
        String ws = dir.resolve("ws").toString();
        assertEquals(0, run("release", "add", kit("alice", "12.10.11", "a").toString(), "--workspace", ws).exit());
        KitCommandTest.Run noReason = run("release", "pull", "12.10.11", "--workspace", ws);
        assertEquals(1, noReason.exit());
        assertEquals("patchbay: pulling a release needs a reason\n", noReason.err());
        KitCommandTest.Run pulled = run("release", "pull", "12.10.11", "--reason", "breaks logins", "--workspace", ws);
        assertEquals("pulled Spruce 12.10.11: breaks logins\nno site has it: no pull notice to send\n", pulled.out());
        String json = run("release", "list", "--json", "--workspace", ws).out();
        assertTrue(json.contains("\"pulled\" : true") && json.contains("\"pulledReason\" : \"breaks logins\""), json);
    }

    @Test
    void releaseAddAsJsonSaysWhatItDidAsNestedObjects() throws Exception {
        String ws = dir.resolve("ws").toString();
        Path kit = kit("alice", "12.10.11", "a");
        var first = io.patchbay.model.json.Json.mapper().readTree(run("release", "add", kit.toString(), "--json",
                "--workspace", ws).out());
        assertTrue(first.get("added").asBoolean());
        assertEquals("12.10.11", first.get("release").get("version").asText());
        assertTrue(first.get("newlyTrustedSigner").asText().startsWith("SHA256:"), first.toString());
        var again = io.patchbay.model.json.Json.mapper().readTree(run("release", "add", kit.toString(), "--json",
                "--workspace", ws).out());
        assertFalse(again.get("added").asBoolean());
        assertTrue(again.get("newlyTrustedSigner").isNull(), again.toString());
    }

    @Test
    void releaseListColumnsStayAlignedWhateverThePullReasonsLength() throws Exception {
        String ws = dir.resolve("ws").toString();
        assertEquals(0, run("release", "add", kit("alice", "12.10.11", "a").toString(), "--workspace", ws).exit());
        assertEquals(0, run("release", "add", kit("alice", "12.10.12", "b").toString(), "--workspace", ws).exit());
        assertEquals(0, run("release", "pull", "12.10.11", "--reason", "breaks logins for every customer whose "
                + "name has an accent in it", "--workspace", ws).exit());
        List<String> lines = run("release", "list", "--workspace", ws).out().lines().toList();
        assertEquals(3, lines.size(), lines.toString());
        int kitColumn = lines.get(0).indexOf("KIT");
        for (String line : lines.subList(1, 3)) {
            assertTrue(line.substring(kitColumn).matches("\\d+\\.\\d KiB +SHA256:\\S+|\\d+ B +SHA256:\\S+"), line);
        }
    }

    @Test
    void thePullNoticeIsSignedOnlyWithTheKeyThatSignedTheKit() throws Exception {
        String ws = dir.resolve("ws").toString();
        assertEquals(0, run("release", "add", kit("alice", "12.10.11", "a").toString(), "--workspace", ws).exit());
        kit("mallory", "12.10.12", "m");
        KitCommandTest.Run wrong = run("release", "pull", "12.10.11", "--reason", "breaks logins",
                "--key", dir.resolve("mallory/signing.key").toString(), "--workspace", ws);
        assertEquals(1, wrong.exit());
        assertTrue(wrong.err().matches("patchbay: this key \\(SHA256:\\S+\\) did not sign Spruce 12.10.11 \\(signed by "
                + "SHA256:\\S+\\): its sites would refuse the pull notice; use the kit's key\n"), wrong.err());
        assertTrue(run("release", "list", "--json", "--workspace", ws).out().contains("\"pulled\" : false"),
                "a refused pull changes nothing");

        KitCommandTest.Run signed = run("release", "pull", "12.10.11", "--reason", "breaks logins",
                "--key", dir.resolve("alice/signing.key").toString(), "--workspace", ws);
        assertEquals(0, signed.exit(), signed.err());
        assertTrue(signed.out().startsWith("pulled Spruce 12.10.11: breaks logins\n"), signed.out());
        KitCommandTest.Run again = run("release", "pull", "12.10.11", "--workspace", ws);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().startsWith("already pulled Spruce 12.10.11: breaks logins\n"), again.out());
    }
}

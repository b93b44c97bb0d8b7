package io.patchbay.e2e;

import io.patchbay.model.kit.sign.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rotating the signing key, every part a real process of the built launcher: a site whose agent ({@code agent run})
 * was set up trusting only the old key receives, over a real OpenSSH sshd, a kit signed by the new key that carries
 * the rotation statement, and takes it; after the revoking rotation a kit signed by the old key and released later is
 * refused with the revocation named.
 */
class RotateASigningKeyTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final SftpSpruceSite site = new SftpSpruceSite();

    @Test
    void aSiteThatTrustedTheOldKeyTakesTheNewKeysKitAndRefusesTheRevokedKeysLaterOne() throws Exception {
        SpruceShipment s = site.open(dir);
        Launcher pb = s.pb;
        Path home = s.agentHome;
        s.addRelease(""); // the workspace pins the old key
        s.initAgent(); // the site trusts the old key only
        Launcher.Running agent = site.runAgent(s, "mode=manual");
        site.addSftpSite(s, "acme").ok();

        Path newKeys = dir.resolve("keys-2027");
        String rotated = s.workstation("keys", "rotate", "--key", s.signingKey().toString(), "--dir",
                newKeys.toString(), "--revoke").ok().out();
        String newFingerprint = SigningKeys.fingerprint(SigningKeys.readPublic(newKeys.resolve("signing.pub")));
        assertTrue(rotated.contains("the workspace trusts " + newFingerprint + " from now on"), rotated);

        addRelease(s, "12.10.12", newKeys.resolve("signing.key"));
        s.workstation("rollout", "start", "12.10.12", "--all").ok();
        s.workstation("deliver", "--until-done").ok();
        assertEquals("waiting", s.awaitStatus("acme", "waiting", Duration.ofSeconds(120)),
                "agent:\n" + agent.out() + agent.err());
        assertTrue(Files.isRegularFile(home.resolve("trust/rotations/key-rotation-000001.rotation")),
                "the site keeps the statement it followed");

        // The workspace refuses the revoked key's later kit itself; carried to the site by hand, the site refuses it too.
        Path later = buildKit(s, "12.10.13", s.signingKey());
        Launcher.Result refusedHere = s.workstation("release", "add", later.toString());
        assertEquals(1, refusedHere.exit(), refusedHere.out() + refusedHere.err());
        assertTrue(refusedHere.err().contains("revoked by key rotation 1"), refusedHere.err());
        assertEquals(1, refusedHere.err().lines().count(), refusedHere.err());
        Files.copy(later, home.resolve("inbox").resolve(later.getFileName()));
        Path reason = home.resolve("rejected/Spruce-12.10.13.kit.reason.txt");
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!Files.isRegularFile(reason) && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertTrue(Files.isRegularFile(reason), "agent:\n" + agent.out() + agent.err());
        String why = Files.readString(reason);
        assertTrue(why.startsWith("signed only by " + SigningKeys.fingerprint(SigningKeys.readPublic(s.signingPub()))
                + ", revoked by key rotation 1 (") && why.contains("this kit was made after it (released "
                + "2030-01-01T09:00:00Z)") && why.lines().count() == 1, why);
    }

    /** Builds Spruce {@code version} (released 2030, after the rotation) signed with {@code key}, and adds it. */
    private static void addRelease(SpruceShipment s, String version, Path key) throws Exception {
        s.workstation("release", "add", buildKit(s, version, key).toString()).ok();
    }

    /** Builds Spruce {@code version}, released 2030 (after the rotation), signed with {@code key}. */
    private static Path buildKit(SpruceShipment s, String version, Path key) throws Exception {
        Path src = Files.createDirectories(s.dir.resolve("build-" + version + "/bin"));
        Files.writeString(src.resolve("spruce.sh"), "echo spruce " + version + "\n");
        String ini = SpruceShipment.MANIFEST.replace("12.10.11", version)
                .replace("2026-11-20T09:00:00Z", "2030-01-01T09:00:00Z");
        Path manifest = Files.writeString(s.dir.resolve("kit-" + version + ".ini"), ini);
        Path kit = s.dir.resolve("Spruce-" + version + ".kit");
        s.pb.run("kit", "build", "--source", src.getParent().toString(), "--manifest", manifest.toString(), "--key",
                key.toString(), "--out", kit.toString()).ok();
        return kit;
    }
}

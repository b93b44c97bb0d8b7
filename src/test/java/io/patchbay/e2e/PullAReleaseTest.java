package io.patchbay.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pulling a release, every part a real process of the built launcher: the workstation rolls a kit out over a real
 * OpenSSH sshd to a site whose agent ({@code agent run}, manual mode so nothing depends on the hour) keeps it
 * waiting; {@code release pull --key} queues a signed notice; {@code deliver} takes it to the site; the running
 * agent marks the patch pulled and refuses the operator's install; {@code status --refresh} shows pulled.
 */
class PullAReleaseTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final SftpSpruceSite site = new SftpSpruceSite();

    @Test
    void aPulledReleaseReachesTheSiteWhichThenRefusesToInstallIt() throws Exception {
        SpruceShipment s = site.open(dir);
        Launcher pb = s.pb;
        Path ws = s.workspace;
        Path home = s.agentHome;
        Path root = s.installRoot.resolve("bin");
        Path keys = s.keys;
        s.addRelease("");

        s.initAgent();
        Launcher.Running agent = site.runAgent(s, "mode=manual");

        site.addSftpSite(s, "acme").ok();
        s.workstation("rollout", "start", "12.10.11", "--all").ok();
        s.workstation("deliver", "--until-done").ok();
        assertEquals("waiting", s.awaitStatus("acme", "waiting", Duration.ofSeconds(60)),
                "agent:\n" + agent.out() + agent.err());

        String pull = pb.run("release", "pull", "12.10.11", "--reason", "export job fails on large archives",
                "--key", keys.resolve("signing.key").toString(), "--workspace", ws.toString()).ok().out();
        assertTrue(pull.contains("pull notice signed; queued for acme"), pull);
        String delivered = pb.run("deliver", "--until-done", "--workspace", ws.toString()).ok().out();
        assertTrue(delivered.contains("acme: delivered Spruce 12.10.11 pull notice"), delivered);

        assertEquals("pulled", s.awaitStatus("acme", "pulled", Duration.ofSeconds(60)),
                "agent:\n" + agent.out() + agent.err());
        String list = pb.run("agent", "list", "--home", home.toString()).ok().out();
        assertTrue(list.contains("12.10.11") && list.contains("pulled"), list);
        Launcher.Result install = pb.run("agent", "install", "--home", home.toString(), "12.10.11");
        assertEquals(1, install.exit(), install.out());
        assertTrue(install.err().startsWith("patchbay: Spruce 12.10.11 not installed: the release Spruce 12.10.11 was "
                + "pulled by the vendor") && install.err().lines().count() == 1, install.err());
        assertEquals("echo spruce 12.10.10\n", Files.readString(root.resolve("spruce.sh")));
        String status = pb.run("status", "--workspace", ws.toString()).ok().out();
        assertTrue(status.contains("acme / Spruce 12.10.11: pulled: export job fails on large archives; "
                + "the site's agent will not install it"), status);
    }
}

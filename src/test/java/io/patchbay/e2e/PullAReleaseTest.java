package io.patchbay.e2e;

import io.patchbay.transport.fixtures.OpenSshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
    private OpenSshServer sshd;
    private Launcher.Running agent;

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (agent != null && agent.process.isAlive()) {
            agent.process.destroyForcibly().waitFor();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void aPulledReleaseReachesTheSiteWhichThenRefusesToInstallIt() throws Exception {
        sshd = OpenSshServer.start(dir.resolve("sshd"));
        Launcher pb = new Launcher(dir.resolve("logs"));
        Path ws = dir.resolve("workspace");
        Path root = Files.createDirectories(dir.resolve("site/spruce/bin"));
        Files.writeString(root.resolve("spruce.sh"), "echo spruce 12.10.10\n");
        Path home = dir.resolve("site/agent");

        Path keys = dir.resolve("keys");
        pb.run("keys", "init", "--dir", keys.toString()).ok();
        Path src = Files.createDirectories(dir.resolve("build/bin"));
        Files.writeString(src.resolve("spruce.sh"), "echo spruce 12.10.11\n");
        Path manifest = Files.writeString(dir.resolve("kit.ini"), """
                [release]
                product = Spruce
                version = 12.10.11
                requires = 12.10.0
                channel = stable
                automatic = true
                major = false
                released = 2026-11-20T09:00:00Z
                """);
        Path kit = dir.resolve("Spruce-12.10.11.kit");
        pb.run("kit", "build", "--source", src.getParent().toString(), "--manifest", manifest.toString(),
                "--key", keys.resolve("signing.key").toString(), "--out", kit.toString()).ok();
        pb.run("release", "add", kit.toString(), "--workspace", ws.toString()).ok();

        pb.run("agent", "init", "--home", home.toString(), "--install-root", root.getParent().toString(),
                "--trust", keys.resolve("signing.pub").toString(), "--tick", "1").ok();
        pb.run("agent", "policy", "--home", home.toString(), "--set", "mode=manual").ok();
        agent = pb.start("agent", "run", "--home", home.toString());

        pb.run("site", "add", "acme", "--sftp", sshd.url(home), "--identity", sshd.userKey().toString(),
                "--known-hosts", sshd.knownHosts().toString(), "--workspace", ws.toString()).ok();
        pb.run("rollout", "start", "12.10.11", "--all", "--workspace", ws.toString()).ok();
        pb.run("deliver", "--until-done", "--workspace", ws.toString()).ok();
        assertEquals("waiting", WorkstationToSiteTest.awaitStatus(pb, ws, "acme", "waiting", Duration.ofSeconds(60)),
                "agent:\n" + agent.out() + agent.err());

        String pull = pb.run("release", "pull", "12.10.11", "--reason", "export job fails on large archives",
                "--key", keys.resolve("signing.key").toString(), "--workspace", ws.toString()).ok().out();
        assertTrue(pull.contains("pull notice signed; queued for acme"), pull);
        String delivered = pb.run("deliver", "--until-done", "--workspace", ws.toString()).ok().out();
        assertTrue(delivered.contains("acme: delivered Spruce 12.10.11 pull notice"), delivered);

        assertEquals("pulled", WorkstationToSiteTest.awaitStatus(pb, ws, "acme", "pulled", Duration.ofSeconds(60)),
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

package io.patchbay.e2e;

import io.patchbay.transport.fixtures.OpenSshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole product in one line of work, every part a real process of the built launcher: the workstation
 * builds and signs a kit and rolls it out over a real OpenSSH sshd; on the site, an agent set up exactly as
 * issue 4 writes it receives the kit in its inbox (the SFTP site's path is the agent home), installs it, and
 * writes its report; {@code patchbay status --refresh} reads the report back and says installed.
 */
class WorkstationToSiteTest {
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
    void aRolledOutKitIsInstalledByTheSiteAgentAndStatusShowsIt() throws Exception {
        sshd = OpenSshServer.start(dir.resolve("sshd"));
        Launcher pb = new Launcher(dir.resolve("logs"));
        Path ws = dir.resolve("workspace");

        // The site: Spruce 12.10.10 installed, an agent home that is also the SFTP site's folder.
        Path root = Files.createDirectories(dir.resolve("site/spruce"));
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("old"));
        Files.writeString(root.resolve("bin/spruce.sh"), "echo spruce 12.10.10\n");
        Files.writeString(root.resolve("old/obsolete.jar"), "obsolete");
        Path home = dir.resolve("site/agent");

        // The workstation: keys, a kit with the design page's manifest, a release.
        Path keys = dir.resolve("keys");
        pb.run("keys", "init", "--dir", keys.toString()).ok();
        Path src = Files.createDirectories(dir.resolve("build/bin"));
        Files.writeString(src.resolve("spruce.sh"), "echo spruce 12.10.11\n");
        Path manifest = Files.writeString(dir.resolve("kit.ini"), """
                [release]
                product = Spruce
                version = 12.10.11
                requires = 12.10.0        ; lowest installed version this kit upgrades
                channel = stable          ; stable | beta
                automatic = true
                major = false
                released = 2026-11-20T09:00:00Z
                [backup]
                data = false
                [install]
                remove = old/obsolete.jar ; files the release deletes
                """);
        Path notes = Files.writeString(dir.resolve("notes.md"), "# Spruce 12.10.11\n\n- faster billing run\n");
        Path kit = dir.resolve("Spruce-12.10.11.kit");
        pb.run("kit", "build", "--source", src.getParent().toString(), "--manifest", manifest.toString(),
                "--notes", notes.toString(), "--key", keys.resolve("signing.key").toString(),
                "--out", kit.toString()).ok();
        pb.run("kit", "verify", kit.toString(), "--trust", keys.resolve("signing.pub").toString()).ok();
        pb.run("release", "add", kit.toString(), "--workspace", ws.toString()).ok();

        pb.run("agent", "init", "--home", home.toString(), "--install-root", root.toString(),
                "--trust", keys.resolve("signing.pub").toString(), "--tick", "1").ok();
        pb.run("agent", "policy", "--home", home.toString(), "--set", "window=any").ok();
        agent = pb.start("agent", "run", "--home", home.toString());

        pb.run("site", "add", "acme", "--sftp", sshd.url(home), "--identity", sshd.userKey().toString(),
                "--known-hosts", sshd.knownHosts().toString(), "--time-zone", "Europe/Paris",
                "--workspace", ws.toString()).ok();
        pb.run("rollout", "start", "12.10.11", "--all", "--workspace", ws.toString()).ok();
        String delivered = pb.run("deliver", "--until-done", "--workspace", ws.toString()).ok().out();
        assertTrue(delivered.contains("acme: delivered Spruce 12.10.11"), delivered);

        // The agent installs on its own; `status --refresh` reads its report back over SFTP.
        String state = awaitStatus(pb, ws, "acme", "installed", Duration.ofSeconds(90));

        assertEquals("installed", state, "agent:\n" + agent.out() + agent.err());
        assertEquals("echo spruce 12.10.11\n", Files.readString(root.resolve("bin/spruce.sh")));
        assertFalse(Files.exists(root.resolve("old/obsolete.jar")), "the manifest's remove list was applied");
        String list = pb.run("agent", "list", "--home", home.toString()).ok().out();
        assertTrue(list.contains("12.10.11") && list.contains("installed"), list);
        String text = pb.run("status", "--workspace", ws.toString()).ok().out(); // as recorded, no network
        assertTrue(text.contains("acme") && text.contains("installed"), text);
    }

    /** Polls {@code patchbay status --refresh --json} until the site's cell reads {@code word}; returns the last word seen. */
    static String awaitStatus(Launcher pb, Path ws, String site, String word, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        String seen = null;
        while (System.nanoTime() < end) {
            seen = words(pb, ws).get(site);
            if (word.equals(seen)) {
                return seen;
            }
            Thread.sleep(1000);
        }
        return seen;
    }

    private static Map<String, String> words(Launcher pb, Path ws) throws Exception {
        var rows = io.patchbay.model.json.Json.mapper().readTree(
                pb.run("status", "--refresh", "--json", "--workspace", ws.toString()).ok().out());
        Map<String, String> words = new TreeMap<>();
        rows.forEach(r -> words.put(r.get("site").asText(), r.get("state").asText()));
        return words;
    }
}

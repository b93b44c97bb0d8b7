package io.patchbay.e2e;

import io.patchbay.transport.https.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole product in one line of work, every part a real process of the built launcher: the workstation
 * builds and signs a kit and rolls it out, over a real OpenSSH sshd or over HTTPS to the agent itself; on the
 * site, an agent set up exactly as issue 4 writes it receives the kit, installs it, and writes its report;
 * {@code patchbay status --refresh} reads the report back and says installed.
 */
class WorkstationToSiteTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final SftpSpruceSite site = new SftpSpruceSite();

    @Test
    void aRolledOutKitIsInstalledByTheSiteAgentAndStatusShowsIt() throws Exception {
        SpruceShipment s = site.open(dir);
        Files.createDirectories(s.installRoot.resolve("old"));
        Files.writeString(s.installRoot.resolve("old/obsolete.jar"), "obsolete");

        // The workstation: a kit with the design page's manifest, a release.
        Path notes = Files.writeString(dir.resolve("notes.md"), "# Spruce 12.10.11\n\n- faster billing run\n");
        Path kit = s.addRelease("""
                [backup]
                data = false
                [install]
                remove = old/obsolete.jar ; files the release deletes
                """, "--notes", notes.toString());
        s.pb.run("kit", "verify", kit.toString(), "--trust", s.signingPub().toString()).ok();

        // The site: the agent home is also the SFTP site's folder.
        s.initAgent();
        Launcher.Running agent = site.runAgent(s, "window=any");

        site.addSftpSite(s, "acme", "--time-zone", "Europe/Paris").ok();
        s.workstation("rollout", "start", "12.10.11", "--all").ok();
        String delivered = s.workstation("deliver", "--until-done").ok().out();
        assertTrue(delivered.contains("acme: delivered Spruce 12.10.11"), delivered);

        // The agent installs on its own; `status --refresh` reads its report back over SFTP.
        String state = s.awaitStatus("acme", "installed", Duration.ofSeconds(90));

        assertEquals("installed", state, "agent:\n" + agent.out() + agent.err());
        assertEquals("echo spruce 12.10.11\n", Files.readString(s.installRoot.resolve("bin/spruce.sh")));
        assertFalse(Files.exists(s.installRoot.resolve("old/obsolete.jar")), "the manifest's remove list was applied");
        String list = s.pb.run("agent", "list", "--home", s.agentHome.toString()).ok().out();
        assertTrue(list.contains("12.10.11") && list.contains("installed"), list);
        String text = s.workstation("status").ok().out(); // as recorded, no network
        assertTrue(text.contains("acme") && text.contains("installed"), text);
    }

    @Test
    void overHttpsTheAgentTakesTheKitByTusInstallsItAndServesItsReport() throws Exception {
        SpruceShipment s = new SpruceShipment(dir);
        s.addRelease("");
        TestCertificates tls = TestCertificates.create(dir.resolve("tls"));
        Path password = Files.writeString(dir.resolve("tls/keystore.password"), new String(TestCertificates.PASSWORD));
        Path token = Files.writeString(dir.resolve("token"), "e2e-" + System.nanoTime() + "\n");
        for (Path secret : java.util.List.of(password, token)) { // the agent refuses secrets others may read
            Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        int port = freePort();

        s.initAgent("--https-port", Integer.toString(port), "--tls-keystore", tls.serverKeystore().toString(),
                "--keystore-password-file", password.toString(), "--token-file", token.toString());
        Launcher.Running agent = site.runAgent(s, "window=any");

        s.workstation("site", "add", "acme", "--https", "https://localhost:" + port, "--token-file", token.toString(),
                "--ca", tls.caPem().toString()).ok();
        awaitAgentListening(s, agent);
        s.workstation("rollout", "start", "12.10.11", "--all").ok();
        String delivered = s.workstation("deliver", "--until-done").ok().out();
        assertTrue(delivered.contains("acme: delivered Spruce 12.10.11"), delivered);

        assertEquals("installed", s.awaitStatus("acme", "installed", Duration.ofSeconds(90)),
                "agent:\n" + agent.out() + agent.err());
        assertEquals("echo spruce 12.10.11\n", Files.readString(s.installRoot.resolve("bin/spruce.sh")));
        String log = agent.out() + agent.err();
        assertFalse(log.contains(Files.readString(token).strip()), "the token never appears in the agent's output");
    }

    /** Waits for `agent run` (its own JVM) to serve HTTPS, then `site test` checks TLS, token and tus. */
    private static void awaitAgentListening(SpruceShipment s, Launcher.Running agent) throws Exception {
        agent.awaitLine(line -> line.contains("HTTPS port"), Duration.ofSeconds(60), "the agent serving HTTPS");
        Launcher.Result test = s.workstation("site", "test", "acme");
        assertEquals(0, test.exit(), test.out() + test.err());
        assertTrue(test.out().contains("(TLS verified)"), test.out());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

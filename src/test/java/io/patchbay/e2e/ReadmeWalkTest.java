package io.patchbay.e2e;

import io.patchbay.transport.fixtures.OpenSshServer;
import io.patchbay.transport.https.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's "done means": README's "Ship a kit" followed as a newcomer would, from an empty home folder, through
 * the built launcher. The commands are read from the README's code block itself, so the README cannot drift
 * from what works. The only words replaced are those that name the newcomer's own world: the two example
 * sites' addresses (here a real OpenSSH sshd and a real agent serving HTTPS on loopback) and the host key
 * fingerprint, which README says to take from what {@code site test} printed. The product's build folder, its
 * notes, the SSH identity, the token and the CA file are the newcomer's own files and are made beforehand.
 */
class ReadmeWalkTest {
    private static final Pattern FINGERPRINT = Pattern.compile("--accept-host-key (SHA256:[A-Za-z0-9+/=]+)");

    @TempDir
    Path dir;
    private OpenSshServer sshd;
    private Launcher.Running bravoAgent;

    @AfterEach
    void stopEverything() throws InterruptedException {
        SpruceShipment.stop(bravoAgent);
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void shipAKitAsTheReadmeWritesItWorksFromAnEmptyHome() throws Exception {
        List<String> commands = shipAKitCommands(Files.readString(Path.of(System.getProperty("patchbay.root"), "README.md")));
        assertTrue(commands.size() >= 10 && commands.get(0).startsWith("keys init"), commands.toString());

        Path home = Files.createDirectories(dir.resolve("home"));
        Launcher pb = new Launcher(dir.resolve("logs"), home);
        sshd = OpenSshServer.start(dir.resolve("sshd"));
        // The newcomer's own files: the product as built, its notes, an SSH key, bravo's token and CA.
        Files.createDirectories(home.resolve("build/spruce/bin"));
        Files.writeString(home.resolve("build/spruce/bin/spruce.sh"), "#!/bin/sh\necho spruce 12.10.11\n");
        Files.writeString(home.resolve("notes.md"), "# Spruce 12.10.11\n\n- faster billing run\n");
        Files.createDirectories(home.resolve(".ssh"));
        Files.copy(sshd.userKey(), home.resolve(".ssh/id_ed25519"));
        TestCertificates tls = TestCertificates.create(dir.resolve("tls"));
        Files.copy(tls.caPem(), home.resolve("bravo-ca.pem"));
        Path token = Files.writeString(home.resolve("bravo.token"), "walk-" + System.nanoTime() + "\n");
        Path password = Files.writeString(dir.resolve("tls/keystore.password"), new String(TestCertificates.PASSWORD));
        for (Path secret : List.of(token, password)) {
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        }
        int bravoPort = freePort();
        Map<String, String> theirWorld = new LinkedHashMap<>();
        theirWorld.put("sftp://patchbay@alpha.example.com:22/srv/patchbay", sshd.url(dir.resolve("sites/alpha")));
        theirWorld.put("https://bravo.example.com:8443", "https://localhost:" + bravoPort);

        String fingerprint = null;
        for (String written : commands) {
            String line = written;
            for (Map.Entry<String, String> e : theirWorld.entrySet()) {
                line = line.replace(e.getKey(), e.getValue());
            }
            if (line.contains("SHA256:...")) {
                assertTrue(fingerprint != null, "README pins a host key before any command printed one: " + written);
                line = line.replace("SHA256:...", fingerprint);
            }
            if (line.startsWith("site add bravo")) {
                bravoAgent = startBravoAgent(pb, home, bravoPort, tls, password, token);
            }
            Launcher.Result r = pb.run(shellWords(line, home));
            if (fingerprint == null && line.startsWith("site test alpha")) {
                // README: "an unknown host key prints its fingerprint" (a refusal until it is pinned).
                assertEquals(1, r.exit(), line + "\n" + r.err());
                Matcher m = FINGERPRINT.matcher(r.err());
                assertTrue(m.find(), r.err());
                fingerprint = m.group(1);
                assertEquals(sshd.hostKeyFingerprint(), fingerprint);
                continue;
            }
            r.ok();
            if (line.startsWith("deliver")) {
                assertTrue(r.out().contains("alpha: delivered Spruce 12.10.11"), r.out());
                assertTrue(r.out().contains("bravo: delivered Spruce 12.10.11"), r.out());
            }
        }
        assertTrue(Files.isRegularFile(home.resolve(".patchbay/patchbay.mv.db")), "the workspace follows $HOME");
        assertTrue(Files.readString(home.resolve("kit.ini")).contains("product = Spruce"));
        assertTrue(Files.isRegularFile(home.resolve("Spruce-12.10.11.kit")));
        assertTrue(Files.isRegularFile(dir.resolve("sites/alpha/inbox/Spruce-12.10.11.kit")));
        assertTrue(Files.readString(home.resolve("releases.html")).contains("Spruce"));
    }

    @Test
    void theWalkReadsEveryCommandOfTheReadmeBlock() {
        String readme = """
                ## Ship a kit

                ```sh
                $pb keys init --dir ~/k          # a comment
                $pb kit build --source a \\
                              --out b.kit        # more
                ```
                ```sh
                $pb not this
                ```
                """;
        assertEquals(List.of("keys init --dir ~/k", "kit build --source a --out b.kit"), shipAKitCommands(readme));
        assertEquals(List.of("keys", "init", "--dir", "/h/k"), Arrays.asList(shellWords("keys init --dir ~/k", Path.of("/h"))));
    }

    /** The {@code $pb ...} commands of the first code block under "## Ship a kit": continuations joined, comments cut. */
    static List<String> shipAKitCommands(String readme) {
        String section = readme.substring(readme.indexOf("## Ship a kit"));
        int start = section.indexOf("```sh\n") + "```sh\n".length();
        String block = section.substring(start, section.indexOf("```", start));
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : block.lines().toList()) {
            String line = raw.replaceFirst("\\s+#.*$", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            current.append(continues ? line.substring(0, line.length() - 1).strip() + " " : line);
            if (!continues) {
                String command = current.toString().strip();
                assertTrue(command.startsWith("$pb "), "not a patchbay command in README: " + command);
                commands.add(command.substring("$pb ".length()));
                current.setLength(0);
            }
        }
        return commands;
    }

    /** The words a shell passes for {@code line}: split on spaces, {@code ~/} expanded (README quotes nothing). */
    static String[] shellWords(String line, Path home) {
        return Arrays.stream(line.split("\\s+")).map(w -> w.startsWith("~/") ? home.resolve(w.substring(2)).toString() : w)
                .toArray(String[]::new);
    }

    /** bravo's agent, set up as README's "Run an agent on a site" says, trusting the newcomer's signing key. */
    private static Launcher.Running startBravoAgent(Launcher pb, Path home, int port, TestCertificates tls, Path password,
                                                    Path token) throws Exception {
        Path site = Files.createDirectories(home.getParent().resolve("sites/bravo"));
        Path root = Files.createDirectories(site.resolve("spruce"));
        pb.run("agent", "init", "--home", site.resolve("agent").toString(), "--install-root", root.toString(),
                "--trust", home.resolve("patchbay-keys/signing.pub").toString(), "--installed", "Spruce=12.10.10",
                "--https-port", Integer.toString(port), "--tls-keystore", tls.serverKeystore().toString(),
                "--keystore-password-file", password.toString(), "--token-file", token.toString()).ok();
        Launcher.Running agent = pb.start("agent", "run", "--home", site.resolve("agent").toString());
        agent.awaitLine(l -> l.contains("HTTPS port"), Duration.ofSeconds(90), "bravo's agent serving HTTPS");
        return agent;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.patchbay.app.cli.KitCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one exit-code table, as scripts meet it: each code from a real command in a real situation. */
class ExitCodesTest {
    @TempDir
    Path dir;

    private String workspace() {
        return dir.resolve("ws").toString();
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        KitCommandTest.Run r = run("release", "list", "--no-such-option");
        assertEquals(ExitCode.USAGE.code(), r.exit());
    }

    /**
     * Options that cannot go together, or that need another option, or a value no option takes: each is a usage
     * error (2), found before anything is opened or written, and its message is the first line on standard error
     * (picocli's usage follows). None of these commands leaves a workspace folder behind.
     */
    @Test
    void optionCombinationsThatCannotWorkAreUsageErrors() throws Exception {
        String ws = workspace();
        String key = Files.writeString(dir.resolve("id_ed25519"), "not read: refused before").toString();
        String home = dir.resolve("agent-home").toString();
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("site", "add", "alpha", "--sftp", "sftp://u@alpha.example/srv", "--identity", key,
                "--token-file", key, "--workspace", ws), "--token-file and --ca are for HTTPS sites, not SFTP");
        cases.put(List.of("site", "add", "alpha", "--sftp", "sftp://u@alpha.example/srv", "--workspace", ws),
                "an SFTP site needs --identity KEYFILE (its private key)");
        cases.put(List.of("site", "add", "alpha", "--https", "https://alpha.example:8443", "--token-file", key,
                "--identity", key, "--workspace", ws),
                "--identity, --known-hosts and --accept-host-key are for SFTP sites, not HTTPS");
        cases.put(List.of("site", "add", "alpha", "--https", "https://alpha.example:8443", "--workspace", ws),
                "an HTTPS site needs --token-file FILE (its bearer token)");
        cases.put(List.of("site", "add", "alpha", "--https", "https://alpha.example:8443",
                "--sftp", "sftp://u@alpha.example/srv", "--workspace", ws), "are mutually exclusive");
        cases.put(List.of("site", "test", "alpha", "--accept-host-key", "SHA256:a", "--replace-host-key", "SHA256:b",
                "--workspace", ws), "are mutually exclusive");
        cases.put(List.of("rollout", "start", "12.10.11", "--all", "--growth", "2", "--workspace", ws),
                "--growth needs --first-day");
        cases.put(List.of("rollout", "start", "12.10.11", "--all", "--first-day", "0", "--workspace", ws),
                "--first-day must be at least 1, not 0");
        cases.put(List.of("rollout", "start", "12.10.11", "--all", "--first-day", "5", "--growth", "500x",
                "--workspace", ws), "--growth 500x: a factor must be 1x to 100x");
        cases.put(List.of("release", "support", "12.10.11", "--mail", "support@example.com", "--workspace-address",
                "--workspace", ws), "give either --mail or --workspace-address, not both");
        cases.put(List.of("alerts", "--grace", "-1", "--workspace", ws),
                "--grace must be at least 0 hours and --quiet at least 1");
        cases.put(List.of("report", "sites", "--zone", "Mars/Olympus", "--workspace", ws),
                "--zone: not a time zone: 'Mars/Olympus' (e.g. Europe/Paris)");
        cases.put(List.of("report", "sites", "--from", "yesterday", "--workspace", ws),
                "--from: not a date: 'yesterday' (expected YYYY-MM-DD)");
        cases.put(List.of("status", "--database-password-file", key, "--workspace", ws),
                "--database-password-file needs --database JDBC-URL (or $PATCHBAY_DATABASE_URL)");
        cases.put(List.of("agent", "init", "--home", home, "--install-root", dir.toString(), "--trust", key,
                "--https-port", "8443"), "HTTPS needs all of --https-port, --tls-keystore and --token-file");
        cases.put(List.of("agent", "init", "--home", home, "--install-root", dir.toString(), "--trust", key,
                "--smtp-host", "mail.example"), "e-mail notices need --mail-from and at least one --mail-to");
        cases.put(List.of("agent", "init", "--home", home, "--install-root", dir.toString(), "--trust", key,
                "--time-zone", "Mars/Olympus"), "--time-zone: not a time zone: 'Mars/Olympus' (e.g. Europe/Paris or UTC)");
        cases.forEach((args, message) -> {
            KitCommandTest.Run r = run(args.toArray(String[]::new));
            String all = String.join(" ", args);
            assertEquals(ExitCode.USAGE.code(), r.exit(), all + ": " + r.err());
            String first = r.err().lines().findFirst().orElse("");
            assertTrue(first.equals(message) || message.equals("are mutually exclusive") && first.contains(message),
                    all + ": " + r.err());
            assertFalse(Files.exists(dir.resolve("ws")), all + " created the workspace");
            assertFalse(Files.exists(dir.resolve("agent-home")), all + " created the agent home");
        });
    }

    @Test
    void aSiteThatIsNotThereIsNotFound() {
        assertEquals(0, run("workspace", "init", "--workspace", workspace()).exit());
        KitCommandTest.Run r = run("site", "show", "nowhere", "--workspace", workspace());
        assertEquals(ExitCode.NOT_FOUND.code(), r.exit());
        assertEquals("patchbay: no such site: nowhere\n", r.err());
    }

    @Test
    void aKitThatIsNotThereIsNotFound() throws Exception {
        assertEquals(0, run("keys", "init", "--dir", dir.resolve("keys").toString()).exit());
        KitCommandTest.Run r = run("kit", "verify", dir.resolve("missing.kit").toString(),
                "--trust", dir.resolve("keys/signing.pub").toString());
        assertEquals(ExitCode.NOT_FOUND.code(), r.exit());
        assertEquals("patchbay: no such kit: " + dir.resolve("missing.kit") + "\n", r.err());
    }

    @Test
    void aBadManifestIsARefusal() throws Exception {
        assertEquals(0, run("keys", "init", "--dir", dir.resolve("keys").toString()).exit());
        Path ini = Files.writeString(dir.resolve("kit.ini"), "[release]\nproduct = Spruce\n");
        KitCommandTest.Run r = run("kit", "build", "--source", Files.createDirectories(dir.resolve("src")).toString(),
                "--manifest", ini.toString(), "--key", dir.resolve("keys/signing.key").toString(),
                "--out", dir.resolve("x.kit").toString());
        assertEquals(ExitCode.REFUSED.code(), r.exit());
    }

    @Test
    void aSiteNobodyAnswersOnIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: connecting is refused at once
        }
        Path key = dir.resolve("id_ed25519");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        assertEquals(0, keygen.waitFor(), new String(keygen.getInputStream().readAllBytes()));
        assertEquals(0, run("site", "add", "alpha", "--workspace", workspace(), "--sftp",
                "sftp://patchbay@127.0.0.1:" + port + "/srv/patchbay", "--identity", key.toString()).exit());
        KitCommandTest.Run r = run("site", "test", "alpha", "--workspace", workspace());
        assertEquals(ExitCode.TRANSIENT.code(), r.exit(), r.err());
        assertTrue(r.err().startsWith("patchbay: cannot connect to 127.0.0.1:" + port), r.err());
    }
}

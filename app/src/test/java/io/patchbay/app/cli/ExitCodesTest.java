package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.patchbay.app.cli.KitCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

package io.patchbay.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchbay.app.cli.PatchbayCommand;
import io.patchbay.model.json.Json;
import io.patchbay.transport.fixtures.OpenSshServer;
import io.patchbay.transport.fixtures.SshdPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code patchbay site test --json} against a real OpenSSH sshd: what the text says, as nested JSON objects. */
class SiteTestJsonTest {
    @RegisterExtension
    static final SshdPerClass SSHD = new SshdPerClass();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PatchbayCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void anSftpSitesTestIsOneJsonObjectWithTheHostKeyInboxAndStatusNested() throws Exception {
        OpenSshServer sshd = SSHD.server();
        String ws = dir.resolve("ws").toString();
        Path site = Files.createDirectories(dir.resolve("sites/alpha"));
        Files.createDirectories(site.resolve("inbox"));
        Files.createDirectories(site.resolve("status"));
        Files.writeString(site.resolve("status/12.10.11.json"), "{}");
        assertEquals(0, run("site", "add", "alpha", "--sftp", sshd.url(site), "--identity", sshd.userKey().toString(),
                "--workspace", ws).exit());
        String fp = sshd.hostKeyFingerprint();

        Run pinned = run("site", "test", "alpha", "--json", "--accept-host-key", fp, "--workspace", ws);
        assertEquals(0, pinned.exit(), pinned.err());
        assertEquals("", pinned.err());
        JsonNode j = Json.mapper().readTree(pinned.out()); // the whole output is the one object
        assertEquals("alpha", j.get("site").asText());
        assertEquals("sftp", j.get("transport").asText());
        assertTrue(j.get("ready").asBoolean());
        assertTrue(j.get("server").asText().startsWith("SSH-2.0-OpenSSH"), j.toString());
        assertTrue(j.get("hostKey").isObject(), j.toString());
        assertEquals(fp, j.get("hostKey").get("fingerprint").asText());
        assertEquals(fp, j.get("hostKey").get("pinned").asText());
        assertEquals("the workspace database", j.get("hostKey").get("matches").asText());
        assertTrue(j.get("hostKey").get("forgotten").isNull(), j.toString());
        assertTrue(j.get("inbox").get("exists").asBoolean());
        assertTrue(j.get("inbox").get("writable").asBoolean());
        assertEquals("writable", j.get("inbox").get("state").asText());
        assertTrue(j.get("status").get("readable").asBoolean());
        assertEquals(1, j.get("status").get("reportFiles").asInt());

        Run again = run("site", "test", "alpha", "--json", "--workspace", ws);
        assertEquals(0, again.exit(), again.err());
        assertTrue(Json.mapper().readTree(again.out()).get("hostKey").get("pinned").isNull(), again.out());

        Run replaced = run("site", "test", "alpha", "--json", "--replace-host-key", fp, "--workspace", ws);
        assertEquals(0, replaced.exit(), replaced.err());
        assertEquals(1, Json.mapper().readTree(replaced.out()).get("hostKey").get("forgotten").asInt(), replaced.out());
    }
}

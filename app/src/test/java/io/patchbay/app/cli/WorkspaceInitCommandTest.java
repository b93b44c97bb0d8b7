package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static io.patchbay.app.cli.KitCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Read-only commands create nothing; {@code workspace init} or the first command that writes does. */
class WorkspaceInitCommandTest {
    @TempDir
    Path dir;

    @Test
    void everyReadingCommandRefusesAMissingWorkspaceByNameAndCreatesNothing() {
        Path typo = dir.resolve("wokspace");
        List<List<String>> readers = List.of(List.of("status"), List.of("release", "list"), List.of("site", "list"),
                List.of("site", "show", "alpha"), List.of("site", "test", "alpha"), List.of("site", "remove", "alpha"),
                List.of("rollout", "list"), List.of("rollout", "pause", "1"), List.of("release", "pull", "1.0"),
                List.of("report", "releases"), List.of("alerts"));
        for (List<String> command : readers) {
            List<String> args = new java.util.ArrayList<>(command);
            args.addAll(List.of("--workspace", typo.toString()));
            KitCommandTest.Run r = run(args.toArray(String[]::new));
            assertEquals(ExitCode.NOT_FOUND.code(), r.exit(), command + ": " + r.err());
            assertEquals("patchbay: no workspace at " + typo + ": create it with `patchbay workspace init`, or name "
                    + "another with --workspace DIR (or $PATCHBAY_WORKSPACE)\n", r.err(), command.toString());
            assertEquals("", r.out(), command.toString());
            assertFalse(Files.exists(typo), command + " created " + typo);
        }
    }

    @Test
    void workspaceInitCreatesAPrivateWorkspaceThatReadingCommandsThenUse() throws Exception {
        Path ws = dir.resolve("ws");
        KitCommandTest.Run init = run("workspace", "init", "--workspace", ws.toString());
        assertEquals(0, init.exit(), init.err());
        assertEquals("created workspace " + ws + "\n", init.out());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ws)));
        KitCommandTest.Run status = run("release", "list", "--workspace", ws.toString());
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().startsWith("no releases yet"), status.out());
        KitCommandTest.Run again = run("workspace", "init", "--workspace", ws.toString());
        assertEquals(0, again.exit(), again.err());
        assertEquals("workspace already there: " + ws + "\n", again.out());
    }

    @Test
    void theFirstCommandThatWritesCreatesTheWorkspace() throws Exception {
        Path ws = dir.resolve("ws");
        Path token = Files.writeString(dir.resolve("bravo.token"), "secret\n");
        KitCommandTest.Run add = run("site", "add", "bravo", "--workspace", ws.toString(),
                "--https", "https://bravo.example.com:8443", "--token-file", token.toString());
        assertEquals(0, add.exit(), add.err());
        KitCommandTest.Run list = run("site", "list", "--workspace", ws.toString());
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("bravo"), list.out());
    }

    @Test
    void siteListAsJsonNestsThePolicyAsAnObject() throws Exception {
        Path ws = dir.resolve("ws");
        Path token = Files.writeString(dir.resolve("bravo.token"), "secret\n");
        assertEquals(0, run("site", "add", "bravo", "--workspace", ws.toString(), "--https",
                "https://bravo.example.com:8443", "--token-file", token.toString(), "--time-zone", "Europe/Paris").exit());
        var sites = io.patchbay.model.json.Json.mapper().readTree(run("site", "list", "--json", "--workspace",
                ws.toString()).out());
        assertEquals(1, sites.size());
        assertEquals("Europe/Paris", sites.get(0).get("timeZone").asText());
        assertTrue(sites.get(0).get("policy").isObject(), sites.toString());
        var one = io.patchbay.model.json.Json.mapper().readTree(run("site", "show", "bravo", "--json", "--workspace",
                ws.toString()).out());
        assertTrue(one.get("policy").isObject(), one.toString());
        assertEquals("https://bravo.example.com:8443", one.get("endpoint").asText());
    }

    @Test
    void rolloutListAsJsonIsAnArrayEvenWhenEmpty() {
        Path ws = dir.resolve("ws");
        assertEquals(0, run("workspace", "init", "--workspace", ws.toString()).exit());
        KitCommandTest.Run r = run("rollout", "list", "--json", "--workspace", ws.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("[ ]", r.out().strip());
    }
}

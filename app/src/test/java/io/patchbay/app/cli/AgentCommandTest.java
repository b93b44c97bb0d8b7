package io.patchbay.app.cli;

import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.run.Agent;
import io.patchbay.model.json.Json;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.patchbay.app.cli.KitCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code patchbay agent} commands through the real command line, on a real agent home. */
class AgentCommandTest {
    @TempDir
    Path dir;

    private final KeyPair key = SigningKeys.generate();

    private Path home() {
        return dir.resolve("agent");
    }

    private Path init() throws Exception {
        Path root = Files.createDirectories(dir.resolve("spruce/bin"));
        Files.writeString(root.resolve("app.jar"), "app 12.10.10");
        Path pub = dir.resolve("signing.pub");
        if (!Files.exists(pub)) {
            SigningKeys.writePublic(pub, key.getPublic());
        }
        KitCommandTest.Run r = run("agent", "init", "--home", home().toString(), "--install-root", dir.resolve("spruce").toString(),
                "--trust", pub.toString(), "--installed", "Spruce=12.10.10", "--time-zone", "Europe/Paris");
        assertEquals(0, r.exit(), r.err());
        return dir.resolve("spruce");
    }

    @Test
    void initRefusesAnExistingHomeAndAMissingInstallRootInOneLine() throws Exception {
        Path pub = dir.resolve("signing.pub");
        SigningKeys.writePublic(pub, key.getPublic());
        KitCommandTest.Run missing = run("agent", "init", "--home", home().toString(), "--install-root",
                dir.resolve("nowhere").toString(), "--trust", pub.toString());
        assertEquals(1, missing.exit());
        assertEquals("patchbay: install root does not exist: " + dir.resolve("nowhere") + "\n", missing.err());
        assertTrue(Files.notExists(home().resolve("agent.json")));

        init();
        assertTrue(Files.isRegularFile(home().resolve("policy.json")));
        assertTrue(Files.isDirectory(home().resolve("inbox")));
        KitCommandTest.Run again = run("agent", "init", "--home", home().toString(), "--install-root",
                dir.resolve("spruce").toString(), "--trust", pub.toString());
        assertEquals(1, again.exit());
        assertEquals("patchbay: an agent home already exists at " + home() + "\n", again.err());
    }

    @Test
    void policyShowsAndChangesKeysAndNamesTheBadOne() throws Exception {
        init();
        KitCommandTest.Run shown = run("agent", "policy", "--home", home().toString());
        assertEquals(0, shown.exit(), shown.err());
        assertTrue(shown.out().contains("window") && shown.out().contains("22:00-07:00"), shown.out());

        KitCommandTest.Run set = run("agent", "policy", "--home", home().toString(), "--set", "wait-days=3",
                "--set", "blocked-days=fri,sat,sun");
        assertEquals(0, set.exit(), set.err());
        assertTrue(set.out().lines().anyMatch(l -> l.startsWith("wait-days") && l.contains(" 3 ")), set.out());

        KitCommandTest.Run bad = run("agent", "policy", "--home", home().toString(), "--set", "wait-days=3",
                "--set", "window=late");
        assertEquals(1, bad.exit());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().contains("policy key 'window'"), bad.err());
        assertTrue(run("agent", "policy", "--home", home().toString()).out().contains("22:00-07:00"),
                "nothing applied when one assignment is refused");
    }

    @Test
    void policyAsJsonIsTheStoredPolicyWithNestedObjectsAndTheSignaturesItRequires() throws Exception {
        init();
        KitCommandTest.Run set = run("agent", "policy", "--home", home().toString(), "--set", "signatures=2", "--json");
        assertEquals(0, set.exit(), set.err());
        com.fasterxml.jackson.databind.JsonNode policy = io.patchbay.model.json.Json.mapper().readTree(set.out());
        assertEquals(2, policy.get("signatures").asInt(), set.out());
        assertEquals("22:00-07:00", policy.get("window").asText(), set.out());
        assertTrue(policy.get("blockedDays").isArray(), set.out());
        assertEquals("automatic", policy.get("mode").asText().toLowerCase(java.util.Locale.ROOT), set.out());
        assertTrue(run("agent", "policy", "--home", home().toString()).out().lines()
                .anyMatch(l -> l.startsWith("signatures") && l.contains("a kit needs 2 distinct trusted signers")));
    }

    @Test
    void anOperatorInstallsSchedulesListsAndRollsBack() throws Exception {
        Path root = init();
        // An operator-driven site: with the default 22:00-07:00 window the agent would install the first
        // kit by itself whenever this test runs at night in Paris.
        assertEquals(0, run("agent", "policy", "--home", home().toString(), "--set", "mode=manual").exit());
        Agent agent = Agent.open(AgentHome.existing(home()), Clock.systemUTC(), Duration.ZERO);
        agent.receive(kit("12.10.11"));
        agent.receive(kit("12.10.12"));

        KitCommandTest.Run scheduled = run("agent", "schedule", "--home", home().toString(), "12.10.12", "--at", "2099-12-01T23:00");
        assertEquals(0, scheduled.exit(), scheduled.err());
        assertTrue(scheduled.out().startsWith("Spruce 12.10.12 scheduled for 2099-12-01T23:00 (Europe/Paris)"), scheduled.out());
        KitCommandTest.Run badTime = run("agent", "schedule", "--home", home().toString(), "12.10.12", "--at", "tomorrow");
        assertEquals(2, badTime.exit()); // a bad option value: a usage error, the message first
        assertTrue(badTime.err().startsWith("--at expects a local date and time such as 2026-12-01T23:00; got 'tomorrow'\n"),
                badTime.err());
        KitCommandTest.Run past = run("agent", "schedule", "--home", home().toString(), "12.10.12", "--at", "2020-01-01T23:00");
        assertEquals(1, past.exit());
        assertTrue(past.err().startsWith("patchbay: cannot schedule Spruce 12.10.12 for 2020-01-01T23:00 (Europe/Paris): "
                + "that is in the past; it is 20"), past.err());
        assertTrue(run("agent", "list", "--home", home().toString()).out().contains("2099-12-01"),
                "the earlier schedule stands");

        KitCommandTest.Run installed = run("agent", "install", "--home", home().toString(), "12.10.11");
        assertEquals(0, installed.exit(), installed.err());
        assertEquals("installed Spruce 12.10.11\n", installed.out());
        KitCommandTest.Run second = run("agent", "install", "--home", home().toString(), "12.10.12");
        assertEquals(0, second.exit(), second.err());
        assertEquals("app 12.10.12", Files.readString(root.resolve("bin/app.jar")));

        KitCommandTest.Run list = run("agent", "list", "--home", home().toString());
        assertTrue(list.out().contains("installed: Spruce 12.10.12"), list.out());
        // 12.10.11 was installed, then replaced: the site no longer runs it.
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("Spruce 12.10.11") && l.contains("superseded")
                && l.contains("replaced by Spruce 12.10.12")), list.out());
        assertFalse(list.out().lines().anyMatch(l -> l.matches("Spruce 12\\.10\\.11\\s+installed\\b.*")), list.out());
        assertTrue(list.out().startsWith("site time zone: Europe/Paris"), list.out());
        java.util.regex.Matcher times = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2})?(\\.\\d+)?(.{0,5})")
                .matcher(list.out());
        int count = 0;
        while (times.find()) {
            count++;
            assertTrue(times.group(3).matches("(Z| [A-Z]{2,5}\\b|[+-]\\d).*"), "a time without its zone: '"
                    + times.group() + "' in\n" + list.out());
        }
        assertTrue(count >= 3, list.out());
        KitCommandTest.Run json = run("agent", "list", "--home", home().toString(), "--json");
        assertEquals(2, Json.mapper().readTree(json.out()).get("patches").size());

        KitCommandTest.Run back = run("agent", "rollback", "--home", home().toString());
        assertEquals(0, back.exit(), back.err());
        assertEquals("installed Spruce 12.10.11\n", back.out());
        assertEquals("app 12.10.11", Files.readString(root.resolve("bin/app.jar")));
        assertTrue(run("agent", "list", "--home", home().toString()).out().contains("installed: Spruce 12.10.11"));

        KitCommandTest.Run unknown = run("agent", "install", "--home", home().toString(), "13.0.0");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().startsWith("patchbay: no received patch 13.0.0"), unknown.err());
    }

    @Test
    void commandsOnAFolderThatIsNoAgentHomeSaySo() {
        KitCommandTest.Run r = run("agent", "list", "--home", dir.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("patchbay: not an agent home (no agent.json): "), r.err());
    }

    @Test
    void guiRefusesAnAgentHomeThatIsNoneBeforeOpeningAWindow() {
        KitCommandTest.Run r = run("gui", "--agent-home", dir.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("patchbay: not an agent home (no agent.json): "), r.err());
    }

    private Path kit(String version) throws Exception {
        Path work = Files.createDirectories(dir.resolve("build-" + version));
        Files.createDirectories(work.resolve("payload/bin"));
        Files.writeString(work.resolve("payload/bin/app.jar"), "app " + version);
        Manifest m = new Manifest("Spruce", Version.parse(version), Version.parse("12.10.0"), Channel.STABLE, true, false,
                Instant.parse("2026-11-20T09:00:00Z"), false, List.of());
        Path out = Files.createDirectories(dir.resolve("agent/inbox")).resolve("Spruce-" + version + ".kit");
        new KitBuilder().build(new KitInputs(work.resolve("payload"), m, null, null, null, key.getPrivate(), out));
        return out;
    }
}

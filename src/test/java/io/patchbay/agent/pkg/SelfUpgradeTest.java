package io.patchbay.agent.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchbay.model.json.Json;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent upgrades itself from a kit of the product patchbay-agent, with two real agent builds: the one Maven
 * built, and a copy whose jar manifest carries another Implementation-Version. The agent runs through its real
 * launcher as a child process; the kit, built by the real KitBuilder, arrives in its inbox as over SFTP.
 */
class SelfUpgradeTest {
    private static final Duration PATIENCE = Duration.ofMinutes(4);
    /** Small JVMs on a shared 2-core machine; inherited by the upgrader and the agents it starts. */
    private static final String JAVA_OPTS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    @TempDir
    Path dir;
    private AgentBuild build;
    private Path agent;
    private Path home;
    private KeyPair keys;
    private Process firstAgent;
    private Process nextAgent;

    @BeforeEach
    void installTheBuiltAgentAndRunIt() throws Exception {
        build = AgentBuild.current();
        agent = dir.resolve("opt/patchbay-agent");
        Files.createDirectories(agent.getParent());
        Command.run("cp", "-a", build.distribution().toString(), agent.toString()).ok("cp");
        keys = SigningKeys.generate();
        Path pub = dir.resolve("signing.pub");
        SigningKeys.writePublic(pub, keys.getPublic());
        home = dir.resolve("var/lib/patchbay-agent");
        Path product = Files.createDirectories(dir.resolve("opt/spruce"));
        launcher("init", "--home", home.toString(), "--install-root", product.toString(), "--trust", pub.toString(),
                "--installed", "patchbay-agent=0.1.0", "--tick", "1").ok("init");
        launcher("policy", "--home", home.toString(), "--set", "window=any").ok("policy");
        ProcessBuilder pb = new ProcessBuilder(agent.resolve("bin/patchbay-agent").toString(), "run", "--home", home.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("first-agent.out").toFile());
        pb.environment().put("PATCHBAY_AGENT_JAVA_OPTS", JAVA_OPTS);
        firstAgent = pb.start();
        awaitHealthy(build.version(), Instant.EPOCH);
    }

    @AfterEach
    void stopEveryAgent() throws Exception {
        for (Process p : new Process[]{firstAgent, nextAgent}) {
            if (p != null) {
                p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
        runningAgent().ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
    }

    @Test
    void aKitOfPatchbayAgentUpgradesTheRunningAgentAndTheNewVersionReportsHealthy() throws Exception {
        Path kit = kit("0.1.1", newBuild("0.1.1", false));

        Instant delivered = Instant.now();
        deliver(kit);
        JsonNode health = awaitHealthy("0.1.1", delivered);
        Instant healthy = Instant.now();
        System.out.printf("self-upgrade: kit in the inbox -> new agent healthy: %d ms%nupgrader's log:%n%s%n",
                Duration.between(delivered, healthy).toMillis(), read(home.resolve("self-upgrade/upgrade.log")));

        assertTrue(firstAgent.waitFor(30, TimeUnit.SECONDS), "the old agent process was stopped");
        assertEquals("patchbay-agent 0.1.1", launcher("--version").ok("--version").strip(), "the folder holds the new build");
        assertTrue(Instant.parse(health.path("startedAt").asText()).isAfter(delivered));
        PatchReport report = awaitPatch("patchbay-agent-0.1.1.kit", PatchState.INSTALLED);
        assertEquals(PatchState.INSTALLED, report.installations().get(report.installations().size() - 1).outcome());
        assertEquals("0.1.1", awaitAgentReportVersion("0.1.1"), "the workstation reads the new version in agent.json");
        assertTrue(runningAgent().isPresent(), "the new agent runs on");
        assertTrue(Files.isDirectory(agent.resolve(".upgrade-previous/lib")), "the old build is kept as the backup");
    }

    @Test
    void aNewBuildThatNeverReportsHealthyIsRolledBackToTheOldAgent() throws Exception {
        Path kit = kit("0.1.2", newBuild("0.1.2", true));

        Instant delivered = Instant.now();
        deliver(kit);
        PatchReport report = awaitPatch("patchbay-agent-0.1.2.kit", PatchState.ROLLED_BACK);
        String reason = report.installations().get(report.installations().size() - 1).reason();
        assertTrue(reason.contains("0.1.2") && reason.contains("healthy"), reason);

        JsonNode health = awaitHealthy(build.version(), delivered);
        assertTrue(Instant.parse(health.path("startedAt").asText()).isAfter(delivered), "the old agent was started again");
        assertEquals("patchbay-agent " + build.version(), launcher("--version").ok("--version").strip());
        assertTrue(Files.isDirectory(agent.resolve(".upgrade-failed/lib")), "the failed build is kept aside");
        assertTrue(runningAgent().isPresent(), "the restored agent runs");
        assertFalse(firstAgent.isAlive());
    }

    @Test
    void anUpgraderKilledAfterTheSwapIsRolledBackWhenTheAgentStartsAgain() throws Exception {
        firstAgent.destroy(); // the same agent again, its environment telling the upgrader to pause after the swap
        assertTrue(firstAgent.waitFor(60, TimeUnit.SECONDS));
        Instant restarted = Instant.now();
        firstAgent = startAgent("paused-agent.out", Map.of("PATCHBAY_TEST_UPGRADE_PAUSE_AT", "SWAPPED"));
        awaitHealthy(build.version(), restarted);
        deliver(kit("0.1.1", newBuild("0.1.1", false)));

        Path paused = home.resolve("self-upgrade/paused-at");
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!Files.exists(paused)) {
            assertTrue(Instant.now().isBefore(deadline), "the upgrader never paused after the swap: "
                    + read(home.resolve("self-upgrade/upgrade.log")));
            Thread.sleep(200);
        }
        long upgraderPid = Json.mapper().readTree(home.resolve("install/install.lock.json").toFile()).path("pid").asLong();
        ProcessHandle upgrader = ProcessHandle.of(upgraderPid).orElseThrow();
        upgrader.destroyForcibly(); // SIGKILL, with the new build swapped in and no agent running
        upgrader.onExit().get(30, TimeUnit.SECONDS);
        assertFalse(firstAgent.isAlive(), "the upgrader had stopped the old agent");
        assertEquals("patchbay-agent 0.1.1", launcher("--version").ok("--version").strip(), "the new build is in place");

        Instant started = Instant.now();
        nextAgent = startAgent("next-agent.out", Map.of()); // as systemd or a person starts it after the crash
        PatchReport report = awaitPatch("patchbay-agent-0.1.1.kit", PatchState.ROLLED_BACK);

        String reason = report.installations().get(report.installations().size() - 1).reason();
        assertTrue(reason.contains("interrupted at SWAPPED"), reason);
        awaitHealthy(build.version(), started);
        assertEquals("patchbay-agent " + build.version(), launcher("--version").ok("--version").strip(),
                "the old build is back, whole");
        assertTrue(nextAgent.waitFor(60, TimeUnit.SECONDS), "the resumed upgrader stopped the agent that found its journal");
        assertTrue(runningAgent().isPresent(), "the restored agent runs");
    }

    private Process startAgent(String output, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(agent.resolve("bin/patchbay-agent").toString(), "run", "--home", home.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(output).toFile());
        pb.environment().put("PATCHBAY_AGENT_JAVA_OPTS", JAVA_OPTS);
        pb.environment().putAll(env);
        return pb.start();
    }

    /** A copy of the built distribution whose agent jar says {@code version}; broken: without its main class. */
    private Path newBuild(String version, boolean broken) throws IOException, InterruptedException {
        Path copy = dir.resolve("build-" + version);
        Command.run("cp", "-a", build.distribution().toString(), copy.toString()).ok("cp");
        Path jar;
        try (Stream<Path> lib = Files.list(copy.resolve("lib"))) {
            jar = lib.filter(p -> p.getFileName().toString().startsWith("patchbay-agent-")).findFirst().orElseThrow();
        }
        Path rewritten = jar.resolveSibling("rewritten.tmp");
        try (InputStream raw = Files.newInputStream(jar); JarInputStream in = new JarInputStream(raw)) {
            java.util.jar.Manifest manifest = in.getManifest();
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
            try (OutputStream rawOut = Files.newOutputStream(rewritten); JarOutputStream out = new JarOutputStream(rawOut, manifest)) {
                for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                    if (broken && e.getName().equals("io/patchbay/agent/cli/AgentMain.class")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        Files.move(rewritten, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    private Path kit(String version, Path distribution) throws IOException {
        Manifest m = new Manifest("patchbay-agent", Version.parse(version), Version.parse("0.1.0"), Channel.STABLE, true,
                false, Instant.now().minus(Duration.ofDays(1)), false, List.of());
        Path out = dir.resolve("patchbay-agent-" + version + ".kit");
        new KitBuilder().build(new KitInputs(distribution, m, null, null, null, keys.getPrivate(), out));
        return out;
    }

    /** As SFTP delivers: written under {@code .partial/}, renamed into the inbox when complete. */
    private void deliver(Path kit) throws IOException {
        Path inbox = home.resolve("inbox");
        Path partial = Files.createDirectories(inbox.resolve(".partial")).resolve(kit.getFileName() + ".part");
        Files.copy(kit, partial);
        Files.move(partial, inbox.resolve(kit.getFileName()));
    }

    private Command launcher(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = agent.resolve("bin/patchbay-agent").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        return Command.run(Map.of("PATCHBAY_AGENT_JAVA_OPTS", JAVA_OPTS), command);
    }

    /** health.json naming {@code version}, started after {@code after}, with a tick since. */
    private JsonNode awaitHealthy(String version, Instant after) throws Exception {
        Path file = home.resolve("status/health.json");
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = Json.mapper().readTree(file.toFile());
                if (version.equals(last.path("agentVersion").asText())
                        && Instant.parse(last.path("startedAt").asText()).isAfter(after)
                        && last.hasNonNull("lastTick")) {
                    return last;
                }
            } catch (IOException e) {
                // not written yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no healthy agent " + version + " within " + PATIENCE + "; last health: " + last
                + "\nupgrade log:\n" + read(home.resolve("self-upgrade/upgrade.log"))
                + "\nagents started by the upgrader:\n" + read(home.resolve("self-upgrade/agent.out"))
                + "\nfirst agent:\n" + read(dir.resolve("first-agent.out")));
    }

    private PatchReport awaitPatch(String kit, PatchState wanted) throws Exception {
        Path file = home.resolve("status").resolve(StatusReports.patchFileName(kit));
        Instant deadline = Instant.now().plus(PATIENCE);
        PatchReport last = null;
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(file)) {
                last = StatusReports.parsePatch(file.toString(), Files.readAllBytes(file));
                if (last.state() == wanted) {
                    return last;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(kit + " never reached " + wanted + "; last report: " + last
                + "\nupgrade log:\n" + read(home.resolve("self-upgrade/upgrade.log"))
                + "\nagents started by the upgrader:\n" + read(home.resolve("self-upgrade/agent.out")));
    }

    private String awaitAgentReportVersion(String version) throws Exception {
        Path file = home.resolve("status").resolve(StatusReports.AGENT_FILE);
        Instant deadline = Instant.now().plus(PATIENCE);
        String seen = null;
        while (Instant.now().isBefore(deadline)) {
            seen = Json.mapper().readTree(file.toFile()).path("agentVersion").asText();
            if (version.equals(seen)) {
                return seen;
            }
            Thread.sleep(200);
        }
        return seen;
    }

    /** The agent the upgrader started (it announces itself in self-upgrade/daemon.json). */
    private Optional<ProcessHandle> runningAgent() {
        try {
            long pid = Json.mapper().readTree(home.resolve("self-upgrade/daemon.json").toFile()).path("pid").asLong();
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}

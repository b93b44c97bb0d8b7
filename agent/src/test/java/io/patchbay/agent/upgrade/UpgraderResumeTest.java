package io.patchbay.agent.upgrade;

import io.patchbay.agent.install.ChildJvm;
import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.install.StepProbe;
import io.patchbay.agent.install.TreeDigest;
import io.patchbay.model.json.Json;
import io.patchbay.model.report.PatchState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real upgrader process, paused at a named step and killed with SIGKILL, then started again with {@code --resume}:
 * the distribution folder ends exactly old (or, past the health verdict, exactly new), never half-swapped, and an
 * agent of that version runs. The agents are stand-ins (a shell script per version that announces itself and reports
 * healthy as {@code agent run} does), so each case takes seconds; the self-upgrade with two real agent builds is the
 * end-to-end test's.
 */
class UpgraderResumeTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private Path home;
    private Path dist;
    private Path plan;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void site() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        dist = distribution(dir.resolve("opt/patchbay-agent"), "1");
        Path payload = distribution(dir.resolve("payload"), "2");
        plan = dir.resolve("plan.json");
        Files.write(plan, Json.mapper().writeValueAsBytes(new UpgradePlan("patchbay-agent-2-abc", "automatic",
                SelfUpgrade.PRODUCT, "2", "1", home, payload, dist, Duration.ofSeconds(60), Instant.now())));
        Process agent = new ProcessBuilder(dist.resolve("bin/patchbay-agent").toString(), "run", "--home", home.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent-1.out").toFile()).start();
        started.add(agent);
        awaitHealthy("1");
    }

    @AfterEach
    void stopAgents() throws IOException {
        // The stand-in agents this test started, itself or through the upgrader (detached: the last one announced).
        RunningAgent.find(home).flatMap(RunningAgent::process).ifPresent(ProcessHandle::destroyForcibly);
        started.forEach(Process::destroyForcibly);
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"STARTED", "STOPPED", "SWAPPING", "swap:out:bin", "swap:out:lib", "swap:in:bin", "SWAPPED",
            "NEW_STARTED"})
    void anUpgraderKilledBeforeTheNewAgentWasHealthyIsRolledBackToExactlyTheOldDistribution(String step) throws Exception {
        Map<String, String> before = distributionTree();

        killAt(step);
        InstallOutcome outcome = resume();

        assertEquals(PatchState.ROLLED_BACK, outcome.state(), outcome.reason());
        assertEquals(before, distributionTree(), "bin/ and lib/ are exactly the old ones again");
        assertEquals(UpgradeJournal.Stage.ROLLED_BACK, UpgradeJournal.read(home.resolve("self-upgrade/journal.json"))
                .orElseThrow().stage());
        assertTrue(new AgentHealthProbe(home.resolve("status/health.json")).healthy("1", Instant.EPOCH),
                "the old agent runs and reports healthy");
        assertTrue(RunningAgent.find(home).isPresent(), "an agent runs");
    }

    @Test
    void anUpgraderKilledAfterTheNewAgentReportedHealthyFinishesTheUpgrade() throws Exception {
        killAt("HEALTHY");
        Map<String, String> upgraded = distributionTree();

        InstallOutcome outcome = resume();

        assertEquals(PatchState.INSTALLED, outcome.state(), outcome.reason());
        assertEquals("jar 2", Files.readString(dist.resolve("lib/patchbay-agent-2.jar")));
        assertEquals(upgraded, distributionTree(), "the new distribution stays");
        assertTrue(new AgentHealthProbe(home.resolve("status/health.json")).healthy("2", Instant.EPOCH));
    }

    @Test
    void aResumeKilledHalfwayThroughItsOwnRestoreIsFinishedByTheNextResume() throws Exception {
        Map<String, String> before = distributionTree();
        killAt("swap:in:bin");

        killAt("restore:back:bin", Upgrader.RESUME);
        InstallOutcome outcome = resume();

        assertEquals(PatchState.ROLLED_BACK, outcome.state(), outcome.reason());
        assertEquals(before, distributionTree());
    }

    /** Starts the upgrader (with {@code args}), waits until it pauses at {@code step}, and kills it with SIGKILL. */
    private void killAt(String step, String... args) throws Exception {
        Path marker = home.resolve("self-upgrade").resolve(StepProbe.PAUSED_FILE);
        Files.deleteIfExists(marker);
        Process upgrader = upgrader(List.of("-D" + Upgrader.PAUSE_AT + "=" + step), args);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(marker)) {
            if (!upgrader.isAlive()) {
                fail("the upgrader ended (exit " + upgrader.exitValue() + ") before " + step + ": " + log());
            }
            if (System.nanoTime() > deadline) {
                fail("the upgrader never reached " + step + ": " + log());
            }
            Thread.sleep(20);
        }
        upgrader.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
        assertTrue(upgrader.waitFor(30, TimeUnit.SECONDS));
    }

    /** Starts the upgrader with {@code --resume} and waits for it to end; returns the outcome it wrote. */
    private InstallOutcome resume() throws Exception {
        Files.deleteIfExists(home.resolve("self-upgrade/outcome.json"));
        Process resumed = upgrader(List.of(), Upgrader.RESUME);
        assertTrue(resumed.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the resume never ended: " + log());
        assertEquals(0, resumed.exitValue(), log());
        return Json.mapper().readValue(home.resolve("self-upgrade/outcome.json").toFile(), UpgradeResult.class).outcome();
    }

    private Process upgrader(List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(ChildJvm.quick());
        command.addAll(jvmOptions);
        command.add(Upgrader.class.getName());
        command.add(plan.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("upgrader.log").toFile())).start();
        started.add(p);
        return p;
    }

    private void awaitHealthy(String version) throws Exception {
        AgentHealthProbe probe = new AgentHealthProbe(home.resolve("status/health.json"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!probe.healthy(version, Instant.EPOCH) || RunningAgent.find(home).isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("the stand-in agent " + version + " never reported healthy");
            }
            Thread.sleep(20);
        }
    }

    /** The distribution's own entries, without the upgrade's working folders beside them. */
    private Map<String, String> distributionTree() {
        Map<String, String> tree = new TreeMap<>(TreeDigest.of(dist));
        tree.keySet().removeIf(k -> k.startsWith(".upgrade-"));
        return tree;
    }

    private String log() throws IOException {
        Path log = dir.resolve("upgrader.log");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    /**
     * A distribution whose launcher is a stand-in agent of {@code version}: for {@code run --home H} it announces
     * itself in {@code self-upgrade/daemon.json} with the agent's main class among its arguments (as the upgrader
     * checks), reports healthy in {@code status/health.json}, and runs until stopped.
     */
    private static Path distribution(Path dir, String version) throws IOException {
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("lib"));
        Path launcher = dir.resolve("bin/patchbay-agent");
        Files.writeString(launcher, String.join("\n",
                "#!/bin/sh",
                "main=io.patchbay.agent.cli.AgentMain",
                "if [ \"$1\" != \"$main\" ]; then exec /bin/sh \"$0\" \"$main\" \"$@\"; fi",
                "home=\"$4\"",
                "now=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)",
                "mkdir -p \"$home/self-upgrade\" \"$home/status\"",
                "printf '{\"pid\":%s,\"startedAt\":\"%s\"}' $$ \"$now\" > \"$home/self-upgrade/daemon.json.tmp\"",
                "mv \"$home/self-upgrade/daemon.json.tmp\" \"$home/self-upgrade/daemon.json\"",
                "printf '{\"agentVersion\":\"" + version + "\",\"startedAt\":\"%s\",\"lastTick\":\"%s\"}' \"$now\" \"$now\""
                        + " > \"$home/status/health.json.tmp\"",
                "mv \"$home/status/health.json.tmp\" \"$home/status/health.json\"",
                "trap 'exit 0' TERM",
                "while :; do sleep 0.2; done",
                ""));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("lib/patchbay-agent-" + version + ".jar"), "jar " + version);
        return dir;
    }
}

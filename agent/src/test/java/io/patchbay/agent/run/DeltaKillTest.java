package io.patchbay.agent.run;

import io.patchbay.agent.cli.AgentMain;
import io.patchbay.agent.install.ChildJvm;
import io.patchbay.agent.install.InstallLauncher;
import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.install.InstallRequest;
import io.patchbay.agent.install.Installer;
import io.patchbay.agent.install.StagedKit;
import io.patchbay.agent.install.StepProbe;
import io.patchbay.agent.install.TreeDigest;
import io.patchbay.agent.receive.KitReceiver;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.model.kit.DeltaApplier;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.workspace.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * kill -9 while a delta installs, on a real site ({@link DeltaSite}): the agent's own process killed while it applies
 * the delta into staging, and the install process killed while it installs what the delta staged. After the next
 * start the site runs exactly the old release or exactly the new one, nothing half-made is left, and the journal is
 * finished.
 */
class DeltaKillTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private DeltaSite d;

    @BeforeEach
    void siteRunningTheBase() throws Exception {
        d = new DeltaSite(dir);
    }

    /**
     * {@code agent install} as an operator runs it, in its own JVM, stopped for good at {@code point} while it makes
     * the staging folder: after 3 of the release's files ({@code delta:file:3}, the working folder half full) or once
     * the delta is applied and not yet moved into place ({@code delta:applied}).
     */
    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"delta:file:3", "delta:applied"})
    void anAgentKilledWhileApplyingADeltaStartsAgainOnTheOldReleaseAndThenInstallsTheNew(String point) throws Exception {
        KitReceiver.Received r = d.agent.receive(d.site.deliver(d.delta)).orElseThrow();
        Path folder = d.site.home.dir().resolve(r.patch().folder());
        Map<String, String> old = TreeDigest.of(d.site.installRoot);

        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path")));
        command.addAll(ChildJvm.quick("-D" + StagedKit.PAUSE_AT + "=" + point));
        command.addAll(List.of(AgentMain.class.getName(), "install", "--home", d.site.home.dir().toString(), DeltaSite.RELEASE));
        Process agent = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent-install.log").toFile()).start();
        Path marker = folder.resolve(StepProbe.PAUSED_FILE);
        awaitPause(agent, marker, dir.resolve("agent-install.log"));
        kill(agent);
        Files.delete(marker); // the test's own signal, not the agent's
        assertFalse(List.of(d.delta.getFileName().toString()).equals(names(folder)),
                "killed with a half-made staging folder beside the kit: " + names(folder));

        Agent restarted = d.site.agent(new MutableClock(DeltaSite.MONDAY_9_UTC.plusSeconds(7200)));
        assertEquals(Optional.empty(), restarted.recover(), "no installation had started: no journal to finish");

        assertEquals(List.of(d.delta.getFileName().toString()), names(folder), "nothing half-made is left");
        assertEquals(old, TreeDigest.of(d.site.installRoot), "exactly the old release");
        assertEquals(Map.of("Spruce", DeltaSite.BASE), restarted.registry().installed());
        PatchRecord waiting = restarted.registry().require(r.patch().id());
        assertEquals(List.of(PatchState.WAITING, "the agent stopped before the installation started"),
                List.of(waiting.state(), waiting.reason()));
        assertFalse(Files.exists(d.site.home.dir().resolve("install/journal.json")), "no journal");

        restarted.tick();

        assertEquals(PatchState.INSTALLED, restarted.registry().require(r.patch().id()).state());
        d.assertRunsTheRelease(restarted, "the delta applied again from the start");
    }

    /**
     * The install process killed inside the installation of what the delta staged (only the changed files): before
     * the commit the recovery puts back exactly the old release, after it completes exactly the new.
     */
    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"BACKUP", "apply:aside:2", "apply:placed:1", "apply:placed:3", "POST_BACKUP", "CLEANUP"})
    void anInstallKilledWhileInstallingWhatADeltaStagedEndsOnTheOldOrTheNewRelease(String point) throws Exception {
        Map<String, String> old = TreeDigest.of(d.site.installRoot);
        Path staging = dir.resolve("staged-delta/kit");
        StagedKit.ready(staging, d.delta, List.of(d.site.key.getPublic()),
                new StagedKit.InstalledRelease(d.site.installRoot, Version.parse(DeltaSite.BASE)),
                DeltaApplier.Unchanged.VERIFIED_IN_PLACE);
        InstallRequest request = new InstallRequest(DeltaSite.manifest(DeltaSite.RELEASE, List.of("lib/old.jar")),
                staging, d.site.installRoot, null, null, null);

        InstallLauncher.Child child = new InstallLauncher(d.site.home.dir(), Duration.ZERO)
                .startInstall(request, ChildJvm.quick("-D" + StepProbe.PAUSE_AT + "=" + point));
        awaitPause(child.process(), d.site.home.dir().resolve("install").resolve(StepProbe.PAUSED_FILE),
                d.site.home.dir().resolve("install/logs/process.log"));
        kill(child.process());
        InstallOutcome outcome = new Installer(d.site.home.dir()).recover().orElseThrow();

        if (point.equals("CLEANUP")) {
            assertEquals(PatchState.INSTALLED, outcome.state(), outcome.reason());
            d.assertHoldsTheRelease("exactly the new release");
        } else {
            assertEquals(PatchState.ROLLED_BACK, outcome.state(), outcome.reason());
            assertEquals(old, TreeDigest.of(d.site.installRoot), "exactly the old release");
        }
        assertTrue(outcome.recovered());
        assertFalse(Files.exists(d.site.home.dir().resolve("install/journal.json")), "the journal is finished");
        assertEquals(Optional.empty(), new Installer(d.site.home.dir()).recover(), "nothing left to recover");
    }

    private static void awaitPause(Process process, Path marker, Path log) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(marker)) {
            if (!process.isAlive()) {
                fail("the process ended (exit " + process.exitValue() + ") before its pause point: "
                        + (Files.exists(log) ? Files.readString(log) : "no log"));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                fail("the process never reached its pause point");
            }
            Thread.sleep(20);
        }
    }

    /** SIGKILL to the process and every process it started: no shutdown hooks, no finally blocks. */
    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> children = Files.list(folder)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

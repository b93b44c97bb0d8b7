package io.patchbay.agent.install;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.report.PatchState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The one-shot install process, killed with kill -9 ({@code destroyForcibly}) at every step and inside
 * apply between every two file moves; the next start-up's recovery must end in exactly the old or exactly
 * the new state, and say which.
 */
class InstallCrashTest {
    /** Files the fixture's plan touches: 4 payload, 2 data, 1 removal. */
    private static final int PLANNED_FILES = 7;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    static List<String> pointsBeforeTheCommit() {
        List<String> points = new ArrayList<>(List.of("STAGED", "PRE_INSTALL", "BACKUP", "backup:planned", "APPLY"));
        for (int i = 1; i <= PLANNED_FILES; i++) {
            points.add("apply:aside:" + i);
        }
        for (int i = 1; i <= PLANNED_FILES; i++) {
            points.add("apply:placed:" + i);
        }
        points.addAll(List.of("INSTALL_HOOK", "VERIFY_HOOK", "POST_BACKUP", "post-backup:1", "post-backup:" + PLANNED_FILES));
        return points;
    }

    @ParameterizedTest(name = "killed at {0}")
    @MethodSource("pointsBeforeTheCommit")
    void killedBeforeTheCommitRecoversToExactlyTheOldState(String point) throws Exception {
        SiteFixture site = dataSite(dir.resolve("site"));
        Map<String, String> old = site.digest();

        killAt(site, point);
        Optional<InstallOutcome> outcome = new Installer(site.home).recover();

        assertTrue(outcome.isPresent(), "a journal was left");
        assertEquals(PatchState.ROLLED_BACK, outcome.get().state(), outcome.get().reason());
        assertTrue(outcome.get().recovered());
        assertTrue(outcome.get().reason().startsWith("the agent stopped during "), outcome.get().reason());
        assertEquals(old, site.digest());
        assertEquals(Optional.empty(), new Installer(site.home).recover(), "nothing left to recover");
    }

    /** Where apply copies instead (no kit file to give the staging back, or another file system). */
    static List<String> pointsInACopyingApply() {
        return pointsBeforeTheCommit().stream().filter(p -> p.startsWith("apply") || p.equals("APPLY")).toList();
    }

    @ParameterizedTest(name = "killed at {0}")
    @MethodSource("pointsInACopyingApply")
    void killedDuringACopyingApplyRecoversToExactlyTheOldState(String point) throws Exception {
        SiteFixture site = dataSite(dir.resolve("site"));
        site.kit = null;
        Map<String, String> old = site.digest();

        killAt(site, point);
        InstallOutcome outcome = new Installer(site.home).recover().orElseThrow();

        assertEquals(PatchState.ROLLED_BACK, outcome.state(), outcome.reason());
        assertEquals(old, site.digest());
        assertTrue(Files.exists(site.staging.resolve("payload/bin/app.jar")), "a copying apply leaves the staging folder whole");
    }

    @ParameterizedTest(name = "killed at {0}")
    @MethodSource("pointsAfterTheCommit")
    void killedAfterTheCommitRecoversToExactlyTheNewState(String point) throws Exception {
        SiteFixture site = dataSite(dir.resolve("site"));
        Map<String, String> expected = newState();

        killAt(site, point);
        InstallOutcome outcome = new Installer(site.home).recover().orElseThrow();

        assertEquals(PatchState.INSTALLED, outcome.state(), outcome.reason());
        assertTrue(outcome.recovered());
        assertEquals(expected, site.digest());
    }

    static List<String> pointsAfterTheCommit() {
        return List.of("COMMIT", "CLEANUP");
    }

    static List<String> pointsInTheRollback() {
        List<String> points = new ArrayList<>(List.of("ROLLBACK"));
        for (int i = 1; i <= PLANNED_FILES; i++) {
            points.add("rollback:restored:" + i);
        }
        return points;
    }

    @ParameterizedTest(name = "killed at {0}")
    @MethodSource("pointsInTheRollback")
    void killedDuringARollbackFinishesItAtTheNextStart(String point) throws Exception {
        SiteFixture site = dataSite(dir.resolve("site")).hook("verify", "echo smoke test failed; exit 2");
        Map<String, String> old = site.digest();

        killAt(site, point);
        InstallOutcome outcome = new Installer(site.home).recover().orElseThrow();

        assertEquals(PatchState.ROLLED_BACK, outcome.state());
        assertEquals("hook verify failed with exit code 2: smoke test failed", outcome.reason());
        assertEquals("verify", outcome.step());
        assertEquals(old, site.digest());
    }

    @Test
    void recoveryThatKeepsDyingStopsAsFailedAndBlocksInstallsUntilAcknowledged() throws Exception {
        SiteFixture site = dataSite(dir.resolve("site"));
        killAt(site, "apply:placed:3");
        InstallLauncher launcher = new InstallLauncher(site.home, Duration.ZERO);
        for (int i = 0; i < InstallSettings.defaults().maxRecoveries(); i++) {
            Files.deleteIfExists(site.home.resolve("install").resolve(StepProbe.PAUSED_FILE));
            InstallLauncher.Child child = launcher.startRecover(ChildJvm.quick("-D" + StepProbe.PAUSE_AT + "=ROLLBACK"));
            awaitPause(site, child.process());
            kill(child.process());
        }

        InstallOutcome outcome = new Installer(site.home).recover().orElseThrow();

        assertEquals(PatchState.FAILED, outcome.state());
        assertTrue(outcome.reason().startsWith("recovery failed 3 times during rollback"), outcome.reason());
        PatchbayException refused = assertThrows(PatchbayException.class,
                () -> new Installer(site.home).install(site.request()));
        assertEquals("an earlier installation of Spruce 12.10.11 is unfinished (FAILED): recover it first",
                refused.getMessage());
        new Installer(site.home).acknowledgeFailure();
        assertEquals(Optional.empty(), new Installer(site.home).recover());
    }

    @Test
    void launcherInstallsInAChildProcessAndReportsTheOutcome() throws Exception {
        SiteFixture site = dataSite(dir.resolve("site"));
        Map<String, String> expected = newState();

        InstallOutcome outcome = new InstallLauncher(site.home, Duration.ZERO).install(site.request(), WAIT);

        assertEquals(PatchState.INSTALLED, outcome.state(), outcome.reason());
        assertEquals("12.10.11", outcome.version());
        assertEquals(expected, site.digest());
    }

    @Test
    void childProcessIsRefusedWhileAnotherProcessHoldsTheLockAndNamesIt() {
        SiteFixture site = dataSite(dir.resolve("site"));
        Map<String, String> old = site.digest();
        try (InstallLock held = InstallLock.acquire(site.home, Duration.ZERO, "agent run")) {
            PatchbayException e = assertThrows(PatchbayException.class,
                    () -> new InstallLauncher(site.home, Duration.ofMillis(300)).install(site.request(), WAIT));
            assertTrue(e.getMessage().startsWith("another installation is running on this site: pid "
                    + ProcessHandle.current().pid() + " (agent run) since "), e.getMessage());
        }
        assertEquals(old, site.digest());
    }

    @Test
    void recoveryWaitsWhileALiveInstallProcessHoldsTheLock() throws Exception {
        SiteFixture site = dataSite(dir.resolve("site"));
        InstallLauncher launcher = new InstallLauncher(site.home, Duration.ZERO);
        InstallLauncher.Child child = launcher.startInstall(site.request(), ChildJvm.quick("-D" + StepProbe.PAUSE_AT + "=APPLY"));
        try {
            awaitPause(site, child.process());
            PatchbayException e = assertThrows(PatchbayException.class, () -> new Installer(site.home).recover());
            assertTrue(e.getMessage().contains("pid " + child.process().pid() + " (install Spruce 12.10.11)"),
                    e.getMessage());
        } finally {
            kill(child.process());
        }
        assertEquals(PatchState.ROLLED_BACK, new Installer(site.home).recover().orElseThrow().state());
    }

    private SiteFixture dataSite(Path root) {
        // Backed by a kit, as on an agent: apply moves the staged files rather than copying them.
        SiteFixture site = new SiteFixture(root).backedByAKit().hook("install",
                // a fixed time, so the new state is the same in every run
                "echo installed >> $PATCHBAY_DATA_ROOT/db/untouched.bin\n"
                        + "touch -m -d @" + SiteFixture.NEW_TIME.getEpochSecond() + " $PATCHBAY_DATA_ROOT/db/untouched.bin");
        site.backupData = true;
        return site;
    }

    /** The new state, from an uninterrupted install of an identical site. */
    private Map<String, String> newState() {
        SiteFixture reference = dataSite(dir.resolve("reference"));
        InstallOutcome outcome = new Installer(reference.home).install(reference.request());
        assertEquals(PatchState.INSTALLED, outcome.state(), outcome.reason());
        return reference.digest();
    }

    private static void killAt(SiteFixture site, String point) throws Exception {
        InstallLauncher.Child child = new InstallLauncher(site.home, Duration.ZERO)
                .startInstall(site.request(), ChildJvm.quick("-D" + StepProbe.PAUSE_AT + "=" + point));
        awaitPause(site, child.process());
        kill(child.process());
    }

    private static void awaitPause(SiteFixture site, Process process) throws IOException, InterruptedException {
        Path marker = site.home.resolve("install").resolve(StepProbe.PAUSED_FILE);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(marker)) {
            if (!process.isAlive()) {
                fail("the install process ended (exit " + process.exitValue() + ") before its pause point: "
                        + Files.readString(site.home.resolve("install/logs/process.log")));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                fail("the install process never reached its pause point");
            }
            Thread.sleep(20);
        }
    }

    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }
}

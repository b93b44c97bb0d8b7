package io.patchbay.app.ui.console;

import io.patchbay.app.fixtures.AgentHomeFixture;

import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.install.InstallLock;
import io.patchbay.agent.run.Agent;
import io.patchbay.app.ui.task.CurrentThreadTaskExecutor;
import io.patchbay.model.decision.Checks;
import io.patchbay.model.report.CheckOutcome;
import io.patchbay.model.report.CheckRow;
import io.patchbay.model.report.PatchState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The site console's view model over a real agent home, without a Stage. */
class SiteConsoleViewModelTest {
    @TempDir
    Path dir;

    private AgentHomeFixture site;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
    private SiteConsoleViewModel console;

    @BeforeEach
    void setUp() throws Exception {
        site = new AgentHomeFixture(dir);
        console = SiteConsoleViewModel.forRealAgents(tasks, dialogs);
    }

    @Test
    void aManualOnlyPatchWaitsWithItsReasonAndInstallNowInstallsIt() throws Exception {
        site.receive("12.10.11", false, "# Spruce 12.10.11\n\n- Fixes the **night batch**\n");
        dialogs.folder = site.home;

        console.chooseHome();

        assertEquals("lyon-plant (Europe/Paris)", console.siteProperty().get());
        assertEquals("installed: Spruce 12.10.10", console.installedProperty().get());
        assertEquals(1, console.patches().size());
        PatchRow row = console.selectedProperty().get();
        assertEquals("Spruce 12.10.11", row.title());
        assertEquals(PatchState.WAITING, row.state());
        assertTrue(row.reason().contains("must be installed manually"), row.reason());
        assertTrue(row.lastCheck().startsWith(Checks.MANUAL_ONLY + ": "), row.lastCheck());
        CheckRow last = console.checks().get(console.checks().size() - 1);
        assertEquals(Checks.MANUAL_ONLY, last.check(), "the checks stop at the one that waits");
        assertEquals(CheckOutcome.WAIT, last.outcome());
        assertEquals(CheckOutcome.PASS, console.checks().get(0).outcome());
        assertTrue(console.notesProperty().get().contains("<strong>night batch</strong>"), console.notesProperty().get());
        assertTrue(console.canInstallProperty().get());

        console.installNow();

        assertEquals(dialogs.errors.toString(), "[]");
        assertEquals("app 12.10.11", site.installedApp());
        PatchRow after = console.selectedProperty().get();
        assertEquals(PatchState.INSTALLED, after.state());
        assertTrue(after.installations().startsWith("1, last installed 20"), after.installations());
        assertEquals("installed: Spruce 12.10.11", console.installedProperty().get());
        assertTrue(dialogs.notices.contains("installed Spruce 12.10.11"), dialogs.notices.toString());
        assertFalse(console.canInstallProperty().get(), "an installed patch is not installed again");
        assertTrue(tasks.executedTitles().contains("Install Spruce 12.10.11"), tasks.executedTitles().toString());
    }

    @Test
    void anOpenHomeWithNoPatchSaysSoAndAKitDeliveredLaterShowsOnTheNextPass() throws Exception {
        assertEquals("Open an agent home to see its patches.", console.emptyTextProperty().get());
        console.open(site.home);
        assertTrue(console.patches().isEmpty());
        assertTrue(console.emptyTextProperty().get().startsWith("No patch has reached lyon-plant yet"),
                console.emptyTextProperty().get());

        console.pollOnce(Runnable::run);
        assertTrue(console.patches().isEmpty(), "nothing arrived: nothing changes");

        site.receive("12.10.11", false, null); // the workstation's delivery lands and the agent's tick decides it
        console.pollOnce(Runnable::run);

        assertEquals(1, console.patches().size(), "no Refresh needed");
        assertEquals("Spruce 12.10.11", console.selectedProperty().get().title());
    }

    @Test
    void aPatchWaitingForItsWindowShowsItsNextInstallChanceInTheSiteZoneAndTheViewers() throws Exception {
        // A two-hour window starting two hours from now (Paris): the patch waits, and its agent names the window's start.
        int startHour = (ZonedDateTime.now(ZoneId.of("Europe/Paris")).getHour() + 2) % 24;
        String start = String.format("%02d:00", startHour);
        site.policy("mode=automatic", "wait-days=0", "window=" + start + "-" + String.format("%02d:00", (startHour + 2) % 24),
                "blocked-days=none");
        site.receive("12.10.11", true, null);
        ZoneId viewer = ZoneId.of("America/New_York");
        SiteConsoleViewModel inNewYork = new SiteConsoleViewModel(tasks, dialogs,
                home -> Agent.open(AgentHome.existing(home), Clock.systemUTC(), Duration.ZERO), Clock.system(viewer));

        inNewYork.open(site.home);

        PatchRow row = inNewYork.selectedProperty().get();
        assertEquals(PatchState.WAITING, row.state(), row.reason());
        String chance = row.nextChance();
        assertTrue(chance.contains(" " + start + " Europe/Paris ("), chance);
        assertTrue(chance.contains(" America/New_York), in "), chance);
        assertTrue(chance.endsWith(", by " + Checks.INSTALL_WINDOW), chance);
        assertEquals("Next install chance: " + chance, inNewYork.nextChanceProperty().get());
    }

    @Test
    void anInstalledPatchHasNoNextChance() throws Exception {
        site.receive("12.10.11", false, null);
        console.open(site.home);
        console.installNow();

        assertEquals(PatchState.INSTALLED, console.selectedProperty().get().state());
        assertEquals("", console.selectedProperty().get().nextChance());
        assertEquals("", console.nextChanceProperty().get());
    }

    @Test
    void scheduleAsksForASiteTimeRefusesNonsenseAndPostponeClearsIt() throws Exception {
        site.policy("mode=manual", "wait-days=0", "window=any", "blocked-days=none");
        site.receive("12.10.11", true, null);
        console.open(site.home);
        assertTrue(console.selectedProperty().get().lastCheck().startsWith("install-mode"),
                console.selectedProperty().get().lastCheck());
        assertTrue(console.notesProperty().get().contains("carries no release notes"), console.notesProperty().get());

        dialogs.answers.add("tomorrow");
        console.schedule();
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).contains("got 'tomorrow'"), dialogs.errors.toString());
        assertTrue(dialogs.questions.get(0).contains("Europe/Paris"), dialogs.questions.toString());

        dialogs.answers.add("2099-12-01T23:00");
        console.schedule();
        PatchRow scheduled = console.selectedProperty().get();
        assertEquals(PatchState.SCHEDULED, scheduled.state());
        assertTrue(scheduled.scheduled().contains("2099-12-01"), scheduled.scheduled());

        console.postpone();
        PatchRow postponed = console.selectedProperty().get();
        assertEquals("postponed", postponed.scheduled());
        assertTrue(postponed.waiting());
        assertEquals("app 12.10.10", site.installedApp(), "nothing installed by schedule or postpone");
        assertEquals(1, dialogs.errors.size(), dialogs.errors.toString());
    }

    @Test
    void rollBackReinstallsThePreviousVersionAfterConfirming() throws Exception {
        site.receive("12.10.11", false, null);
        console.open(site.home);
        console.installNow();
        site.receive("12.10.12", false, null);
        console.reload();
        console.selectedProperty().set(console.patches().stream()
                .filter(p -> p.version().equals("12.10.12")).findFirst().orElseThrow());
        console.installNow();
        assertEquals("app 12.10.12", site.installedApp());

        dialogs.confirmAnswer = false;
        console.rollback();
        assertEquals("app 12.10.12", site.installedApp(), "nothing happens when the operator says no");
        assertTrue(dialogs.questions.contains("Roll back Spruce 12.10.12 to 12.10.11"), dialogs.questions.toString());

        dialogs.confirmAnswer = true;
        console.rollback();
        assertEquals("app 12.10.11", site.installedApp());
        assertEquals("installed: Spruce 12.10.11", console.installedProperty().get());
        assertEquals(PatchState.ROLLED_BACK, console.patches().stream()
                .filter(p -> p.version().equals("12.10.12")).findFirst().orElseThrow().state());
        assertEquals("[]", dialogs.errors.toString());
    }

    @Test
    void anInstallWhileAnotherRunsNamesTheHolderAndLeavesThePatchWaiting() throws Exception {
        site.receive("12.10.11", false, null);
        SiteConsoleViewModel impatient = new SiteConsoleViewModel(tasks, dialogs,
                home -> Agent.open(AgentHome.existing(home), Clock.systemUTC(), Duration.ofMillis(200)), Clock.systemUTC());
        impatient.open(site.home);

        try (InstallLock held = InstallLock.acquire(site.home, Duration.ZERO, "install Spruce 12.10.99")) {
            impatient.installNow();
        }

        assertEquals(1, dialogs.errors.size(), dialogs.errors.toString());
        assertTrue(dialogs.errors.get(0).startsWith("Install Spruce 12.10.11: another installation is running on this site: pid "
                + ProcessHandle.current().pid() + " (install Spruce 12.10.99)"), dialogs.errors.get(0));
        assertEquals(PatchState.WAITING, impatient.selectedProperty().get().state());
        assertEquals("app 12.10.10", site.installedApp());
        assertFalse(impatient.busyProperty().get(), "the console is free again for the next try");
    }

    @Test
    void aFolderThatIsNoAgentHomeIsRefusedInOneLine() {
        console.open(dir);

        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).startsWith("Open agent home: not an agent home (no agent.json): "), dialogs.errors.get(0));
        assertEquals(null, console.homeProperty().get());
        assertTrue(console.patches().isEmpty());
    }
}

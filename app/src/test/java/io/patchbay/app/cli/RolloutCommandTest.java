package io.patchbay.app.cli;

import io.patchbay.app.ui.workspace.TestWorkspaces;
import io.patchbay.model.report.InstallationReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.workspace.EventKind;
import io.patchbay.model.workspace.EventQuery;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Rollout;
import io.patchbay.model.workspace.RolloutState;
import io.patchbay.model.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.patchbay.app.cli.KitCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code patchbay rollout start|pause|resume|list} through the command line, on a real workspace. */
class RolloutCommandTest {
    static final Instant T = Instant.parse("2026-11-20T09:00:00Z");
    @TempDir
    Path dir;
    String ws;
    Release release;

    @BeforeEach
    void workspace() {
        ws = dir.resolve("ws").toString();
        try (Workspace w = Workspace.open(Path.of(ws))) {
            release = TestWorkspaces.addRelease(w, "Spruce", "12.10.12", T);
            TestWorkspaces.addSite(w, "lab", "internal");
            TestWorkspaces.addSite(w, "acme", "pilot");
            TestWorkspaces.addSite(w, "bolt", "broad");
            TestWorkspaces.addSite(w, "cobalt", "broad");
        }
    }

    @Test
    void aSecondStartForSitesThatHaveTheReleaseStartsNothingAndSaysSo() {
        KitCommandTest.Run first = run("rollout", "start", "12.10.12", "--sites", "acme,bolt", "--workspace", ws);
        assertEquals(0, first.exit(), first.err());
        KitCommandTest.Run again = run("rollout", "start", "12.10.12", "--sites", "acme,bolt", "--workspace", ws);
        assertEquals(1, again.exit());
        assertEquals("patchbay: nothing to send: Spruce 12.10.12 is already on its way to or at every site named "
                + "(acme, bolt); no rollout started\n", again.err());
        KitCommandTest.Run more = run("rollout", "start", "12.10.12", "--all", "--workspace", ws);
        assertEquals(0, more.exit(), more.err());
        assertTrue(more.out().startsWith("already on its way to or at: acme, bolt (left out)\nrollout 2 of Spruce 12.10.12 "
                + "started: 2 sites queued"), more.out());
    }

    @Test
    void pauseByVersionPausesEveryRunningRolloutOfItAndResumeResumesThem() {
        run("rollout", "start", "12.10.12", "--sites", "acme", "--workspace", ws);
        run("rollout", "start", "12.10.12", "--sites", "bolt", "--workspace", ws);
        KitCommandTest.Run pause = run("rollout", "pause", "12.10.12", "--workspace", ws);
        assertEquals(0, pause.exit(), pause.err());
        assertEquals("rollout 1 of Spruce 12.10.12 is paused\nrollout 2 of Spruce 12.10.12 is paused\n", pause.out());
        KitCommandTest.Run again = run("rollout", "pause", "12.10.12", "--workspace", ws);
        assertEquals(1, again.exit());
        assertEquals("patchbay: no running rollout of Spruce 12.10.12: rollout 2 is paused, rollout 1 is paused\n", again.err());
        KitCommandTest.Run resume = run("rollout", "resume", "12.10.12", "--workspace", ws);
        assertEquals("rollout 1 of Spruce 12.10.12 is running\nrollout 2 of Spruce 12.10.12 is running\n", resume.out());
    }

    @Test
    void aRolloutWithAFailureThresholdPausesItselfAndListSaysWhy() {
        KitCommandTest.Run start = run("rollout", "start", "12.10.12", "--all", "--pause-after-failures", "50%",
                "--first-day", "1", "--growth", "2x", "--advance-at", "100%", "--workspace", ws);
        assertEquals(0, start.exit(), start.err());
        assertTrue(start.out().contains("daily quota 1 x2/day, pauses itself after 50% failed, next ring opens when 100% "
                + "of the previous ring installed"), start.out());
        try (Workspace w = Workspace.open(Path.of(ws))) {
            w.reports().record("bolt", new PatchReport(StatusReports.SCHEMA, release.kitFile(), release.kitSha256(), "Spruce",
                    "12.10.12", PatchState.ROLLED_BACK, "install hook failed", T, T, null, List.of(),
                    List.of(new InstallationReport(1, "automatic", T, T.plusSeconds(5), PatchState.ROLLED_BACK, "install",
                            "install hook failed"))), TestWorkspaces.WORKER);
            Rollout r = w.rollouts().list().get(0);
            assertEquals(RolloutState.PAUSED, r.state());
            assertEquals(1, w.events().find(EventQuery.all().kind(EventKind.ROLLOUT_PAUSED)).size());
        }
        KitCommandTest.Run list = run("rollout", "list", "--workspace", ws);
        assertTrue(list.out().contains("paused itself: 1 of 2 sites of ring broad failed or rolled back (threshold 50% of a ring)"),
                list.out());
    }

    @Test
    void badGuardSettingsAreUsageErrorsNamedOnTheFirstLine() {
        KitCommandTest.Run growth = run("rollout", "start", "12.10.12", "--all", "--first-day", "1", "--growth", "double",
                "--workspace", ws);
        assertEquals(2, growth.exit());
        assertTrue(growth.err().startsWith("not a growth: 'double' (expected sites added a day such as 2, or a factor "
                + "such as 2x)\n"), growth.err());
        KitCommandTest.Run threshold = run("rollout", "start", "12.10.12", "--all", "--pause-after-failures", "some",
                "--workspace", ws);
        assertEquals(2, threshold.exit());
        assertTrue(threshold.err().startsWith("not a failure threshold: 'some' (expected a number of sites such as 2, "
                + "or a share of a ring such as 10%)\n"), threshold.err());
        KitCommandTest.Run both = run("rollout", "start", "12.10.12", "--all", "--advance-at", "50%", "--advance-after", "2",
                "--workspace", ws);
        assertEquals(2, both.exit());
        try (Workspace w = Workspace.open(Path.of(ws))) {
            assertEquals(List.of(), w.rollouts().list(), "nothing started");
        }
    }
}

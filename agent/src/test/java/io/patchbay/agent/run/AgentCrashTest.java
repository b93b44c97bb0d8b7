package io.patchbay.agent.run;

import io.patchbay.agent.log.AgentLog;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.agent.registry.RegistryStore;
import io.patchbay.model.policy.InstallWindow;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.workspace.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The patch's state is on disk before the step it names, so an agent that dies there is recovered at its next start. */
class AgentCrashTest {
    private static final Instant MONDAY_10_UTC = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    /** Stands for the agent's process dying: no catch block of the agent handles an Error. */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aPatchIsInstallingOnDiskBeforeItsInstallationStartsAndTheNextStartLetsItInstallAgain() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        site.policy(p -> p.withWindow(InstallWindow.ANY));
        MutableClock clock = new MutableClock(MONDAY_10_UTC);
        List<PatchState> onDiskWhenTheInstallationStarted = new ArrayList<>();
        Installs dyingInstall = request -> {
            onDiskWhenTheInstallationStarted.add(new RegistryStore(site.home.patches()).read().patches().get(0).state());
            throw new Killed();
        };
        Agent dying = new Agent(site.home, site.config(), clock, dyingInstall, new Notifier(null, AgentLog.of(site.home)),
                new CommandPrecondition(site.home.dir(), Duration.ofSeconds(10)));
        dying.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", true, MONDAY_10_UTC.minusSeconds(3600)), null)));

        assertThrows(Killed.class, dying::tick);

        assertEquals(List.of(PatchState.INSTALLING), onDiskWhenTheInstallationStarted);
        assertEquals(PatchState.INSTALLING, site.report("Spruce-12.10.11.kit").state(), "reported before it started");
        assertEquals("app 12.10.10", site.installed("bin/app.jar"));

        Agent next = site.agent(clock);
        assertTrue(next.recover().isEmpty(), "no installation had started: no journal to recover");
        PatchRecord recovered = next.registry().patches().get(0);
        assertEquals(PatchState.WAITING, recovered.state());
        assertEquals("the agent stopped before the installation started", recovered.reason());

        next.tick();

        assertEquals(PatchState.INSTALLED, next.registry().patches().get(0).state(),
                next.registry().patches().get(0).reason());
        assertEquals("app 12.10.11", site.installed("bin/app.jar"));
    }
}

package io.patchbay.agent.run;

import io.patchbay.agent.home.AgentKey;
import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.install.PostInstallBackups;
import io.patchbay.model.NotFoundException;
import io.patchbay.model.backup.BackupInfo;
import io.patchbay.model.backup.StateArchive;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.workspace.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which post-install backup a version has, and {@code report --with-backup} carrying its state, on a real site. */
class PostInstallBackupsTest {
    private static final Instant MONDAY_9_UTC = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant MONDAY_10_UTC = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theBackupOfAnInstalledVersionIsFoundAndTravelsInTheReportBundleAsTheInstalledState() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        Agent agent = site.agent(new MutableClock(MONDAY_10_UTC));
        agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null)));
        InstallOutcome installed = agent.installNow("12.10.11", null);
        assertEquals(PatchState.INSTALLED, installed.state(), installed.reason());

        PostInstallBackups.Found found = PostInstallBackups.latest(site.home.dir(), "12.10.11");
        assertEquals(new BackupInfo("Spruce", "12.10.11", installed.id()), found.info());
        assertTrue(Files.isDirectory(found.post()), found.post().toString());

        AgentKey.ensure(site.home);
        Path bundle = dir.resolve("report.bundle");
        ReportBundle.Written w = ReportBundle.write(agent, bundle, Clock.fixed(MONDAY_10_UTC, ZoneOffset.UTC), "12.10.11");
        assertTrue(w.manifest().entries().stream().anyMatch(e -> e.file().equals(StateArchive.FILE)), w.manifest().toString());
        try (var leftovers = Files.list(site.home.dir())) {
            assertFalse(leftovers.anyMatch(p -> p.getFileName().toString().startsWith(".report-backup-")),
                    "the scratch folder is gone");
        }
    }

    @Test
    void aVersionNeverInstalledHasNoBackupAndTheReportIsNotWrittenNorNumbered() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        Agent agent = site.agent(new MutableClock(MONDAY_10_UTC));
        AgentKey.ensure(site.home);

        NotFoundException e = assertThrows(NotFoundException.class, () -> ReportBundle.write(agent,
                dir.resolve("report.bundle"), Clock.fixed(MONDAY_10_UTC, ZoneOffset.UTC), "12.10.11"));

        assertEquals("version 12.10.11 was never installed at this site", e.getMessage());
        assertFalse(Files.exists(dir.resolve("report.bundle")));
        assertFalse(Files.exists(site.home.dir().resolve(ReportBundle.SEQUENCE_FILE)));
    }
}

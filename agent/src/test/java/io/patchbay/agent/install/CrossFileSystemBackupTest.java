package io.patchbay.agent.install;

import io.patchbay.model.report.PatchState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The agent home on another file system than the install root (here: tmpfs in /dev/shm), so the old files
 * cannot be renamed into the backup and are copied instead: same guarantees, byte for byte.
 */
class CrossFileSystemBackupTest {
    @TempDir
    Path dir;
    private Path otherFileSystem;

    @BeforeEach
    void homeOnAnotherFileSystem() throws Exception {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
                && !Files.getFileStore(shm).equals(Files.getFileStore(dir)), "needs a second file system");
        otherFileSystem = Files.createTempDirectory(shm, "patchbay-home-");
    }

    @AfterEach
    void removeIt() throws Exception {
        if (otherFileSystem != null) {
            FileOps.deleteTree(otherFileSystem);
        }
    }

    @Test
    void failingInstallHookRestoresTheSiteFromCopiesOnAnotherFileSystem() {
        SiteFixture site = new SiteFixture(dir).hook("install", "exit 3");
        site.backupData = true;
        Map<String, String> before = site.digest();

        InstallOutcome outcome = new Installer(otherFileSystem).install(site.request());

        assertEquals(PatchState.ROLLED_BACK, outcome.state());
        assertEquals("hook install failed with exit code 3", outcome.reason());
        assertEquals(before, site.digest());
    }

    @Test
    void successfulInstallKeepsCopiesOfTheOldFilesOnAnotherFileSystem() throws Exception {
        SiteFixture site = new SiteFixture(dir);

        InstallOutcome outcome = new Installer(otherFileSystem).install(site.request());

        assertEquals(PatchState.INSTALLED, outcome.state(), outcome.reason());
        assertEquals("app 12.10.11", site.read("bin/app.jar"));
        Path backup = otherFileSystem.resolve("backups/" + outcome.id());
        assertEquals("app 12.10.10", Files.readString(backup.resolve("pre/install/bin/app.jar")));
        assertEquals("obsolete", Files.readString(backup.resolve("pre/install/old/obsolete.jar")));
        assertEquals(false, Files.exists(site.installRoot.resolve("old/obsolete.jar")));
        assertEquals("app 12.10.11", Files.readString(backup.resolve("post/install/bin/app.jar")));
    }
}

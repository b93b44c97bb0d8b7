package io.patchbay.agent.install;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.report.InstallationReport;
import io.patchbay.model.report.PatchState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstallerTest {
    @TempDir
    Path dir;

    @Test
    void successfulInstallChangesExactlyThePayloadAndRemovalsAndKeepsAPostInstallBackup() throws Exception {
        SiteFixture site = new SiteFixture(dir);
        Map<String, String> before = site.digest();

        InstallOutcome outcome = new Installer(site.home).install(site.request());

        assertEquals(PatchState.INSTALLED, outcome.state(), outcome.reason());
        assertNull(outcome.reason());
        Map<String, String> after = site.digest();
        Map<String, String> changes = new TreeMap<>();
        before.forEach((path, was) -> {
            String now = after.get(path);
            if (now == null) {
                changes.put(path, "removed");
            } else if (!now.equals(was)) {
                changes.put(path, "changed");
            }
        });
        after.keySet().stream().filter(path -> !before.containsKey(path)).forEach(path -> changes.put(path, "new"));
        assertEquals(new TreeMap<>(Map.ofEntries(
                Map.entry("install:bin/app.jar", "changed"),
                Map.entry("install:lib/a.jar", "changed"),
                Map.entry("install:lib/new/", "new"),
                Map.entry("install:lib/new/c.jar", "new"),
                Map.entry("install:plugins/", "new"),
                Map.entry("install:plugins/x/", "new"),
                Map.entry("install:plugins/x/y.jar", "new"),
                Map.entry("install:old/obsolete.jar", "removed"),
                Map.entry("data:db/data.bin", "changed"),
                Map.entry("data:export/", "new"),
                Map.entry("data:export/global.csv", "new"))), changes);
        assertFalse(Files.exists(site.installRoot.resolve("old/obsolete.jar")));
        assertEquals("app 12.10.11", site.read("bin/app.jar"));
        assertEquals("rwxr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(site.installRoot.resolve("bin/app.jar"))));

        Path backup = site.home.resolve("backups/" + outcome.id());
        assertEquals("app 12.10.10", Files.readString(backup.resolve("pre/install/bin/app.jar")));
        assertEquals("obsolete", Files.readString(backup.resolve("pre/install/old/obsolete.jar")));
        assertEquals("app 12.10.11", Files.readString(backup.resolve("post/install/bin/app.jar")));
        assertEquals("y 12.10.11", Files.readString(backup.resolve("post/install/plugins/x/y.jar")));
        assertEquals("customer data, migrated", Files.readString(backup.resolve("post/data/db/data.bin")));
        assertFalse(Files.exists(site.home.resolve("install/journal.json")), "journal archived");
        assertTrue(Files.exists(site.home.resolve("install/history/" + outcome.id() + ".json")));
        assertTrue(Files.exists(site.staging.resolve("payload/bin/app.jar")), "staging left as it was");

        InstallationReport report = outcome.toReport("operator");
        assertEquals(PatchState.INSTALLED, report.outcome());
        assertEquals("commit", report.step());
    }

    @Test
    void onlyTheBackupsOfTheLatestInstallationsAreKept() throws Exception {
        SiteFixture site = new SiteFixture(dir);
        Installer installer = new Installer(site.home, InstallSettings.defaults().withKeptBackups(2));
        for (int i = 0; i < 4; i++) {
            assertEquals(PatchState.INSTALLED, installer.install(site.request()).state());
        }
        try (var backups = Files.list(site.home.resolve("backups"))) {
            assertEquals(java.util.List.of("3", "4"), backups.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("app 12.10.11", site.read("bin/app.jar"));
    }

    @Test
    void failingInstallHookLeavesTheSiteByteIdenticalAndSaysWhy() {
        SiteFixture site = new SiteFixture(dir).hook("install", "echo starting\necho cannot migrate schema >&2\nexit 3");
        Map<String, String> before = site.digest();

        InstallOutcome outcome = new Installer(site.home).install(site.request());

        assertEquals(PatchState.ROLLED_BACK, outcome.state());
        assertEquals("hook install failed with exit code 3: cannot migrate schema", outcome.reason());
        assertEquals("install", outcome.step());
        assertEquals(before, site.digest());
        assertFalse(Files.exists(site.home.resolve("backups/" + outcome.id())), "backup folder cleaned up");
    }

    @Test
    void failingVerifyHookRollsBackToo() {
        SiteFixture site = new SiteFixture(dir).hook("verify", "test \"$(cat $PATCHBAY_INSTALL_ROOT/bin/app.jar)\" = 'app 9'");
        Map<String, String> before = site.digest();

        InstallOutcome outcome = new Installer(site.home).install(site.request());

        assertEquals(PatchState.ROLLED_BACK, outcome.state());
        assertEquals("verify", outcome.step());
        assertEquals("hook verify failed with exit code 1", outcome.reason());
        assertEquals(before, site.digest());
    }

    @Test
    void dataRootIsBackedUpAndRestoredWhenTheManifestAsks() throws Exception {
        SiteFixture site = new SiteFixture(dir)
                .hook("install", "echo rewritten > $PATCHBAY_DATA_ROOT/db/untouched.bin\n"
                        + "mkdir $PATCHBAY_DATA_ROOT/cache && echo x > $PATCHBAY_DATA_ROOT/cache/tmp\n"
                        + "rm $PATCHBAY_DATA_ROOT/db/data.bin")
                .hook("verify", "echo data check failed; exit 1");
        site.backupData = true;
        Map<String, String> before = site.digest();

        InstallOutcome outcome = new Installer(site.home).install(site.request());

        assertEquals(PatchState.ROLLED_BACK, outcome.state());
        assertEquals("hook verify failed with exit code 1: data check failed", outcome.reason());
        assertEquals(before, site.digest());
    }

    @Test
    void dataRootCopyIsKeptAfterASuccessfulInstallWhenAsked() throws Exception {
        SiteFixture site = new SiteFixture(dir);
        site.backupData = true;

        InstallOutcome outcome = new Installer(site.home).install(site.request());

        assertEquals(PatchState.INSTALLED, outcome.state());
        Path copy = site.home.resolve("backups/" + outcome.id() + "/data-root");
        assertEquals("other data", Files.readString(copy.resolve("db/untouched.bin")));
        assertEquals("customer data", Files.readString(copy.resolve("db/data.bin")));
    }

    @Test
    void foldersCreatedByThePayloadAreRemovedOnRollbackWithWhatHooksPutInThem() {
        SiteFixture site = new SiteFixture(dir)
                .hook("install", "echo generated > $PATCHBAY_INSTALL_ROOT/plugins/x/index.cache")
                .hook("verify", "exit 4");
        Map<String, String> before = site.digest();

        InstallOutcome outcome = new Installer(site.home).install(site.request());

        assertEquals(PatchState.ROLLED_BACK, outcome.state());
        assertFalse(Files.exists(site.installRoot.resolve("plugins")));
        assertFalse(Files.exists(site.installRoot.resolve("lib/new")));
        assertEquals(before, site.digest());
    }

    @Test
    void hooksRunInTheStagingFolderWithThePatchbayVariablesAndTheirOutputIsLogged() throws Exception {
        SiteFixture site = new SiteFixture(dir).hook("pre-install",
                "echo \"$PWD|$PATCHBAY_INSTALL_ROOT|$PATCHBAY_DATA_ROOT|$PATCHBAY_STAGING|$PATCHBAY_PRODUCT|$PATCHBAY_VERSION\"");

        InstallOutcome outcome = new Installer(site.home).install(site.request());

        assertEquals(PatchState.INSTALLED, outcome.state());
        String log = Files.readString(site.home.resolve("install/logs/" + outcome.id() + "-pre-install.log"));
        String staging = site.staging.toAbsolutePath().normalize().toString();
        assertEquals(staging + "|" + site.installRoot.toAbsolutePath().normalize() + "|"
                + site.dataRoot.toAbsolutePath().normalize() + "|" + staging + "|Spruce|12.10.11\n", log);
    }

    @Test
    void hookLogIsCutAtItsCapButTheLastLineStillNamesTheFailure() throws Exception {
        SiteFixture site = new SiteFixture(dir).hook("install",
                "head -c 3000000 /dev/zero | tr '\\\\0' 'x'; echo; echo disk full; exit 5");

        InstallOutcome outcome = new Installer(site.home).install(site.request());

        assertEquals("hook install failed with exit code 5: disk full", outcome.reason());
        long size = Files.size(site.home.resolve("install/logs/" + outcome.id() + "-install.log"));
        assertTrue(size < HookRunner.LOG_CAP + 100, "log capped, was " + size);
    }

    @Test
    void hookThatRunsPastItsTimeoutIsKilledAndTheInstallRolledBack() {
        SiteFixture site = new SiteFixture(dir).hook("install", "echo waiting for service; sleep 60");
        site.hookTimeout = Duration.ofSeconds(1);
        Map<String, String> before = site.digest();
        long start = System.nanoTime();

        InstallOutcome outcome = new Installer(site.home).install(site.request());

        assertEquals(PatchState.ROLLED_BACK, outcome.state());
        assertEquals("hook install timed out after 1 s: waiting for service", outcome.reason());
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 30, "did not wait for the sleep");
        assertEquals(before, site.digest());
    }

    @Test
    void secondInstallIsRefusedAndToldWhoHoldsTheLock() {
        SiteFixture site = new SiteFixture(dir);
        Map<String, String> before = site.digest();
        try (InstallLock held = InstallLock.acquire(site.home, Duration.ZERO, "install Spruce 12.10.9")) {
            PatchbayException e = assertThrows(PatchbayException.class,
                    () -> new Installer(site.home).install(site.request()));
            assertTrue(e.getMessage().startsWith("another installation is running on this site: pid "
                    + ProcessHandle.current().pid() + " (install Spruce 12.10.9) since "), e.getMessage());
        }
        assertEquals(before, site.digest());
    }

    @Test
    void secondInstallWaitsForTheLockWhenAllowedTo() throws Exception {
        SiteFixture site = new SiteFixture(dir);
        InstallLock held = InstallLock.acquire(site.home, Duration.ZERO, "install Spruce 12.10.9");
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            held.close();
        });
        InstallOutcome outcome = new Installer(site.home, InstallSettings.defaults().withLockWait(Duration.ofSeconds(20)))
                .install(site.request());
        release.get();
        assertEquals(PatchState.INSTALLED, outcome.state());
    }

    @Test
    void kitThatWouldReplaceAFolderWithAFileIsRolledBackBeforeAnythingChanges() throws Exception {
        SiteFixture site = new SiteFixture(dir);
        SiteFixture.file(site.staging, "payload/conf", "not a folder", "rw-r--r--", SiteFixture.NEW_TIME);
        Map<String, String> before = site.digest();

        InstallOutcome outcome = new Installer(site.home).install(site.request());

        assertEquals(PatchState.ROLLED_BACK, outcome.state());
        assertEquals("the kit's file 'conf' would replace a folder in " + site.installRoot.toAbsolutePath().normalize(),
                outcome.reason());
        assertEquals(before, site.digest());
    }

    @Test
    void attemptNumbersGrowAcrossInstallations() {
        SiteFixture site = new SiteFixture(dir).hook("verify", "exit 1");
        long first = new Installer(site.home).install(site.request()).id();
        long second = new Installer(site.home).install(site.request()).id();
        assertEquals(first + 1, second);
    }
}

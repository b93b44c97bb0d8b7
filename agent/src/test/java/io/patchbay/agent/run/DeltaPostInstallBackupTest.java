package io.patchbay.agent.run;

import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.install.PostInstallBackup;
import io.patchbay.agent.install.PostInstallBackups;
import io.patchbay.agent.install.TreeDigest;
import io.patchbay.model.backup.InstalledStateCheck;
import io.patchbay.model.backup.StateDifferences;
import io.patchbay.model.kit.ChecksumList;
import io.patchbay.model.kit.DeltaBuilder;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.KitReader;
import io.patchbay.model.report.PatchState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a delta install, the post-install backup holds the whole release, as after its full kit: the state
 * {@code site fetch-backup} (export with the workstation's full kit) and {@code report --with-backup} (export with the
 * site's own copy) bring back checks clean against the release's signed checksums with {@link InstalledStateCheck},
 * and a file changed during the install is listed. A file the delta checked in place and that changes before the
 * install moves a file stops the install, and the site keeps its release. Real site, real child-JVM installs, real hooks.
 */
class DeltaPostInstallBackupTest {
    @TempDir
    Path dir;
    private DeltaSite fixture;

    @BeforeEach
    void siteRunningTheBase() throws Exception {
        fixture = new DeltaSite(dir);
    }

    @Test
    void theBackupOfADeltaInstallHoldsTheWholeReleaseAndChecksCleanAgainstItsSignedList() throws Exception {
        InstallOutcome outcome = install(fixture.delta);
        assertEquals(PatchState.INSTALLED, outcome.state(), outcome.reason());

        for (Path kit : Arrays.asList(fixture.releaseKit, null)) { // fetch-backup's export, then report's
            StateDifferences d = checkedBackup(kit == null ? "report" : "fetch", kit);
            assertEquals(new StateDifferences(4, List.of(), List.of(), List.of()), d,
                    "app.jar, start.sh, core.jar and new.jar: the two the delta did not change as well");
        }
    }

    @Test
    void aFileAHookChangesThatTheDeltaDidNotIsListedByTheBackupCheck() throws Exception {
        Path delta = deltaWithHook("verify", "printf 'by hand' >> \"$PATCHBAY_INSTALL_ROOT/lib/core.jar\"\n");
        InstallOutcome outcome = install(delta);
        assertEquals(PatchState.INSTALLED, outcome.state(), outcome.reason());

        StateDifferences d = checkedBackup("fetch", fixture.releaseKit);
        assertEquals(new StateDifferences(3, List.of("install/lib/core.jar"), List.of(), List.of()), d);
    }

    @Test
    void aFileCheckedInPlaceThatChangesBeforeTheInstallMovesAFileStopsItAndTheSiteKeepsItsRelease() throws Exception {
        Path delta = deltaWithHook("pre-install", "printf 'by hand' >> \"$PATCHBAY_INSTALL_ROOT/lib/core.jar\"\n");
        Map<String, String> before = TreeDigest.of(fixture.site.installRoot);

        InstallOutcome outcome = install(delta);

        assertEquals(PatchState.ROLLED_BACK, outcome.state(), outcome.reason());
        assertEquals("payload/lib/core.jar changed on this site after the delta checked it (size or time differ); "
                + "nothing was installed", outcome.reason());
        Map<String, String> after = TreeDigest.of(fixture.site.installRoot);
        assertTrue(!before.get("lib/core.jar").equals(after.get("lib/core.jar")), "the hook's change stays: " + after);
        after.remove("lib/core.jar");
        before.remove("lib/core.jar");
        assertEquals(before, after, "every other file is the base's");
        assertEquals(Map.of("Spruce", DeltaSite.BASE), fixture.agent.registry().installed());
    }

    private InstallOutcome install(Path delta) throws Exception {
        fixture.agent.receive(fixture.site.deliver(delta)).orElseThrow();
        return fixture.agent.installNow(DeltaSite.RELEASE, null);
    }

    /** The site's latest backup of the release, exported as the workstation does and checked against its signed list. */
    private StateDifferences checkedBackup(String name, Path kit) throws Exception {
        PostInstallBackups.Found found = PostInstallBackups.latest(fixture.site.home.dir(), DeltaSite.RELEASE);
        Path state = dir.resolve("state-" + name);
        PostInstallBackup.export(found.post(), kit, state);
        ChecksumList signed = KitReader.verify(fixture.releaseKit, List.of(fixture.site.key.getPublic())).checksums();
        return InstalledStateCheck.compare(state, signed);
    }

    /** The release's kit with one hook, and the delta to it from the installed base, signed by the site's key. */
    private Path deltaWithHook(String hook, String script) throws Exception {
        Path hooks = Files.createDirectories(dir.resolve("build/hooks-" + hook));
        Path file = Files.writeString(hooks.resolve(hook), "#!/bin/sh\nset -e\n" + script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path kit = dir.resolve("build/with-" + hook + "/Spruce-" + DeltaSite.RELEASE + ".kit");
        Files.createDirectories(kit.getParent());
        new KitBuilder().build(new KitInputs(fixture.releasePayload, DeltaSite.manifest(DeltaSite.RELEASE,
                List.of("lib/old.jar")), null, null, hooks, fixture.site.key.getPrivate(), kit));
        Path delta = kit.resolveSibling("Spruce-" + DeltaSite.BASE + "-" + DeltaSite.RELEASE + ".delta.kit");
        new DeltaBuilder().build(new DeltaBuilder.Inputs(fixture.baseKit, kit, List.of(fixture.site.key.getPublic()),
                fixture.site.key.getPrivate(), delta));
        return delta;
    }
}

package io.patchbay.agent.run;

import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.install.TreeDigest;
import io.patchbay.agent.receive.KitReceiver;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.model.kit.DeltaBuilder;
import io.patchbay.model.kit.HostileDeltas;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A delta kit on a real site: received through the inbox like any kit, verified, registered as a patch of its
 * release, and applied to the installed files when it installs (a real child-JVM install), or refused with "needs
 * the full kit: FILE: why" while nothing on the site changes, after which the release's full kit installs as usual.
 * The site runs Spruce 12.10.11, installed through the agent from its full kit; the delta carries 12.10.12.
 */
class DeltaKitOnSiteTest {
    private static final String BASE = DeltaSite.BASE;
    private static final String RELEASE = DeltaSite.RELEASE;

    @TempDir
    Path dir;
    private AgentSite site;
    private Agent agent;
    private DeltaSite fixture;
    private Path releaseKit;
    private Path delta;
    private DeltaBuilder.Result built;

    @BeforeEach
    void siteRunningTheBase() throws Exception {
        DeltaSite d = new DeltaSite(dir);
        site = d.site;
        agent = d.agent;
        fixture = d;
        releaseKit = d.releaseKit;
        delta = d.delta;
        built = d.built;
    }

    @Test
    void aReceivedDeltaIsRegisteredAsItsReleaseAndInstallsExactlyTheReleasesFiles() throws Exception {
        assertEquals(1, built.patched(), "app.jar travels as a patch: " + built);

        KitReceiver.Received r = agent.receive(site.deliver(delta)).orElseThrow();
        assertEquals(KitReceiver.Received.Kind.REGISTERED, r.kind());
        assertEquals(List.of("Spruce", RELEASE, PatchState.RECEIVED),
                List.of(r.patch().product(), r.patch().version(), r.patch().state()));
        assertFalse(Files.exists(site.home.dir().resolve(r.patch().folder()).resolve("kit")),
                "nothing is extracted on receipt: the delta's files come from the installed release when it installs");

        agent.tick();

        PatchReport report = site.report(delta.getFileName().toString());
        assertEquals(PatchState.INSTALLED, report.state(), report.reason());
        assertRunsTheRelease("the install root holds the release's files and the site's own");
    }

    @Test
    void theFilesTheDeltaDidNotChangeStayWhereTheyAreAndOnlyWhatChangesIsBackedUp() throws Exception {
        Object coreBefore = Files.getAttribute(site.installRoot.resolve("lib/core.jar"), "unix:ino");
        Object startBefore = Files.getAttribute(site.installRoot.resolve("bin/start.sh"), "unix:ino");

        agent.receive(site.deliver(delta)).orElseThrow();
        agent.tick();

        assertEquals(PatchState.INSTALLED, site.report(delta.getFileName().toString()).state());
        assertRunsTheRelease("the release's files, the unchanged ones as they were installed");
        assertEquals(List.of(coreBefore, startBefore), List.of(
                Files.getAttribute(site.installRoot.resolve("lib/core.jar"), "unix:ino"),
                Files.getAttribute(site.installRoot.resolve("bin/start.sh"), "unix:ino")),
                "unchanged files are the same files, not copies put in their place");
        Path backups = site.home.dir().resolve("backups");
        long latest;
        try (Stream<Path> ids = Files.list(backups)) {
            latest = ids.mapToLong(p -> Long.parseLong(p.getFileName().toString())).max().orElseThrow();
        }
        assertEquals(List.of("bin/app.jar", "lib/old.jar"), files(backups.resolve(latest + "/pre/install")),
                "the pre-install backup holds what the delta replaced or removed, nothing else");
    }

    @Test
    void aMissingUnchangedFileNeedsTheFullKitChangesNothingAndTheFullKitThenInstalls() throws Exception {
        Files.delete(site.installRoot.resolve("lib/core.jar"));

        assertFallsBackToTheFullKit(delta, "needs the full kit: payload/lib/core.jar: the installed file is missing");
    }

    @Test
    void aMissingPatchedFileNeedsTheFullKitChangesNothingAndTheFullKitThenInstalls() throws Exception {
        Files.delete(site.installRoot.resolve("bin/app.jar"));

        assertFallsBackToTheFullKit(delta, "needs the full kit: payload/bin/app.jar: the installed file is missing");
    }

    @Test
    void aCorruptPatchNeedsTheFullKitChangesNothingAndTheFullKitThenInstalls() throws Exception {
        Path corrupt = HostileDeltas.resigned(delta, site.key, dir.resolve("build/corrupt/" + delta.getFileName()),
                HostileDeltas.corruptPatch("payload/bin/app.jar"));

        assertFallsBackToTheFullKit(corrupt, "needs the full kit: payload/bin/app.jar: the patch does not apply to "
                + "the installed file");
    }

    @Test
    void aPatchThatInflatesPastTheDeclaredSizeIsRefusedWhenItInstallsAndChangesNothing() throws Exception {
        byte[] base = Files.readAllBytes(site.installRoot.resolve("bin/app.jar"));
        Path bomb = HostileDeltas.resigned(delta, site.key, dir.resolve("build/bomb/" + delta.getFileName()),
                HostileDeltas.inflatingPatch("payload/bin/app.jar", base, 64 << 20));
        Map<String, String> before = TreeDigest.of(site.installRoot);

        agent.receive(site.deliver(bomb)).orElseThrow();
        agent.tick();

        PatchReport report = site.report(bomb.getFileName().toString());
        assertEquals(List.of(PatchState.REJECTED, "the patch for payload/bin/app.jar inflates past the 200000 bytes the "
                + "release declares (its frame claims 67108864)"), List.of(report.state(), report.reason()));
        assertEquals(before, TreeDigest.of(site.installRoot), "the install root is byte-identical");
        assertEquals(Map.of("Spruce", BASE), agent.registry().installed());
    }

    @Test
    void aPathTrickInTheReleasesListIsRefusedOnReceipt() throws Exception {
        Path trick = HostileDeltas.resigned(delta, site.key, dir.resolve("build/trick/" + delta.getFileName()),
                HostileDeltas.pathTrick("payload/lib/core.jar", "payload/lib/../../../etc/cron.d/x"));

        assertRefusedOnReceipt(trick, "the release lists 'payload/lib/../../../etc/cron.d/x', which has a '..' segment");
    }

    @Test
    void aPatchForAFileTheBaseDoesNotHaveIsRefusedOnReceipt() throws Exception {
        Path noBase = HostileDeltas.resigned(delta, site.key, dir.resolve("build/nobase/" + delta.getFileName()),
                HostileDeltas.patchForANewFile("payload/lib/new.jar"));

        assertRefusedOnReceipt(noBase, "the delta patches payload/lib/new.jar, which the base release does not have");
    }

    @Test
    void aDeltaFromAReleaseThisSiteNeverHadIsRefusedAndChangesNothing() throws Exception {
        Path fromUnknown = deltaFrom("12.10.5");

        assertFallsBackToTheFullKit(fromUnknown, "needs the full kit: the delta patches Spruce 12.10.5, but " + BASE
                + " is installed");
    }

    @Test
    void aRollbackToTheDeltasReleaseReinstallsItsStagingThoughTheBaseIsGone() throws Exception {
        agent.receive(site.deliver(delta)).orElseThrow();
        agent.tick();
        Path next = kit(payload("next", "12.10.13"), manifest("12.10.13", List.of()));
        agent.receive(site.deliver(next)).orElseThrow();
        agent.tick();
        assertEquals(Map.of("Spruce", "12.10.13"), agent.registry().installed());

        assertEquals(RELEASE, agent.rollbackTarget("Spruce").version());
        InstallOutcome outcome = agent.rollback("Spruce");

        assertTrue(outcome.installed(), outcome.reason());
        assertRunsTheRelease("12.10.12's files again, made from the delta's kept staging");
    }

    @Test
    void aLocallyChangedBaseFileNeedsTheFullKitChangesNothingAndTheFullKitThenInstalls() throws Exception {
        Path hotfixed = site.installRoot.resolve("bin/app.jar");
        byte[] jar = Files.readAllBytes(hotfixed);
        jar[10] ^= 1; // a local hotfix, same size
        Files.write(hotfixed, jar);
        Map<String, String> before = TreeDigest.of(site.installRoot);

        KitReceiver.Received r = agent.receive(site.deliver(delta)).orElseThrow();
        agent.tick();

        String why = "needs the full kit: payload/bin/app.jar: the installed file is not Spruce " + BASE
                + "'s (changed on this site?)";
        PatchReport report = site.report(delta.getFileName().toString());
        assertEquals(List.of(PatchState.REJECTED, why, "Spruce", RELEASE),
                List.of(report.state(), report.reason(), report.product(), report.version()));
        assertEquals(before, TreeDigest.of(site.installRoot), "the install root is byte-identical");
        assertEquals(Map.of("Spruce", BASE), agent.registry().installed());
        Path folder = site.home.dir().resolve(r.patch().folder());
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(List.of(delta.getFileName().toString()), left.map(p -> p.getFileName().toString()).toList(),
                    "no staging folder is left, only the delta kit as received");
        }

        agent.tick(); // final: the delta is not tried again
        PatchRecord refused = agent.registry().require(r.patch().id());
        assertEquals(List.of(PatchState.REJECTED, why), List.of(refused.state(), refused.reason()));
        assertTrue(refused.installations().isEmpty(), "no installation of the delta started");

        agent.receive(site.deliver(releaseKit)).orElseThrow();
        agent.tick();

        PatchReport installed = site.report(releaseKit.getFileName().toString());
        assertEquals(PatchState.INSTALLED, installed.state(), installed.reason());
        assertRunsTheRelease("the full kit replaced the hotfixed file");
        assertEquals(why, site.report(delta.getFileName().toString()).reason(), "the delta's report still says why");
    }

    @Test
    void aDeltaAgainstAReleaseTheSiteDoesNotRunNeedsTheFullKitAndChangesNothing() throws Exception {
        Path fromOlder = deltaFrom("12.10.10");
        Map<String, String> before = TreeDigest.of(site.installRoot);

        agent.receive(site.deliver(fromOlder)).orElseThrow();
        agent.tick();

        PatchReport report = site.report(fromOlder.getFileName().toString());
        assertEquals(List.of(PatchState.REJECTED, "needs the full kit: the delta patches Spruce 12.10.10, but " + BASE
                + " is installed"), List.of(report.state(), report.reason()));
        assertEquals(before, TreeDigest.of(site.installRoot), "the install root is byte-identical");
        assertEquals(Map.of("Spruce", BASE), agent.registry().installed());
    }

    @Test
    void aDeltaNoTrustedKeySignedIsRefusedOnReceiptLikeAnyKit() throws Exception {
        Path stranger = dir.resolve("build/stranger/Spruce-" + BASE + "-" + RELEASE + ".delta.kit");
        Files.createDirectories(stranger.getParent());
        Path baseKit = kit(payload("base2", BASE), manifest(BASE, List.of()));
        var other = SigningKeys.generate();
        new DeltaBuilder().build(new DeltaBuilder.Inputs(baseKit, releaseKit, List.of(site.key.getPublic()),
                other.getPrivate(), stranger));
        Map<String, String> before = TreeDigest.of(site.installRoot);

        KitReceiver.Received r = agent.receive(site.deliver(stranger)).orElseThrow();
        agent.tick();

        assertEquals(KitReceiver.Received.Kind.REJECTED, r.kind());
        PatchReport report = site.report(stranger.getFileName().toString());
        assertEquals(PatchState.REJECTED, report.state());
        assertTrue(report.reason().matches("signed by SHA256:\\S+, a key that is not trusted"), report.reason());
        assertTrue(Files.isRegularFile(site.home.rejected().resolve(stranger.getFileName())), "moved to rejected/");
        assertEquals(before, TreeDigest.of(site.installRoot), "the install root is byte-identical");
    }

    /**
     * {@code delta} is refused when it is to install, with a reason starting {@code why}: the install root stays
     * byte-identical, no staging folder is left, and the release's full kit then installs.
     */
    private void assertFallsBackToTheFullKit(Path delta, String why) throws Exception {
        Map<String, String> before = TreeDigest.of(site.installRoot);

        KitReceiver.Received r = agent.receive(site.deliver(delta)).orElseThrow();
        assertEquals(KitReceiver.Received.Kind.REGISTERED, r.kind(), "a sound delta is taken on receipt");
        agent.tick();

        PatchReport report = site.report(delta.getFileName().toString());
        assertEquals(PatchState.REJECTED, report.state());
        assertTrue(report.reason().startsWith(why), report.reason());
        assertEquals(before, TreeDigest.of(site.installRoot), "the install root is byte-identical");
        assertEquals(Map.of("Spruce", BASE), agent.registry().installed());
        try (Stream<Path> left = Files.list(site.home.dir().resolve(r.patch().folder()))) {
            assertEquals(List.of(delta.getFileName().toString()), left.map(p -> p.getFileName().toString()).toList(),
                    "no staging folder is left, only the delta kit as received");
        }

        agent.receive(site.deliver(releaseKit)).orElseThrow();
        agent.tick();

        PatchReport installed = site.report(releaseKit.getFileName().toString());
        assertEquals(PatchState.INSTALLED, installed.state(), installed.reason());
        assertRunsTheRelease("the full kit installed the release whole");
    }

    /** A delta to the release from {@code version}'s kit, signed by the site's trusted key. */
    private Path deltaFrom(String version) throws IOException {
        Path baseKit = kit(payload("from-" + version, version), manifest(version, List.of()));
        Path out = dir.resolve("build/from-" + version + "/Spruce-" + version + "-" + RELEASE + ".delta.kit");
        new DeltaBuilder().build(new DeltaBuilder.Inputs(baseKit, releaseKit, List.of(site.key.getPublic()),
                site.key.getPrivate(), out));
        return out;
    }

    private void assertRefusedOnReceipt(Path delta, String why) throws Exception {
        Map<String, String> before = TreeDigest.of(site.installRoot);

        KitReceiver.Received r = agent.receive(site.deliver(delta)).orElseThrow();
        agent.tick();

        assertEquals(KitReceiver.Received.Kind.REJECTED, r.kind());
        PatchReport report = site.report(delta.getFileName().toString());
        assertEquals(List.of(PatchState.REJECTED, why), List.of(report.state(), report.reason()));
        assertTrue(Files.isRegularFile(site.home.rejected().resolve(delta.getFileName())), "moved to rejected/");
        assertEquals(before, TreeDigest.of(site.installRoot), "the install root is byte-identical");
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private void assertRunsTheRelease(String why) throws IOException {
        fixture.assertRunsTheRelease(agent, why);
    }

    private static Manifest manifest(String version, List<String> remove) {
        return DeltaSite.manifest(version, remove);
    }

    private Path payload(String name, String version) throws IOException {
        return fixture.payload(name, version);
    }

    private Path kit(Path payload, Manifest m) throws IOException {
        return fixture.kit(payload, m);
    }
}

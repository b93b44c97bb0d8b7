package io.patchbay.agent.run;

import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.install.TreeDigest;
import io.patchbay.agent.receive.KitReceiver;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.kit.DeltaBuilder;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.policy.InstallWindow;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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
    private static final Instant MONDAY_9_UTC = Instant.parse("2026-11-23T09:00:00Z");
    private static final String BASE = "12.10.11";
    private static final String RELEASE = "12.10.12";

    @TempDir
    Path dir;
    private AgentSite site;
    private Agent agent;
    private Path releasePayload;
    private Path releaseKit;
    private Path delta;
    private DeltaBuilder.Result built;
    /** The SHA-256 of the site's own conf.txt, which no kit knows and every install must leave alone. */
    private String siteConf;

    @BeforeEach
    void siteRunningTheBase() throws Exception {
        site = new AgentSite(dir, null); // the site's install root also holds conf.txt, which no kit knows
        site.policy(p -> p.withWindow(InstallWindow.ANY));
        siteConf = FileHashes.sha256(site.installRoot.resolve("conf.txt"));
        agent = site.agent(new MutableClock(MONDAY_9_UTC.plusSeconds(3600)));

        Path basePayload = payload("base", BASE);
        releasePayload = payload("release", RELEASE);
        // The release: app.jar edited in three places (a patch), core.jar as it was, old.jar removed, new.jar added.
        byte[] jar = Files.readAllBytes(releasePayload.resolve("bin/app.jar"));
        for (int at : new int[] {1_000, 90_000, 150_000}) {
            jar[at] ^= 0x5a;
        }
        Files.write(releasePayload.resolve("bin/app.jar"), jar);
        Files.delete(releasePayload.resolve("lib/old.jar"));
        Files.write(releasePayload.resolve("lib/new.jar"), noise(3, 20_000));

        Path baseKit = kit(basePayload, manifest(BASE, List.of()));
        releaseKit = kit(releasePayload, manifest(RELEASE, List.of("lib/old.jar")));
        // Named as README's `kit delta` example: its report never shares a file name with the full kit's.
        delta = dir.resolve("build/delta/Spruce-" + BASE + "-" + RELEASE + ".delta.kit");
        Files.createDirectories(delta.getParent());
        built = new DeltaBuilder().build(new DeltaBuilder.Inputs(baseKit, releaseKit, List.of(site.key.getPublic()),
                site.key.getPrivate(), delta));

        agent.receive(site.deliver(baseKit)).orElseThrow();
        agent.tick();
        assertEquals(PatchState.INSTALLED, site.report(baseKit.getFileName().toString()).state());
        assertEquals(Map.of("Spruce", BASE), agent.registry().installed());
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
        Path olderKit = kit(payload("older", "12.10.10"), manifest("12.10.10", List.of()));
        Path fromOlder = dir.resolve("build/older/Spruce-12.10.10-" + RELEASE + ".delta.kit");
        new DeltaBuilder().build(new DeltaBuilder.Inputs(olderKit, releaseKit, List.of(site.key.getPublic()),
                site.key.getPrivate(), fromOlder));
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

    /** The agent knows the release installed, and the install root holds exactly its files and the site's own. */
    private void assertRunsTheRelease(String why) throws IOException {
        assertEquals(Map.of("Spruce", RELEASE), agent.registry().installed());
        Map<String, String> expected = contents(releasePayload);
        expected.put("conf.txt", siteConf);
        assertEquals(expected, contents(site.installRoot), why);
    }

    private static Manifest manifest(String version, List<String> remove) {
        return new Manifest("Spruce", Version.parse(version), Version.parse("12.10.0"), Channel.STABLE, true, false,
                MONDAY_9_UTC, false, remove);
    }

    /** bin/app.jar (200 kB), bin/start.sh (executable), lib/core.jar and lib/old.jar: the same bytes for both releases. */
    private Path payload(String name, String version) throws IOException {
        Path root = Files.createDirectories(dir.resolve("build/" + name + "/payload"));
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("lib"));
        Files.write(root.resolve("bin/app.jar"), noise(1, 200_000));
        Files.writeString(root.resolve("bin/start.sh"), "#!/bin/sh\nexec java -jar app.jar\n");
        Files.setPosixFilePermissions(root.resolve("bin/start.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.write(root.resolve("lib/core.jar"), noise(2, 50_000));
        Files.writeString(root.resolve("lib/old.jar"), "old " + version);
        return root;
    }

    private Path kit(Path payload, Manifest m) throws IOException {
        Path out = payload.resolveSibling("Spruce-" + m.version() + ".kit");
        new KitBuilder().build(new KitInputs(payload, m, null, null, null, site.key.getPrivate(), out));
        return out;
    }

    private static byte[] noise(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Every regular file below {@code root}: its SHA-256, and " x" when executable. */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), FileHashes.sha256(p) + (Files.isExecutable(p) ? " x" : ""));
            }
        }
        return out;
    }
}

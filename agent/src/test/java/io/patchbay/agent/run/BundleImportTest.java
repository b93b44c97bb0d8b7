package io.patchbay.agent.run;

import io.patchbay.agent.receive.BundleImport;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.bundle.BundleManifest;
import io.patchbay.model.bundle.BundleWriter;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.pull.PullNotice;
import io.patchbay.model.pull.PullNotices;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.trust.RotationStatement;
import io.patchbay.model.trust.RotationStatements;
import io.patchbay.model.workspace.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code agent import}: a bundle's kits and notices go through the same intake as the inbox's, after the bundle verifies. */
class BundleImportTest {
    private static final Instant T = Instant.parse("2026-11-20T09:00:00Z");

    @TempDir
    Path dir;
    AgentSite site;
    Agent agent;
    Path kit11;
    Path kit12;

    @BeforeEach
    void setUp() throws IOException {
        site = new AgentSite(dir, null);
        agent = site.agent(new MutableClock(T.plusSeconds(3600)));
        kit11 = site.kit(AgentSite.manifest("12.10.11", false, T), null);
        kit12 = site.kit(AgentSite.manifest("12.10.12", false, T), null);
    }

    private Path bundle(String name, List<String> sites, PrivateKey key, BundleManifest.Entry... entries)
            throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (BundleManifest.Entry e : entries) {
            files.put(e.file(), e.file().equals("Spruce-12.10.11.kit") ? kit11 : e.file().equals("Spruce-12.10.12.kit")
                    ? kit12 : dir.resolve(e.file()));
        }
        Path out = dir.resolve("stick/" + name);
        BundleWriter.write(out, BundleManifest.delivery(sites, T, List.of(entries)), files, key);
        return out;
    }

    private static BundleManifest.Entry entry(String file, String... sites) {
        return new BundleManifest.Entry(file, file, List.of(sites));
    }

    private List<BundleImport.Taken> importing(Path bundle) throws IOException {
        return new BundleImport(agent.home(), agent.config().site(), agent.trustedKeys())
                .run(bundle, agent::receive, agent::receivePullNotice, agent::receiveRotation);
    }

    @Test
    void theSitesKitsAreRegisteredInTheBundlesOrderAndReportedAsFromTheInbox() throws IOException {
        Path b = bundle("paris.bundle", List.of("acme-paris", "acme-lyon"), site.key.getPrivate(),
                entry("Spruce-12.10.11.kit", "acme-paris"), entry("Spruce-12.10.12.kit", "acme-lyon", "acme-paris"));
        String before = FileHashes.sha256(b);

        List<BundleImport.Taken> taken = importing(b);

        assertEquals(List.of("Spruce-12.10.11.kit", "Spruce-12.10.12.kit"),
                taken.stream().map(t -> t.entry().file()).toList());
        assertEquals(List.of(BundleImport.Outcome.TAKEN, BundleImport.Outcome.TAKEN),
                taken.stream().map(BundleImport.Taken::outcome).toList());
        assertEquals(List.of("12.10.11", "12.10.12"),
                agent.registry().patches().stream().map(PatchRecord::version).sorted().toList());
        assertEquals("12.10.11", site.report("Spruce-12.10.11.kit").version());
        assertEquals(before, FileHashes.sha256(b), "the bundle is only read");
        assertEquals(List.of(), list(agent.home().imports()), "nothing is left unpacked");
    }

    @Test
    void importingTheSameBundleAgainRegistersNothingTwice() throws IOException {
        Path b = bundle("paris.bundle", List.of("acme-paris"), site.key.getPrivate(), entry("Spruce-12.10.11.kit", "acme-paris"));
        importing(b);
        assertEquals(BundleImport.Outcome.ALREADY_THERE, importing(b).get(0).outcome());
        assertEquals(1, agent.registry().patches().size());
    }

    @Test
    void aBundleForAnotherSiteIsRefusedAndNothingIsReceived() throws IOException {
        Path b = bundle("lyon.bundle", List.of("acme-lyon"), site.key.getPrivate(), entry("Spruce-12.10.11.kit", "acme-lyon"));
        PatchbayException e = assertThrows(PatchbayException.class, () -> importing(b));
        assertEquals("bundle lyon.bundle refused: a bundle for acme-lyon, not for this site (acme-paris)", e.getMessage());
        assertEquals(List.of(), agent.registry().patches());
    }

    @Test
    void aTruncatedBundleIsRefusedAndNothingIsReceived() throws IOException {
        Path b = bundle("paris.bundle", List.of("acme-paris"), site.key.getPrivate(), entry("Spruce-12.10.11.kit", "acme-paris"),
                entry("Spruce-12.10.12.kit", "acme-paris"));
        byte[] all = Files.readAllBytes(b);
        Files.write(b, Arrays.copyOf(all, all.length - 300));
        PatchbayException e = assertThrows(PatchbayException.class, () -> importing(b));
        assertTrue(e.getMessage().startsWith("bundle paris.bundle refused: "), e.getMessage());
        assertEquals(List.of(), agent.registry().patches());
        assertEquals(List.of(), list(agent.home().imports()));
    }

    @Test
    void aBundleSignedByAKeyTheSiteDoesNotTrustIsRefused() throws IOException {
        Path b = bundle("paris.bundle", List.of("acme-paris"), SigningKeys.generate().getPrivate(),
                entry("Spruce-12.10.11.kit", "acme-paris"));
        PatchbayException e = assertThrows(PatchbayException.class, () -> importing(b));
        assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
        assertEquals(List.of(), agent.registry().patches());
    }

    @Test
    void aKitInsideATrustedBundleIsStillVerifiedAsAnyKitAndRefusedOnItsOwn() throws IOException {
        // The bundle is signed by the vendor's key; the kit inside by a key this site does not trust: the bundle's
        // signature vouches for nothing but the bundle.
        PrivateKey vendor = SigningKeys.generate().getPrivate();
        Path untrustedKitDir = Files.createDirectories(dir.resolve("untrusted"));
        Files.writeString(untrustedKitDir.resolve("app.jar"), "app 12.10.11");
        Path kit = untrustedKitDir.resolveSibling("Spruce-12.10.11.kit");
        new io.patchbay.model.kit.KitBuilder().build(new io.patchbay.model.kit.KitInputs(untrustedKitDir,
                AgentSite.manifest("12.10.11", false, T), null, null, null, vendor, kit));
        kit11 = kit;
        Path b = bundle("paris.bundle", List.of("acme-paris"), site.key.getPrivate(), entry("Spruce-12.10.11.kit", "acme-paris"));

        BundleImport.Taken t = importing(b).get(0);

        assertEquals(BundleImport.Outcome.REFUSED, t.outcome());
        assertTrue(t.detail().contains("not trusted"), t.detail());
        assertEquals(PatchState.REJECTED, agent.registry().patches().get(0).state());
    }

    @Test
    void aPullNoticeInTheBundleMarksTheKitBeforeItPulled() throws IOException {
        Files.write(dir.resolve("Spruce-12.10.11.pull"), PullNotices.sign(
                new PullNotice("Spruce", Version.parse("12.10.11"), T, "export job fails"), site.key.getPrivate()));
        Path b = bundle("paris.bundle", List.of("acme-paris"), site.key.getPrivate(),
                entry("Spruce-12.10.11.pull", "acme-paris"), entry("Spruce-12.10.11.kit", "acme-paris"));

        List<BundleImport.Taken> taken = importing(b);

        assertEquals(List.of(BundleImport.Outcome.TAKEN, BundleImport.Outcome.TAKEN),
                taken.stream().map(BundleImport.Taken::outcome).toList());
        assertEquals(PatchState.PULLED, agent.registry().patches().get(0).state());
    }

    @Test
    void aBundleSignedWithARotatedKeyTeachesTheSiteTheKeyFirstThenItsKitsVerify() throws IOException {
        KeyPair next = SigningKeys.generate();
        Files.write(dir.resolve("key-rotation-000001.rotation"), RotationStatements.sign(new RotationStatement(
                SigningKeys.fingerprint(site.key.getPublic()), next.getPublic(), 1, T.atZone(java.time.ZoneOffset.UTC), false),
                site.key.getPrivate(), next.getPrivate()));
        kit11 = site.kit(AgentSite.manifest("12.10.11", false, T), null, next, List.of()); // no trust/ entries
        Path b = bundle("paris.bundle", List.of("acme-paris"), next.getPrivate(),
                entry("key-rotation-000001.rotation", "acme-paris"), entry("Spruce-12.10.11.kit", "acme-paris"));

        List<BundleImport.Taken> taken = importing(b);

        assertEquals(List.of(BundleImport.Outcome.TAKEN, BundleImport.Outcome.TAKEN),
                taken.stream().map(BundleImport.Taken::outcome).toList(), taken.toString());
        assertEquals("accepted: " + SigningKeys.fingerprint(next.getPublic()) + " is trusted from now on",
                taken.get(0).detail());
        assertTrue(Files.isRegularFile(agent.home().rotations().resolve("key-rotation-000001.rotation")),
                "kept in trust/ as a notice from the inbox is");
        PatchRecord patch = agent.registry().patches().get(0);
        assertNotEquals(PatchState.REJECTED, patch.state(), "the kit signed by the new key verifies: " + patch.reason());
        assertEquals(BundleImport.Outcome.ALREADY_THERE, importing(b).get(0).outcome(), "the same bundle again");
    }

    @Test
    void aRotationNoticeNotSignedByATrustedKeyIsRefusedOnItsOwnAndTeachesNothing() throws IOException {
        KeyPair stranger = SigningKeys.generate();
        KeyPair next = SigningKeys.generate();
        Files.write(dir.resolve("key-rotation-000001.rotation"), RotationStatements.sign(new RotationStatement(
                SigningKeys.fingerprint(stranger.getPublic()), next.getPublic(), 1, T.atZone(java.time.ZoneOffset.UTC), false),
                stranger.getPrivate(), next.getPrivate()));
        Path b = bundle("paris.bundle", List.of("acme-paris"), site.key.getPrivate(),
                entry("key-rotation-000001.rotation", "acme-paris"), entry("Spruce-12.10.11.kit", "acme-paris"));

        List<BundleImport.Taken> taken = importing(b);

        assertEquals(List.of(BundleImport.Outcome.REFUSED, BundleImport.Outcome.TAKEN),
                taken.stream().map(BundleImport.Taken::outcome).toList());
        assertTrue(taken.get(0).detail().startsWith("refused: rotation statement key-rotation-000001.rotation rotates "
                + SigningKeys.fingerprint(stranger.getPublic())), taken.get(0).detail());
        assertFalse(agent.trustedKeys().contains(next.getPublic()));
    }

    @Test
    void aBundleSignedWithAKeyWhoseRotationItDoesNotCarryIsStillRefused() throws IOException {
        KeyPair next = SigningKeys.generate();
        Path b = bundle("paris.bundle", List.of("acme-paris"), next.getPrivate(), entry("Spruce-12.10.11.kit", "acme-paris"));
        PatchbayException e = assertThrows(PatchbayException.class, () -> importing(b));
        assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
    }

    private static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
    }
}

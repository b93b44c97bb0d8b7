package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.DeltaBuilder;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.AgentReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delta kits in a workspace, on each database: {@code release add --delta} refuses a delta that is not exactly the
 * release's (one line each, nothing kept), {@code --delta-from} builds one from the stored kits; the outbox sends the
 * delta to a site reporting its base installed and the full kit otherwise, deciding when it sends; a site's "needs
 * the full kit" queues the full kit once; and the counters say what happened.
 */
@OnEachDatabase
class DeltaKitsTest extends WorkspaceTestSupport {
    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    private static final String NEEDS = "needs the full kit: payload/app.jar: the installed file is not Spruce 1.0's "
            + "(changed on this site?)";

    private final KeyPair key = SigningKeys.generate();
    private Release base;
    private Release release;

    @Override
    Path workspaceFolder() {
        return dir.resolve("ws");
    }

    @BeforeEach
    void seed() throws IOException {
        base = KitImport.add(ws, kit("a", "1.0", "jar 1.0 ".repeat(500)), List.of(key.getPublic()), "alice").release();
        release = KitImport.add(ws, kit("b", "1.1", "jar 1.1 ".repeat(500)), List.of(), "alice").release();
    }

    @Test
    void deltaFromBuildsTheDeltaFromTheStoredKitsAndStoresIt() {
        DeltaImport.Result r = DeltaImport.build(ws, release, Version.parse("1.0"), key.getPrivate(), "alice");

        ReleaseDelta d = r.delta();
        assertEquals(List.of("Spruce-1.0-1.1.delta.kit", "1.0", false),
                List.of(d.kitFile(), d.baseVersion().toString(), r.alreadyPresent()));
        assertEquals(List.of(d), ws.releaseDeltas().of(release.id()));
        assertTrue(ws.kits().contains(d.kitSha256()), "in the database's kit store, for every workstation");
        assertTrue(Files.isRegularFile(ws.kitsDir().resolve(d.kitFile())));
        assertTrue(DeltaImport.build(ws, release, Version.parse("1.0"), key.getPrivate(), "alice").alreadyPresent(),
                "building it again gives the same bytes: nothing changes");
    }

    @Test
    void aDeltaWhoseResultIsNotThisReleasesKitIsRefused() throws IOException {
        Path otherBuild = kit("c", "1.1", "another 1.1 ".repeat(500));
        Path delta = delta(ws.kitFile(base.id()), otherBuild, key, "Spruce-1.0-1.1.delta.kit");

        assertRefused(delta, "delta Spruce-1.0-1.1.delta.kit refused: its target is not the workspace's kit of "
                + "Spruce 1.1 (the files it makes differ from that kit's checksum list)");
    }

    @Test
    void aDeltaFromABaseTheWorkspaceDoesNotKnowIsRefused() throws IOException {
        Path unknown = kit("d", "0.9", "jar 0.9 ".repeat(500));
        Path delta = delta(unknown, ws.kitFile(release.id()), key, "Spruce-0.9-1.1.delta.kit");

        assertRefused(delta, "delta Spruce-0.9-1.1.delta.kit refused: its base Spruce 0.9 is not a release of this "
                + "workspace (add that release's kit first)");
    }

    @Test
    void aDeltaSignedByAKeyTheWorkspaceDoesNotTrustIsRefused() throws IOException {
        KeyPair stranger = SigningKeys.generate();
        Path delta = dir.resolve("stranger/Spruce-1.0-1.1.delta.kit");
        Files.createDirectories(delta.getParent());
        new DeltaBuilder().build(new DeltaBuilder.Inputs(ws.kitFile(base.id()), ws.kitFile(release.id()),
                List.of(key.getPublic()), stranger.getPrivate(), delta));

        PatchbayException e = assertThrows(PatchbayException.class,
                () -> DeltaImport.add(ws, release, delta, List.of(), "alice"));
        assertTrue(e.getMessage().matches("delta Spruce-1\\.0-1\\.1\\.delta\\.kit refused: signed by SHA256:\\S+, a key "
                + "that is not trusted.*"), e.getMessage());
        assertNothingKept(e);
    }

    @Test
    void aDeltaNamedLikeAFullKitIsRefused() throws IOException {
        Path delta = delta(ws.kitFile(base.id()), ws.kitFile(release.id()), key, "Spruce-1.1-delta.kit");

        PatchbayException e = assertThrows(PatchbayException.class,
                () -> DeltaImport.add(ws, release, delta, List.of(), "alice"));
        assertTrue(e.getMessage().startsWith("delta Spruce-1.1-delta.kit refused: a delta kit's file name ends in "
                + ".delta.kit"), e.getMessage());
    }

    @Test
    void aDeltaGivenAsARelease() throws IOException {
        Path delta = delta(ws.kitFile(base.id()), ws.kitFile(release.id()), key, "Spruce-1.0-1.1.delta.kit");

        PatchbayException e = assertThrows(PatchbayException.class, () -> KitImport.add(ws, delta, List.of(), "alice"));
        assertEquals("Spruce-1.0-1.1.delta.kit is a delta kit: add it beside its release's full kit with "
                + "`patchbay release add FULL.kit --delta Spruce-1.0-1.1.delta.kit`", e.getMessage());
    }

    @Test
    void theOutboxSendsTheDeltaToASiteOnItsBaseAndTheFullKitToOthersDecidingWhenItSends() {
        ReleaseDelta delta = DeltaImport.build(ws, release, Version.parse("1.0"), key.getPrivate(), "alice").delta();
        Fixtures.addSite(ws, "alpha");
        Fixtures.addSite(ws, "beta");
        Fixtures.addSite(ws, "gamma");
        installed("alpha", "0.9");
        installed("beta", "0.9");
        for (String site : List.of("alpha", "beta", "gamma")) {
            ws.deliveries().enqueue(release.id(), site, Fixtures.PERSON);
        }
        installed("alpha", "1.0"); // reported (a later harvest) while its delivery waits: the send decides

        assertEquals(Map.of("alpha", delta.kitFile(), "beta", release.kitFile(), "gamma", release.kitFile()), routes());
        KitSent sent = cell("alpha").sent();
        assertEquals(new KitSent(SentKind.DELTA, delta.kitFile(), null), sent);
        assertEquals(delta.kitSize(), ws.deliveries().find(release.id(), "alpha").orElseThrow().size(),
                "the delivery's size is the delta's");
        assertEquals(new KitSent(SentKind.FULL, release.kitFile(), null), cell("gamma").sent());
    }

    @Test
    void needsTheFullKitQueuesTheFullKitOnceAndTheCountersSayWhy() {
        ReleaseDelta delta = DeltaImport.build(ws, release, Version.parse("1.0"), key.getPrivate(), "alice").delta();
        Fixtures.addSite(ws, "alpha");
        Fixtures.addSite(ws, "beta");
        installed("alpha", "1.0");
        installed("beta", "1.0");
        ws.deliveries().enqueue(release.id(), "alpha", Fixtures.PERSON);
        ws.deliveries().enqueue(release.id(), "beta", Fixtures.PERSON);
        assertEquals(Map.of("alpha", delta.kitFile(), "beta", delta.kitFile()), routes());

        ws.reports().record("alpha", report(delta.kitFile(), PatchState.INSTALLED, null), Fixtures.WORKER);
        ws.reports().record("beta", report(delta.kitFile(), PatchState.REJECTED, NEEDS), Fixtures.WORKER);

        Delivery beta = ws.deliveries().find(release.id(), "beta").orElseThrow();
        assertEquals(DeliveryState.QUEUED, beta.state(), "queued again, by itself");
        assertEquals("queued", cell("beta").word());
        assertEquals("the delta was refused (" + NEEDS + "): the full kit is sent instead", cell("beta").reason());
        assertEquals(Map.of("beta", release.kitFile()), routes(), "the full kit this time, though beta runs 1.0");
        assertEquals(new KitSent(SentKind.FULL, release.kitFile(), NEEDS), cell("beta").sent());

        // The delta's report stays in the site's status folder and is read on every pass: it never queues again, and
        // the full kit's report decides the cell.
        ws.reports().record("beta", report(release.kitFile(), PatchState.INSTALLED, null), Fixtures.WORKER);
        ws.reports().record("beta", report(delta.kitFile(), PatchState.REJECTED, NEEDS), Fixtures.WORKER);
        assertEquals(DeliveryState.DELIVERED, ws.deliveries().find(release.id(), "beta").orElseThrow().state());
        assertEquals("installed", cell("beta").word());
        assertEquals(1, ws.events().find(EventQuery.all().kind(EventKind.DELIVERY_FELL_BACK)).size());

        assertEquals(List.of(new DeltaCounts(release.id(), "Spruce 1.1", 2, 1, 1, Map.of(NEEDS, 1))),
                ws.deliveries().deltaCounts());
    }

    @Test
    void kitRouteSendsTheDeltaOnlyForItsOwnBaseAndNeverAfterAFallback() {
        ReleaseDelta from10 = new ReleaseDelta(1, release.id(), base.id(), Version.parse("1.0"), "d10.delta.kit", "a", 10,
                T);
        ReleaseDelta from09 = new ReleaseDelta(2, release.id(), 99, Version.parse("0.9"), "d09.delta.kit", "b", 20, T);
        List<ReleaseDelta> deltas = List.of(from10, from09);

        assertEquals("d09.delta.kit", KitRoute.choose(release, deltas, Version.parse("0.9"), false).kitFile());
        assertEquals(SentKind.DELTA, KitRoute.choose(release, deltas, Version.parse("1.0.0"), false).kind(),
                "1.0.0 is 1.0");
        assertEquals(KitRoute.full(release), KitRoute.choose(release, deltas, Version.parse("1.0"), true));
        assertEquals(KitRoute.full(release), KitRoute.choose(release, deltas, Version.parse("0.8"), false));
        assertEquals(KitRoute.full(release), KitRoute.choose(release, deltas, null, false));
    }

    private Map<String, String> routes() {
        Map<String, String> routes = new java.util.TreeMap<>();
        for (Delivery d : ws.deliveries().claim(Fixtures.WORKER, 10, Duration.ofMinutes(1))) {
            routes.put(d.siteName(), ws.deliveries().route(d.id(), Fixtures.WORKER).kitFile());
            ws.deliveries().markDelivered(d.id(), Fixtures.WORKER);
        }
        return routes;
    }

    private MatrixCell cell(String site) {
        return ws.matrix().cells().stream().filter(c -> c.siteName().equals(site)).findFirst().orElseThrow();
    }

    private void installed(String site, String version) {
        ws.siteAgents().record(site, Optional.of(new AgentReport(StatusReports.SCHEMA, "1.0.0", T,
                Map.of("Spruce", version), false)), Optional.empty());
    }

    private PatchReport report(String kit, PatchState state, String reason) {
        return new PatchReport(StatusReports.SCHEMA, kit, "0".repeat(64), "Spruce", "1.1", state, reason, T,
                T.plusSeconds(60), null, List.of(), List.of());
    }

    private void assertRefused(Path delta, String why) {
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> DeltaImport.add(ws, release, delta, List.of(), "alice"));
        assertEquals(why, e.getMessage());
        assertNothingKept(e);
    }

    private void assertNothingKept(PatchbayException e) {
        assertEquals(1, e.getMessage().lines().count(), "one line");
        assertTrue(ws.releaseDeltas().of(release.id()).isEmpty());
        try (Stream<Path> files = Files.list(ws.kitsDir())) {
            assertEquals(List.of(base.kitFile(), release.kitFile()),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no delta, no leftover");
        } catch (IOException io) {
            throw new AssertionError(io);
        }
    }

    private Path delta(Path from, Path to, KeyPair signer, String name) throws IOException {
        Path out = dir.resolve("deltas/" + name);
        Files.createDirectories(out.getParent());
        new DeltaBuilder().build(new DeltaBuilder.Inputs(from, to, List.of(key.getPublic()), signer.getPrivate(), out));
        return out;
    }

    /** A real kit of Spruce {@code version} whose app.jar holds {@code jar}, built under {@code dir/name}. */
    private Path kit(String name, String version, String jar) throws IOException {
        Path source = Files.createDirectories(dir.resolve(name + "/src"));
        Files.writeString(source.resolve("app.jar"), jar);
        Manifest m = new Manifest("Spruce", Version.parse(version), Version.parse("0.1"), Channel.STABLE, true,
                false, Instant.parse("2026-11-20T09:00:00Z"), false, List.of());
        Path out = dir.resolve(name + "/Spruce-" + version + ".kit");
        new KitBuilder(1).build(new KitInputs(source, m, null, null, null, key.getPrivate(), out));
        return out;
    }
}

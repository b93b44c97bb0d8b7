package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.pull.PullNotices;
import io.patchbay.model.pull.VerifiedPullNotice;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pulling a release in a real workspace: its kits stop, its notices queue, sign and go out first. */
@OnEachDatabase
class ReleasePullTest extends WorkspaceTestSupport {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final KeyPair VENDOR = SigningKeys.generate();

    private Deliveries outbox;
    private Release release;

    ReleasePullTest() {
        super(Instant.parse("2026-11-24T08:00:00Z"));
    }

    @BeforeEach
    void seed() {
        outbox = ws.deliveries();
        release = addSigned("12.10.11");
    }

    @Test
    void pullingCancelsKitsNotYetArrivedAndQueuesANoticeForEverySiteThatHasIt() {
        for (String site : List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta")) {
            Fixtures.addSite(ws, site);
        }
        deliver("alpha");
        // epsilon got the kit by hand and reported it; zeta's agent refused it.
        ws.reports().record("epsilon", report(PatchState.WAITING, null), Fixtures.WORKER);
        deliver("zeta");
        ws.reports().record("zeta", report(PatchState.REJECTED, "kit.sig is malformed"), Fixtures.WORKER);
        Delivery retrying = queue("delta");
        assertEquals(List.of(retrying.id()), ids(outbox.claim("w2", 1, LEASE)));
        outbox.markFailed(retrying.id(), "w2", "connection refused", clock.instant().plusSeconds(60));
        Delivery sending = queue("beta");
        assertEquals(List.of(sending.id()), ids(outbox.claim("w1", 1, LEASE)));
        queue("gamma");

        Release pulled = ws.releases().pull(release.id(), "export job fails on large archives", Fixtures.PERSON);

        assertTrue(pulled.pulled());
        assertFalse(pulled.pullNoticeSigned());
        Map<String, DeliveryState> kits = outbox.list().stream().filter(d -> d.kind() == DeliveryKind.KIT)
                .collect(Collectors.toMap(Delivery::siteName, Delivery::state));
        assertEquals(Map.of("alpha", DeliveryState.DELIVERED, "beta", DeliveryState.CANCELLED,
                "gamma", DeliveryState.CANCELLED, "delta", DeliveryState.CANCELLED,
                "zeta", DeliveryState.REJECTED), kits);
        assertEquals("pulled: export job fails on large archives", outbox.find(release.id(), "gamma").orElseThrow().lastError());
        assertFalse(outbox.progress(sending.id(), "w1", 10, LEASE), "the worker sending to beta is told to stop");
        List<Delivery> notices = outbox.notices(release.id());
        assertEquals(List.of("alpha", "beta", "epsilon"), notices.stream().map(Delivery::siteName).toList());
        assertTrue(notices.stream().allMatch(n -> n.state() == DeliveryState.QUEUED && n.rolloutId() == null
                && n.fileName().equals("Spruce-12.10.11.pull")));
        assertEquals("Spruce 12.10.11 pull notice -> alpha", notices.get(0).subject());

        clock.advance(Duration.ofHours(1));
        assertEquals(List.of(), outbox.claim(Fixtures.WORKER, 10, LEASE), "unsigned notices wait; pulled kits stay");
        Map<String, MatrixCell> cells = cells();
        assertEquals("pulled", cells.get("gamma").word());
        assertEquals("pulled: export job fails on large archives", cells.get("gamma").reason());
        assertEquals("delivered", cells.get("alpha").word());
        assertTrue(cells.get("alpha").reason().endsWith("its pull notice waits for a signature "
                + "(patchbay release pull VERSION --key FILE)"), cells.get("alpha").reason());
        assertEquals("rejected", cells.get("zeta").word());
        assertEquals("kit.sig is malformed", cells.get("zeta").reason());
        assertEquals("waiting", cells.get("epsilon").word());
    }

    @Test
    void signingWithTheKitsKeyLetsTheNoticesGoBeforeAnyKit() throws Exception {
        Fixtures.addSite(ws, "alpha");
        deliver("alpha");
        Release next = addSigned("12.10.12");
        Delivery nextKit = outbox.enqueue(next.id(), "alpha", Fixtures.PERSON);

        Release pulled = ws.releases().pull(release.id(), "export job fails", Fixtures.PERSON, VENDOR.getPrivate());

        assertTrue(pulled.pullNoticeSigned());
        List<Delivery> taken = outbox.claim(Fixtures.WORKER, 10, LEASE);
        assertEquals(1, taken.size(), "one delivery per site at a time");
        Delivery notice = taken.get(0);
        assertEquals(DeliveryKind.PULL, notice.kind());
        Path file = ws.pullNoticeFile(release.id());
        assertEquals(dir.resolve("pulls/Spruce-12.10.11.pull"), file);
        assertEquals(Files.size(file), notice.size());
        VerifiedPullNotice v = PullNotices.verify(Files.readAllBytes(file), file.toString(), List.of(VENDOR.getPublic()));
        assertEquals("export job fails", v.notice().reason());
        assertEquals(pulled.pulledAt(), v.notice().pulledAt());
        assertEquals(Version.parse("12.10.11"), v.notice().version());

        assertTrue(outbox.markDelivered(notice.id(), Fixtures.WORKER));
        assertEquals(List.of(nextKit.id()), ids(outbox.claim(Fixtures.WORKER, 10, LEASE)), "then the next kit");
        assertTrue(cells().get("alpha").reason().endsWith("pull notice delivered, not yet confirmed by the site's agent"));
        assertEquals(1, ws.events().find(EventQuery.all().kind(EventKind.PULL_NOTICE_SIGNED)).size());
    }

    @Test
    void aPullWithoutTheKeyIsSignedLaterAndOnlyByTheKitsKey() {
        Fixtures.addSite(ws, "alpha");
        deliver("alpha");
        ws.releases().pull(release.id(), "export job fails", Fixtures.PERSON);

        KeyPair other = SigningKeys.generate();
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> ws.releases().pull(release.id(), null, Fixtures.PERSON, other.getPrivate()));
        assertEquals("this key (" + SigningKeys.fingerprint(other.getPublic()) + ") did not sign Spruce 12.10.11 (signed by "
                + SigningKeys.fingerprint(VENDOR.getPublic()) + "): its sites would refuse the pull notice; use the kit's key",
                e.getMessage());
        assertFalse(ws.releases().find(release.id()).orElseThrow().pullNoticeSigned());

        Release signed = ws.releases().signPullNotice(release.id(), VENDOR.getPrivate(), Fixtures.PERSON);
        assertTrue(signed.pullNoticeSigned());
        assertEquals("export job fails", signed.pulledReason(), "signing later keeps the first reason");
        assertEquals(DeliveryKind.PULL, outbox.claim(Fixtures.WORKER, 1, LEASE).get(0).kind());

        Release unpulled = addSigned("12.10.12");
        assertEquals("Spruce 12.10.12 is not pulled: there is no pull notice to sign", assertThrows(PatchbayException.class,
                () -> ws.releases().signPullNotice(unpulled.id(), VENDOR.getPrivate(), Fixtures.PERSON)).getMessage());
    }

    @Test
    void eachSignedNoticeTakesTheNextNumberOfTheWorkspaceSoSitesCanRefuseAnOlderOne() {
        Release second = addSigned("12.10.12");
        ws.releases().pull(release.id(), "export job fails", Fixtures.PERSON, VENDOR.getPrivate());
        ws.releases().pull(second.id(), "import job fails", Fixtures.PERSON, VENDOR.getPrivate());
        List<Long> numbers = java.util.stream.Stream.of(release, second)
                .map(r -> PullNotices.verify(ws.releases().pullNotice(r.id()).orElseThrow(), r.title(),
                        List.of(VENDOR.getPublic())).notice().sequence())
                .toList();
        assertEquals(List.of(1L, 2L), numbers);
    }

    @Test
    void aPullEndsTheReleasesRunningAndPausedRollouts() {
        for (String site : List.of("alpha", "beta")) {
            Fixtures.addSite(ws, site);
        }
        Rollout first = ws.rollouts().start(release.id(), List.of("alpha"), List.of(), null, Fixtures.PERSON);
        Rollout second = ws.rollouts().start(release.id(), List.of("beta"), List.of(), null, Fixtures.PERSON);
        ws.rollouts().pause(second.id(), Fixtures.PERSON);

        ws.releases().pull(release.id(), "export job fails on large archives", Fixtures.PERSON);

        assertEquals(List.of(RolloutState.DONE, RolloutState.DONE),
                List.of(ws.rollouts().find(first.id()).orElseThrow().state(), ws.rollouts().find(second.id()).orElseThrow().state()));
        assertEquals(2, ws.events().find(EventQuery.all().kind("rollout.done")).stream()
                .filter(e -> "ended by the pull".equals(e.detail())).count());
    }

    @Test
    void aPulledKitCannotBeSentAgainByHand() {
        Fixtures.addSite(ws, "alpha");
        Delivery d = queue("alpha");
        ws.releases().pull(release.id(), "export job fails", Fixtures.PERSON);
        assertEquals("cannot deliver Spruce 12.10.11 -> alpha: Spruce 12.10.11 is pulled, it is not delivered any more",
                assertThrows(PatchbayException.class, () -> outbox.deliverNow(d.id(), Fixtures.PERSON)).getMessage());
    }

    @Test
    void whatTheSiteReportsAfterItsNoticeIsWhatTheMatrixShows() {
        for (String site : List.of("alpha", "beta")) {
            Fixtures.addSite(ws, site);
            deliver(site);
        }
        ws.reports().record("alpha", report(PatchState.WAITING, "outside the install window"), Fixtures.WORKER);
        ws.reports().record("beta", report(PatchState.INSTALLED, null), Fixtures.WORKER);
        ws.releases().pull(release.id(), "export job fails", Fixtures.PERSON, VENDOR.getPrivate());
        assertTrue(cells().get("beta").reason().equals("pulled: export job fails; installed before the pull; pull notice queued"),
                cells().get("beta").reason());

        Instant told = clock.instant().plusSeconds(30);
        ws.reports().record("alpha", told(report(PatchState.PULLED, "the release Spruce 12.10.11 was pulled"), told),
                Fixtures.WORKER);
        ws.reports().record("beta", told(report(PatchState.INSTALLED, null), told), Fixtures.WORKER);

        Map<String, MatrixCell> cells = cells();
        assertEquals("pulled", cells.get("alpha").word());
        assertEquals("pulled: export job fails; the site's agent will not install it", cells.get("alpha").reason());
        assertEquals("installed", cells.get("beta").word(), "told, not changed");
        assertEquals("pulled: export job fails; installed before the pull: the site was told and keeps it",
                cells.get("beta").reason());
        assertEquals(told, ws.reports().patch("beta", release.id()).orElseThrow().pullNoticedAt());
    }

    @Test
    void aSiteFoundLaterToHoldThePulledReleaseGetsItsNoticeToo() {
        Fixtures.addSite(ws, "alpha");
        ws.releases().pull(release.id(), "export job fails", Fixtures.PERSON);
        assertEquals(List.of(), outbox.notices(release.id()));
        ws.reports().record("alpha", report(PatchState.WAITING, null), Fixtures.WORKER); // a kit carried by hand
        assertEquals(List.of("alpha"), outbox.notices(release.id()).stream().map(Delivery::siteName).toList());
        ws.reports().record("alpha", report(PatchState.WAITING, null), Fixtures.WORKER);
        assertEquals(1, outbox.notices(release.id()).size(), "queued once");
    }

    @Test
    void changesOfANoticeAreFollowedByTheMatrix() {
        Fixtures.addSite(ws, "alpha");
        deliver("alpha");
        ws.releases().pull(release.id(), "export job fails", Fixtures.PERSON, VENDOR.getPrivate());
        clock.advance(Duration.ofMinutes(5));
        Instant since = clock.instant();
        assertEquals(List.of(), ws.matrix().changedSince(since));
        Delivery notice = outbox.claim(Fixtures.WORKER, 1, LEASE).get(0);
        outbox.markFailed(notice.id(), Fixtures.WORKER, "connection refused", clock.instant().plusSeconds(90));
        List<MatrixCell> changed = ws.matrix().changedSince(since);
        assertEquals(1, changed.size());
        assertEquals(DeliveryState.RETRYING, changed.get(0).notice());
        assertEquals(clock.instant().plusSeconds(90), changed.get(0).nextTryAt());
        assertTrue(changed.get(0).reason().endsWith("pull notice retrying: connection refused"), changed.get(0).reason());
    }

    private Release addSigned(String version) {
        Manifest m = new Manifest("Spruce", Version.parse(version), Version.parse("1.0"), Channel.STABLE, true, false,
                Instant.parse("2026-11-20T09:00:00Z"), false, List.of());
        return ws.releases().add(new NewRelease(m, "[release]\nversion = " + version + "\n", "Spruce-" + version + ".kit",
                "0".repeat(63) + version.length(), 1_000_000L, SigningKeys.fingerprint(VENDOR.getPublic())),
                Fixtures.PERSON);
    }

    private Delivery queue(String site) {
        return outbox.enqueue(release.id(), site, Fixtures.PERSON);
    }

    private void deliver(String site) {
        Delivery d = queue(site);
        List<Delivery> taken = outbox.claim(Fixtures.WORKER, 1, LEASE);
        assertEquals(List.of(d.id()), ids(taken));
        assertTrue(outbox.markDelivered(d.id(), Fixtures.WORKER));
    }

    private Map<String, MatrixCell> cells() {
        return ws.matrix().cells().stream().filter(c -> c.releaseId() == release.id())
                .collect(Collectors.toMap(MatrixCell::siteName, c -> c));
    }

    private PatchReport report(PatchState state, String reason) {
        return new PatchReport(StatusReports.SCHEMA, release.kitFile(), release.kitSha256(), "Spruce", "12.10.11",
                state, reason, clock.instant(), clock.instant(), null, List.of(), List.of());
    }

    private static PatchReport told(PatchReport r, Instant at) {
        return new PatchReport(r.schema(), r.kit(), r.kitSha256(), r.product(), r.version(), r.state(), r.reason(),
                r.receivedAt(), at, r.scheduledAt(), r.checks(), r.installations(), at);
    }

    private static List<Long> ids(List<Delivery> ds) {
        return ds.stream().map(Delivery::id).toList();
    }
}

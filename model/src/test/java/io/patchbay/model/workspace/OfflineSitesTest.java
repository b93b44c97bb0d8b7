package io.patchbay.model.workspace;

import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.report.InstallChance;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An offline site ({@code site add NAME --offline}): never reached by a worker; its deliveries wait for a bundle. */
@OnEachDatabase
class OfflineSitesTest extends WorkspaceTestSupport {
    private static final Duration GRACE = Duration.ofHours(2);
    private static final Duration QUIET = Duration.ofDays(3650);

    private Release release;

    OfflineSitesTest() {
        super(Instant.parse("2026-11-22T10:00:00Z"));
    }

    @BeforeEach
    void seed() {
        release = Fixtures.addRelease(ws, "12.10.11");
        ws.sites().add(SiteSpec.offline("paris"), Fixtures.PERSON);
        Fixtures.addSite(ws, "alpha");
    }

    @Test
    void anOfflineSiteIsStoredWithoutAnAddress() {
        Site paris = ws.sites().get("paris");
        assertEquals(TransportKind.OFFLINE, paris.spec().transport());
        assertTrue(paris.spec().offline());
        assertEquals("offline:by-bundle", paris.spec().endpoint().toString());
    }

    @Test
    void noWorkerTakesItsDeliveryAndDeliverDoesNotWaitForItButABundleCarriesIt() {
        Delivery toParis = ws.deliveries().enqueue(release.id(), "paris", Fixtures.PERSON);
        Delivery toAlpha = ws.deliveries().enqueue(release.id(), "alpha", Fixtures.PERSON);

        assertEquals(List.of(toAlpha.id()), ws.deliveries().outstanding().stream().map(Delivery::id).toList());
        assertEquals(List.of(toAlpha.id()), ws.deliveries().claim(Fixtures.WORKER, 10, Duration.ofMinutes(2)).stream()
                .map(Delivery::id).toList());
        assertEquals(List.of(toParis.id()), ws.deliveries().forBundle(List.of("paris")).stream().map(Delivery::id).toList());
        assertEquals(List.of("alpha"), ws.sites().claimHarvests(10, Duration.ofMinutes(5), List.of()).stream()
                .map(Site::name).toList(), "an offline site's reports come back by bundle only");
    }

    @Test
    void theMatrixSaysWaitingForABundleThenHandedOverByBundleThenWhatTheReportSays() {
        Delivery d = ws.deliveries().enqueue(release.id(), "paris", Fixtures.PERSON);
        MatrixCell waiting = cell("paris");
        assertEquals(MatrixState.AWAITING_BUNDLE, waiting.state());
        assertEquals("waiting for a bundle", waiting.word());
        assertEquals("the site has no network: patchbay bundle create --site paris --out FILE", waiting.reason());

        ws.deliveries().markBundled(ws.deliveries().forBundle(List.of("paris")), "paris-1.bundle", Fixtures.PERSON);
        assertEquals(MatrixState.BUNDLED, cell("paris").state());
        assertEquals("carried in paris-1.bundle", cell("paris").reason());

        report(PatchState.INSTALLED, null);
        assertEquals(MatrixState.INSTALLED, cell("paris").state());
        assertEquals(DeliveryState.BUNDLED, ws.deliveries().find(d.id()).orElseThrow().state());
    }

    @Test
    void aMissedChanceIsRaisedOnlyByAReportMadeAfterTheChanceNotForLackOfNews() {
        ws.deliveries().markBundled(List.of(ws.deliveries().enqueue(release.id(), "paris", Fixtures.PERSON)),
                "paris-1.bundle", Fixtures.PERSON);
        Instant chance = clock.instant().plus(Duration.ofHours(1));
        report(PatchState.WAITING, InstallChance.at(chance, "install-window", ZoneId.of("Europe/Paris")));

        clock.advance(Duration.ofDays(2)); // long past the chance; no report came back since
        assertEquals(List.of(), ws.alerts().watch(GRACE, QUIET, Fixtures.WORKER),
                "the site may have installed since its last report: no news is not a miss");

        report(PatchState.WAITING, InstallChance.at(chance, "install-window", ZoneId.of("Europe/Paris")));
        List<Alert> alerts = ws.alerts().watch(GRACE, QUIET, Fixtures.WORKER);
        assertEquals(List.of(AlertKind.MISSED_CHANCE), alerts.stream().map(Alert::kind).toList(),
                "a report made after the chance that still says waiting is a miss");
    }

    private MatrixCell cell(String site) {
        return ws.matrix().cells().stream().filter(c -> c.siteName().equals(site)).findFirst().orElseThrow();
    }

    private void report(PatchState state, InstallChance chance) {
        Instant t = clock.instant();
        ws.reports().record("paris", new PatchReport(StatusReports.SCHEMA, release.kitFile(), release.kitSha256(),
                "Spruce", "12.10.11", state, state.word(), t, t, null, List.of(), List.of(), null, chance),
                Fixtures.PERSON);
    }
}

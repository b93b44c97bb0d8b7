package io.patchbay.transport.outbox;

import io.patchbay.model.bundle.ReportRefused;
import io.patchbay.model.bundle.BundleManifest;
import io.patchbay.model.bundle.BundleWriter;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.workspace.EventKind;
import io.patchbay.model.workspace.EventQuery;
import io.patchbay.model.workspace.MatrixCell;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.ReportRefusal;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.fixtures.SshdPerClass;
import io.patchbay.transport.sftp.SftpTimeouts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The online harvest of a site whose agent key is recorded reads its signed status report over a real sshd and holds
 * it to the checks of {@code status import} (the same code): a report of the site's own key is recorded; a foreign,
 * changed or replayed one is refused with the reason and nothing of it recorded.
 */
class SignedHarvestTest {
    @RegisterExtension
    static final SshdPerClass SSHD = new SshdPerClass();

    @TempDir
    Path dir;

    private final KeyPair agentKey = SigningKeys.generate();
    private Path statusDir;
    private Path plain;

    @BeforeEach
    void folders() throws Exception {
        statusDir = Files.createDirectories(dir.resolve("sites/alpha/status"));
        plain = Files.createDirectories(dir.resolve("plain"));
    }

    @Test
    void aReportSignedByTheSitesAgentKeyIsRecordedAndAForeignChangedOrReplayedOneIsRefused() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            Release release = DeliveryWorkerTest.addRelease(ws, new byte[1000]);
            Site alpha = keyedSite(ws);
            SftpSitePusher pusher = new SftpSitePusher(SSHD.pusher(), SftpTimeouts.DEFAULTS, ws);

            ReportRefused missing = assertThrows(ReportRefused.class, () -> pusher.harvest(alpha));
            assertTrue(missing.getMessage().startsWith("site alpha: no signed status report ("), missing.getMessage());

            // The plain reports say installed, but are not what a keyed site's harvest reads.
            StatusReports.write(statusDir, report(release, PatchState.INSTALLED));
            publish(release, PatchState.WAITING, 2, agentKey);
            pusher.harvest(alpha).record(ws, "alpha", "worker");
            assertEquals("waiting", cell(ws).word());

            publish(release, PatchState.INSTALLED, 1, agentKey);
            ReportRefused replay = assertThrows(ReportRefused.class, () -> pusher.harvest(alpha));
            assertEquals("an older report of alpha (number 1) than the last one imported (number 2): refused as a "
                    + "replay", replay.getMessage());

            publish(release, PatchState.INSTALLED, 3, SigningKeys.generate());
            ReportRefused foreign = assertThrows(ReportRefused.class, () -> pusher.harvest(alpha));
            assertEquals("report bundle status-report.bundle refused: not signed by the agent key recorded for its site",
                    foreign.getMessage());

            publish(release, PatchState.INSTALLED, 3, agentKey);
            changeOneByteOfTheSignedReport();
            ReportRefused changed = assertThrows(ReportRefused.class, () -> pusher.harvest(alpha));
            assertTrue(changed.getMessage().contains(" refused: "), changed.getMessage());
            assertEquals("waiting", cell(ws).word(), "nothing of a refused report is recorded");

            publish(release, PatchState.INSTALLED, 4, agentKey);
            pusher.harvest(alpha).record(ws, "alpha", "worker");
            assertEquals("installed", cell(ws).word());
        }
    }

    @Test
    void theWorkersHarvestRecordsARefusedReportOnTheSiteWithItsReasonAndAGoodReportClearsIt() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            Release release = DeliveryWorkerTest.addRelease(ws, new byte[1000]);
            Site alpha = keyedSite(ws);
            List<String> told = new ArrayList<>();
            WorkerListener listener = new WorkerListener() {
                @Override
                public void harvestFailed(String site, String reason) {
                    told.add(site + ": " + reason);
                }
            };
            try (DeliveryWorker worker = new DeliveryWorker(ws, Pushers.standard(SSHD.pusher(), ws),
                    WorkerSettings.defaults("worker-7"), listener)) {
                publish(release, PatchState.INSTALLED, 1, SigningKeys.generate());
                worker.harvest(alpha);
                String forged = "report bundle status-report.bundle refused: not signed by the agent key recorded for "
                        + "its site";
                assertEquals(List.of("alpha: " + forged), told, "deliver's output still says it");
                ReportRefusal first = ws.reportRefusals().find("alpha").orElseThrow();
                assertEquals(new ReportRefusal(first.at(), forged, 1), first);

                publish(release, PatchState.INSTALLED, 1, agentKey);
                changeOneByteOfTheSignedReport();
                worker.harvest(alpha);
                ReportRefusal changed = ws.reportRefusals().find("alpha").orElseThrow();
                assertEquals(2, changed.times());
                assertTrue(changed.reason().startsWith("report bundle status-report.bundle refused: "), changed.reason());
                assertEquals("alpha: " + changed.reason(), told.get(1));
                assertEquals(2L, ws.events().find(EventQuery.all()
                        .kind(EventKind.REPORT_REFUSED)).stream().filter(e -> e.actor().equals("worker-7")).count());
                assertEquals(List.of(), ws.matrix().cells().stream().filter(c -> c.patch() != null).toList(),
                        "nothing of a refused report is recorded");

                publish(release, PatchState.INSTALLED, 2, agentKey);
                worker.harvest(alpha);
                assertEquals(Optional.empty(), ws.reportRefusals().find("alpha"), "a good report ends the refusals");
                assertEquals("installed", cell(ws).word());
            }
        }
    }

    @Test
    void aKeyedSiteThatCannotBeReachedIsAFailureNotARefusedReport() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, SSHD.server().knownHostsLine() + "\n");
            int closed;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort();
            }
            String url = SSHD.server().url(dir.resolve("sites/alpha")).replaceFirst(":\\d+/", ":" + closed + "/");
            Site alpha = ws.sites().add(SiteSpec.sftp("alpha", url, SSHD.server().userKey(), knownHosts), "alice");
            ws.siteAgentKeys().record("alpha", agentKey.getPublic(), "alice");
            List<String> told = new ArrayList<>();
            try (DeliveryWorker worker = new DeliveryWorker(ws, Pushers.standard(SSHD.pusher(), ws),
                    WorkerSettings.defaults("worker-7"), new WorkerListener() {
                        @Override
                        public void harvestFailed(String site, String reason) {
                            told.add(reason);
                        }
                    })) {
                worker.harvest(alpha);
            }
            assertEquals(1, told.size());
            assertTrue(told.get(0).contains("cannot connect"), told.get(0));
            assertEquals(Optional.empty(), ws.reportRefusals().find("alpha"));
            assertEquals(List.of(), ws.events().find(EventQuery.all().kind(EventKind.REPORT_REFUSED)));
        }
    }

    @Test
    void aSiteWithoutARecordedAgentKeyIsHarvestedFromItsPlainReportsAsBefore() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            Site alpha = site(ws);
            Release release = DeliveryWorkerTest.addRelease(ws, new byte[1000]);
            StatusReports.write(statusDir, report(release, PatchState.INSTALLED));
            new SftpSitePusher(SSHD.pusher(), SftpTimeouts.DEFAULTS, ws).harvest(alpha).record(ws, "alpha", "worker");
            assertEquals("installed", cell(ws).word());
        }
    }

    /** Site alpha with its agent key recorded: its harvest reads the signed report. */
    private Site keyedSite(Workspace ws) throws Exception {
        Site alpha = site(ws);
        ws.siteAgentKeys().record("alpha", agentKey.getPublic(), "alice");
        return alpha;
    }

    /** A report changed on its way: one byte of the signed file flipped. */
    private void changeOneByteOfTheSignedReport() throws Exception {
        Path signed = statusDir.resolve(StatusReports.SIGNED_REPORT_FILE);
        byte[] bytes = Files.readAllBytes(signed);
        bytes[bytes.length / 2] ^= 1;
        Files.write(signed, bytes);
    }

    private Site site(Workspace ws) throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, SSHD.server().knownHostsLine() + "\n");
        return ws.sites().add(SiteSpec.sftp("alpha", SSHD.server().url(dir.resolve("sites/alpha")),
                SSHD.server().userKey(), knownHosts), "alice");
    }

    static PatchReport report(Release release, PatchState state) {
        return new PatchReport(1, release.kitFile(), release.kitSha256(), "Spruce", "12.10.11", state, null,
                Instant.now(), Instant.now(), null, null, null);
    }

    private void publish(Release release, PatchState state, long sequence, KeyPair key) throws Exception {
        publish(statusDir, plain, release, state, sequence, key);
    }

    /**
     * What the agent of site alpha writes on every tick: its report of {@code release}, signed and numbered, as
     * {@code statusDir/status-report.bundle} ({@code plain}: a scratch folder). Also for the HTTPS harvest's test.
     */
    static void publish(Path statusDir, Path plain, Release release, PatchState state, long sequence, KeyPair key)
            throws Exception {
        Path one = Files.createDirectories(plain.resolve(String.valueOf(System.nanoTime())));
        StatusReports.write(one, report(release, state));
        Path file;
        try (var files = Files.list(one)) {
            file = files.findFirst().orElseThrow();
        }
        String name = file.getFileName().toString();
        BundleManifest manifest = BundleManifest.report("alpha", Instant.now(), sequence,
                List.of(new BundleManifest.Entry(name, name, List.of("alpha"))));
        BundleWriter.write(statusDir.resolve(StatusReports.SIGNED_REPORT_FILE), manifest, Map.of(name, file),
                key.getPrivate());
    }

    private static MatrixCell cell(Workspace ws) {
        return ws.matrix().cells().get(0);
    }
}

package io.patchbay.transport.outbox;

import io.patchbay.agent.http.TestAgent;
import io.patchbay.model.bundle.ReportRefused;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.https.TestCertificates;
import io.patchbay.transport.https.TusOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTPS harvest of a site whose agent key is recorded reads its signed status from a real agent endpoint and
 * holds it to the checks of {@code status import} and of the SFTP harvest (the same code): missing, replayed,
 * foreign or changed is refused with the reason and nothing recorded; the site's own report is recorded.
 */
class HttpsSignedHarvestTest {
    @TempDir
    Path dir;

    @Test
    void aSignedReportOverHttpsIsRecordedAndAMissingReplayedForeignOrChangedOneIsRefused() throws Exception {
        KeyPair agentKey = SigningKeys.generate();
        Path plain = Files.createDirectories(dir.resolve("plain"));
        try (TestAgent agent = new TestAgent(dir.resolve("agent")); Workspace ws = Workspace.open(dir.resolve("ws"))) {
            Path status = Files.createDirectories(agent.statusDir());
            Path token = Files.writeString(dir.resolve("token"), TestAgent.TOKEN + "\n");
            Site alpha = ws.sites().add(SiteSpec.https("alpha", agent.endpoint().toString(), token,
                    TestCertificates.shared().caPem()), "alice");
            Release release = DeliveryWorkerTest.addRelease(ws, new byte[1000]);
            ws.siteAgentKeys().record("alpha", agentKey.getPublic(), "alice");
            TusSitePusher pusher = new TusSitePusher(TusOptions.defaults(), ws);

            // The plain reports say installed, but are not what a keyed site's harvest reads.
            StatusReports.write(status, SignedHarvestTest.report(release, PatchState.INSTALLED));
            ReportRefused missing = assertThrows(ReportRefused.class, () -> pusher.harvest(alpha));
            assertTrue(missing.getMessage().startsWith("site alpha: no signed status report (https://"),
                    missing.getMessage());

            SignedHarvestTest.publish(status, plain, release, PatchState.WAITING, 2, agentKey);
            pusher.harvest(alpha).record(ws, "alpha", "worker");
            assertEquals("waiting", ws.matrix().cells().get(0).word());

            SignedHarvestTest.publish(status, plain, release, PatchState.INSTALLED, 1, agentKey);
            ReportRefused replay = assertThrows(ReportRefused.class, () -> pusher.harvest(alpha));
            assertEquals("an older report of alpha (number 1) than the last one imported (number 2): refused as a "
                    + "replay", replay.getMessage());

            SignedHarvestTest.publish(status, plain, release, PatchState.INSTALLED, 3, SigningKeys.generate());
            ReportRefused foreign = assertThrows(ReportRefused.class, () -> pusher.harvest(alpha));
            assertEquals("report bundle status-report.bundle refused: not signed by the agent key recorded for its site",
                    foreign.getMessage());

            SignedHarvestTest.publish(status, plain, release, PatchState.INSTALLED, 3, agentKey);
            Path signed = status.resolve(StatusReports.SIGNED_REPORT_FILE);
            byte[] bytes = Files.readAllBytes(signed);
            bytes[bytes.length / 2] ^= 1;
            Files.write(signed, bytes);
            ReportRefused changed = assertThrows(ReportRefused.class, () -> pusher.harvest(alpha));
            assertTrue(changed.getMessage().contains(" refused: "), changed.getMessage());
            assertEquals("waiting", ws.matrix().cells().get(0).word(), "nothing of a refused report is recorded");

            SignedHarvestTest.publish(status, plain, release, PatchState.INSTALLED, 4, agentKey);
            pusher.harvest(alpha).record(ws, "alpha", "worker");
            assertEquals("installed", ws.matrix().cells().get(0).word());
        }
    }
}

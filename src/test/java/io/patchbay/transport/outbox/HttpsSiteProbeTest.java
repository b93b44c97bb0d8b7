package io.patchbay.transport.outbox;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.agent.http.TestAgent;
import io.patchbay.transport.https.TestCertificates;
import io.patchbay.transport.https.TusOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Testing an HTTPS site (the Sites screen's Test connection, `patchbay site test`) against a real agent endpoint. */
class HttpsSiteProbeTest {
    @TempDir
    Path dir;

    @Test
    void aReachableAgentReportsTusWithCreationAndItsStatusFiles() throws Exception {
        try (TestAgent agent = new TestAgent(dir.resolve("agent"))) {
            Path token = Files.writeString(dir.resolve("token"), TestAgent.TOKEN + "\n");
            SiteSpec site = SiteSpec.https("delta", agent.endpoint().toString(), token, TestCertificates.shared().caPem());

            HttpsProbeReport report = new TusSitePusher(TusOptions.defaults()).probe(site);

            assertTrue(report.ready(), report.toString());
            assertEquals(agent.endpoint().toString(), report.endpoint());
            assertTrue(report.server().versions().contains("1.0.0"), report.server().versions().toString());
        }
    }

    @Test
    void aWrongTokenIsRefusedInOneLine() throws Exception {
        try (TestAgent agent = new TestAgent(dir.resolve("agent"))) {
            Path token = Files.writeString(dir.resolve("token"), "not-the-token\n");
            SiteSpec site = SiteSpec.https("delta", agent.endpoint().toString(), token, TestCertificates.shared().caPem());

            PatchbayException e = assertThrows(PatchbayException.class,
                    () -> new TusSitePusher(TusOptions.defaults()).probe(site));

            assertTrue(e.getMessage().contains("401") || e.getMessage().toLowerCase().contains("token"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }
}

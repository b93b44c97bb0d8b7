package io.patchbay.transport.outbox;

import io.patchbay.agent.http.TestAgent;
import io.patchbay.model.workspace.MissingCredential;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.SiteCredentials;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.https.TestCertificates;
import io.patchbay.transport.https.TusOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An HTTPS site reached from a machine that has neither the CA file nor the token file the site was added with:
 * the CA certificate comes from the workspace database, the token from this machine's credentials folder.
 */
class HttpsSiteCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void theStoredCaCertificateAndThisMachinesTokenReachTheAgent() throws Exception {
        try (TestAgent agent = new TestAgent(dir.resolve("agent"));
             Workspace ws = Workspace.open(dir.resolve("ws"))) {
            Path ca = Files.copy(TestCertificates.shared().caPem(), dir.resolve("their-ca.pem"));
            Path theirToken = dir.resolve("other-machine/token");
            ws.sites().add(SiteSpec.https("delta", agent.endpoint().toString(), theirToken, ca), "alice");
            Files.delete(ca); // both files were on the machine that added the site
            Site delta = ws.sites().get("delta");
            TusSitePusher pusher = new TusSitePusher(TusOptions.defaults(), ws.credentials());

            MissingCredential missing = assertThrows(MissingCredential.class, () -> pusher.probe(delta));
            Path mine = ws.credentials().mapped("delta", SiteCredentials.TOKEN);
            assertEquals(mine, missing.missing());
            assertTrue(missing.getMessage().startsWith("site delta: no bearer token on this machine: " + mine),
                    missing.getMessage());

            Files.createDirectories(mine.getParent());
            Files.writeString(mine, TestAgent.TOKEN + "\n");
            HttpsProbeReport report = pusher.probe(delta);

            assertTrue(report.ready(), report.toString());
        }
    }
}

package io.patchbay.app.backup;

import io.patchbay.agent.http.TestAgent;
import io.patchbay.app.fixtures.AgentHomeFixture;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Version;
import io.patchbay.model.workspace.KitImport;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.Cancellation;
import io.patchbay.transport.https.TestCertificates;
import io.patchbay.transport.https.TusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backup back over HTTPS: a real agent endpoint (TLS against the site's CA, bearer token) serves the
 * post-install state of a real installation whose install hook changed a file; the check names it. A wrong token is
 * refused and nothing is written.
 */
class HttpsStateFetcherTest {
    @TempDir
    Path dir;

    @Test
    void aFileChangedOnAnHttpsSiteIsNamedAndAWrongTokenWritesNothing() throws Exception {
        AgentHomeFixture site = new AgentHomeFixture(dir);
        Path hooks = Files.createDirectories(dir.resolve("hooks"));
        Files.writeString(hooks.resolve("install"),
                "#!/bin/sh\nprintf ' # tuned\\n' >> \"$PATCHBAY_INSTALL_ROOT/bin/app.jar\"\n");
        Files.setPosixFilePermissions(hooks.resolve("install"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path kit = site.receive("12.10.11", false, null, hooks);
        site.installNow("12.10.11");

        try (TestAgent agent = new TestAgent(site.home); Workspace ws = Workspace.open(dir.resolve("ws"))) {
            KitImport.add(ws, kit, List.of(SigningKeys.readPublic(site.signingPub)), "alice");
            Release release = ws.releases().find("Spruce", Version.parse("12.10.11")).orElseThrow();
            Path token = Files.writeString(dir.resolve("token"), TestAgent.TOKEN + "\n");
            Path wrong = Files.writeString(dir.resolve("wrong-token"), "not-the-token-0123456789\n");
            Site lyon = ws.sites().add(SiteSpec.https("lyon", agent.endpoint().toString(), token,
                    TestCertificates.shared().caPem()), "alice");
            Site stranger = ws.sites().add(SiteSpec.https("stranger", agent.endpoint().toString(), wrong,
                    TestCertificates.shared().caPem()), "alice");
            StateVerification verification = new StateVerification(ws, Clock.systemUTC());

            StateVerification.Verified v = verification.run(lyon, release, dir.resolve("back"), new Cancellation());

            assertEquals("Spruce 12.10.11 (installation 1)", v.backup().describe());
            assertEquals(List.of("install/bin/app.jar"), v.differences().changed());
            assertEquals(0, v.differences().identical());
            assertEquals("app 12.10.11 # tuned\n", Files.readString(dir.resolve("back/install/bin/app.jar")));

            TusException refused = assertThrows(TusException.class,
                    () -> verification.run(stranger, release, dir.resolve("never"), new Cancellation()));
            assertTrue(refused.getMessage().contains("refused the bearer token"), refused.getMessage());
            assertFalse(refused.getMessage().contains("not-the-token"), "the token never shows");
            assertFalse(Files.exists(dir.resolve("never")), "nothing written");
        }
    }
}

package io.patchbay.model.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void thisMachinesCredentialsFolderComesBeforeThePathRecordedWithTheSite() throws Exception {
        Path recorded = Files.writeString(dir.resolve("recorded_key"), "key");
        Path mapped = dir.resolve("credentials/alpha/identity");
        SiteCredentials credentials = new SiteCredentials(dir.resolve("credentials"));
        Site alpha = sftpSite("alpha", recorded);

        assertEquals(recorded, credentials.identityFile(alpha), "no folder entry: the recorded path");
        Files.createDirectories(mapped.getParent());
        Files.writeString(mapped, "key");
        assertEquals(mapped, credentials.identityFile(alpha));
    }

    @Test
    void aMissingPrivateKeyIsAOneLineMachineFailureNamingTheSiteAndTheFile() {
        Path recorded = dir.resolve("elsewhere/id_ed25519");
        SiteCredentials credentials = new SiteCredentials(dir.resolve("credentials"));

        MissingCredential e = assertThrows(MissingCredential.class, () -> credentials.identityFile(sftpSite("alpha", recorded)));

        assertEquals("site alpha: no SSH identity (private key) on this machine: " + dir.resolve("credentials/alpha/identity")
                + " is missing (and so is the recorded " + recorded + ")", e.getMessage());
        assertEquals("alpha", e.site());
        assertEquals(dir.resolve("credentials/alpha/identity"), e.missing());
    }

    @Test
    void anHttpsSitesTokenIsFoundByTheSameRule() throws Exception {
        Path token = dir.resolve("credentials/billing/token");
        Files.createDirectories(token.getParent());
        Files.writeString(token, "secret");
        Site billing = new Site(1, SiteSpec.https("billing", "https://billing.example:8443", Path.of("/gone/token"), null),
                Instant.EPOCH, Instant.EPOCH);

        assertEquals(token, new SiteCredentials(dir.resolve("credentials")).tokenFile(billing));
        MissingCredential e = assertThrows(MissingCredential.class,
                () -> new SiteCredentials(dir.resolve("other")).tokenFile(billing));
        assertTrue(e.getMessage().startsWith("site billing: no bearer token on this machine: "), e.getMessage());
    }

    private static Site sftpSite(String name, Path identity) {
        return new Site(1, SiteSpec.sftp(name, "sftp://u@" + name + ".example:22/srv", identity, null),
                Instant.EPOCH, Instant.EPOCH);
    }
}

package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.TransientFailure;
import io.patchbay.transport.fixtures.OpenSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client signs and accepts signatures with SHA-2 only: real OpenSSH servers that insist on {@code ssh-rsa}
 * (RSA with SHA-1) are refused with the algorithm named, while an RSA host key signed with rsa-sha2 still works
 * (an RSA user key: {@code SftpPusherTest.anRsaUserKeyWorks}, against an sshd that refuses ssh-rsa by default).
 */
class SshSignatureAlgorithmsTest {
    private static SftpPusher pusher;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startClient() {
        pusher = new SftpPusher();
    }

    @AfterAll
    static void stopClient() {
        pusher.close();
    }

    private static SftpEndpoint site(OpenSshServer server, Path folder) throws IOException {
        return SftpEndpoint.parse(server.url(folder));
    }

    @Test
    void aServerThatSignsItsHostKeyOnlyWithSshRsaIsRefusedNamingTheAlgorithm() throws IOException {
        try (OpenSshServer server = OpenSshServer.start(tmp.resolve("sshd"), "rsa", List.of("HostKeyAlgorithms ssh-rsa"))) {
            SftpSettings settings = SftpSettings.of(server.userKey(), server.knownHosts());
            PatchbayException e = assertThrows(PatchbayException.class,
                    () -> pusher.probe(site(server, tmp.resolve("site")), settings));
            assertFalse(e instanceof TransientFailure, "a server that only offers SHA-1 is refused, not retried: " + e);
            assertTrue(e.getMessage().contains("ssh-rsa"), e.getMessage());
            assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void anRsaHostKeyIsAcceptedWhenSignedWithRsaSha2() throws IOException {
        try (OpenSshServer server = OpenSshServer.start(tmp.resolve("sshd"), "rsa", List.of("LogLevel DEBUG1"))) {
            ProbeReport report = pusher.probe(site(server, tmp.resolve("site")),
                    SftpSettings.of(server.userKey(), server.knownHosts()));
            assertEquals("ssh-rsa", report.hostKeyType(), "the key type; the signature is what changed");
            assertEquals(server.hostKeyFingerprint(), report.hostKeyFingerprint());
            assertTrue(server.log().matches("(?s).*kex: host key algorithm: rsa-sha2-(256|512)\\b.*"), server.log());
        }
    }
}

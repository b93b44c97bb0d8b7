package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import io.patchbay.transport.Cancellation;
import io.patchbay.transport.TransferListener;
import io.patchbay.transport.fixtures.OpenSshServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A real sshd whose host key is swapped after the client pinned it: every attempt, however the verifier's
 * refusal and the session's close interleave, is reported as a changed host key (it once surfaced as
 * "Session is being closed", or as a connection failure that the outbox would retry).
 */
class ChangedHostKeyTest {
    private static final int ATTEMPTS = 150;

    @TempDir
    Path tmp;

    @Test
    void aHostKeySwappedAfterPinningIsReportedAsChangedOnEveryAttempt() throws IOException {
        try (OpenSshServer server = OpenSshServer.start(tmp.resolve("sshd"));
             SftpPusher pusher = new SftpPusher()) {
            SftpEndpoint site = SftpEndpoint.parse(server.url(tmp.resolve("site")));
            SftpSettings settings = SftpSettings.of(server.userKey(), server.knownHosts());
            String pinned = server.hostKeyFingerprint();
            pusher.probe(site, settings);
            server.swapHostKey();
            String presented = server.hostKeyFingerprint();
            String expected = "host key changed for [127.0.0.1]:" + server.port() + ": known_hosts file " + server.knownHosts()
                    + " has " + pinned + ", the server presented " + presented + ";";
            Path kit = tmp.resolve("Swap-1.0.kit");
            Files.write(kit, new byte[1000]);
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS; i++) {
                // Alternate the two ways in: a probe and a push, which take the same connection path.
                PatchbayException e = assertThrows(PatchbayException.class, i % 2 == 0
                        ? () -> pusher.probe(site, settings)
                        : () -> pusher.push(site, settings, kit, TransferListener.NONE, new Cancellation()));
                if (!e.getMessage().startsWith(expected) || e.getClass() != PatchbayException.class) {
                    wrong.add("attempt " + i + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            assertEquals(List.of(), wrong.stream().limit(3).toList(), wrong.size() + " of " + ATTEMPTS
                    + " attempts did not report the changed host key as a refusal; expected: " + expected);
        }
    }
}

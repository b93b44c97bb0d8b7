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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A real sshd whose host key is swapped after the client pinned it: every attempt, however the verifier's
 * refusal and the session's close interleave, is reported as a changed host key (it once surfaced as
 * "Session is being closed", or as a connection failure that the outbox would retry).
 */
class ChangedHostKeyTest {
    private static final int ATTEMPTS = 150;
    private static final int THREADS = 4;

    @TempDir
    Path tmp;

    @Test
    void aHostKeySwappedAfterPinningIsReportedAsChangedOnEveryAttempt() throws Exception {
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
            // Several at once through the one client, as the outbox's parallel sends do: more ways to interleave.
            List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int n = 0; n < ATTEMPTS; n++) {
                    int i = n;
                    done.add(pool.submit(() -> {
                        // Alternate the two ways in: a probe and a push, which take the same connection path.
                        PatchbayException e = assertThrows(PatchbayException.class, i % 2 == 0
                                ? () -> pusher.probe(site, settings)
                                : () -> pusher.push(site, settings, kit, TransferListener.NONE, new Cancellation()));
                        if (!e.getMessage().startsWith(expected) || e.getClass() != PatchbayException.class) {
                            wrong.add("attempt " + i + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(List.of(), wrong.stream().limit(3).toList(), wrong.size() + " of " + ATTEMPTS
                    + " attempts did not report the changed host key as a refusal; expected: " + expected);
        }
    }
}

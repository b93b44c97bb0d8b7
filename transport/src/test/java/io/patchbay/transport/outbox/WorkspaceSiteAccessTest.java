package io.patchbay.transport.outbox;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.delivery.RetryBackoff;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.DeliveryState;
import io.patchbay.model.workspace.PinnedHostKey;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.SiteCredentials;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.TransportKind;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.fixtures.SshdPerClass;
import io.patchbay.transport.sftp.ProbeReport;
import io.patchbay.transport.sftp.SftpEndpoint;
import io.patchbay.transport.sftp.SftpSettings;
import io.patchbay.transport.sftp.SftpTimeouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A workspace's sites reached with what the workspace database shares (pinned host keys) and what this machine
 * keeps (private keys, in its credentials folder), against a real OpenSSH server.
 */
class WorkspaceSiteAccessTest {
    @RegisterExtension
    static final SshdPerClass SSHD = new SshdPerClass();
    /** Another ed25519 host key, and its fingerprint as {@code ssh-keygen -lf} printed it. */
    private static final String OTHER_KEY = "AAAAC3NzaC1lZDI1NTE5AAAAIDqojS+5arqqXakVnIZP6l6oasoRwJFoNG/Q/Z4/w7aq";
    private static final String OTHER_FP = "SHA256:dT9oqR85tjCcZW1sZNlkOWwbZLPYooY7V6kurw5O6eA";

    @TempDir
    Path dir;

    @Test
    void aHostKeyAcceptedByItsFingerprintIsPinnedInTheDatabaseAndADeliveryChecksItThere() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            SiteSpec alpha = SiteSpec.sftp("alpha", SSHD.server().url(dir.resolve("sites/alpha")), SSHD.server().userKey(), null);
            SSHD.pusher().pinHostKey(endpoint(alpha), SftpSettings.of(alpha.identityFile(),
                    new WorkspaceHostKeys(ws, alpha, "alice")), SSHD.server().hostKeyFingerprint());
            ws.sites().add(alpha, "alice");

            assertEquals(List.of(SSHD.server().hostKeyFingerprint()), pins(ws));
            byte[] kit = new byte[300_000];
            new Random(3).nextBytes(kit);
            Release release = DeliveryWorkerTest.addRelease(ws, kit);
            ws.rollouts().start(release.id(), List.of("alpha"), List.of(), null, "alice");
            try (DeliveryWorker worker = worker(ws)) {
                awaitDelivery(ws, worker, d -> d.state() == DeliveryState.DELIVERED);
            }
            assertArrayEquals(kit, Files.readAllBytes(dir.resolve("sites/alpha/inbox").resolve(release.kitFile())));
            assertTrue(Files.notExists(dir.resolve("ws/known_hosts")), "no known_hosts file written");
        }
    }

    @Test
    void aChangedHostKeyIsRefusedNamingTheSiteAndBothFingerprints() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            Site alpha = ws.sites().add(SiteSpec.sftp("alpha", SSHD.server().url(dir.resolve("sites/alpha")),
                    SSHD.server().userKey(), null), "alice");
            String host = endpoint(alpha.spec()).knownHostsName();
            ws.hostKeyPins().pin(host, "ssh-ed25519", OTHER_KEY, "alice");

            SftpSitePusher pusher = new SftpSitePusher(SSHD.pusher(), SftpTimeouts.DEFAULTS, ws);
            PatchbayException e = assertThrows(PatchbayException.class,
                    () -> SSHD.pusher().probe(endpoint(alpha.spec()), pusher.settings(alpha)));

            assertTrue(e.getMessage().startsWith("host key changed for site alpha (" + host + "): the workspace database has "
                    + OTHER_FP + ", the server presented " + SSHD.server().hostKeyFingerprint() + "; refusing to connect"),
                    e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
            assertEquals(List.of(OTHER_FP), pins(ws), "nothing pinned over the old key");
        }
    }

    @Test
    void aSiteAddedWithItsOwnKnownHostsFileIsPinnedInTheDatabaseOnFirstUse() throws Exception {
        Path knownHosts = dir.resolve("my_known_hosts");
        Files.writeString(knownHosts, SSHD.server().knownHostsLine() + "\n");
        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            Site alpha = ws.sites().add(SiteSpec.sftp("alpha", SSHD.server().url(dir.resolve("sites/alpha")),
                    SSHD.server().userKey(), knownHosts), "alice");
            SftpSitePusher pusher = new SftpSitePusher(SSHD.pusher(), SftpTimeouts.DEFAULTS, ws);

            ProbeReport first = SSHD.pusher().probe(endpoint(alpha.spec()), pusher.settings(alpha));
            assertEquals(SSHD.server().hostKeyFingerprint(), first.hostKeyFingerprint());
            assertEquals(List.of(SSHD.server().hostKeyFingerprint()), pins(ws));

            Files.delete(knownHosts); // a machine without the file: the database decides
            ProbeReport again = SSHD.pusher().probe(endpoint(alpha.spec()), pusher.settings(alpha));
            assertEquals(SSHD.server().hostKeyFingerprint(), again.hostKeyFingerprint());
        }
    }

    @Test
    void aWorkerWithoutTheSitesPrivateKeyRetriesNamingTheMissingFileAndDeliversOnceTheKeyIsThere() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            // Added on another machine: the key's recorded path is not on this one.
            Path elsewhere = dir.resolve("other-machine/id_ed25519");
            SiteSpec alpha = SiteSpec.sftp("alpha", SSHD.server().url(dir.resolve("sites/alpha")), elsewhere, null);
            ws.sites().add(alpha, "alice");
            ws.hostKeyPins().pin(endpoint(alpha).knownHostsName(), "ssh-ed25519",
                    SSHD.server().knownHostsLine().split(" ")[2], "alice");
            Release release = DeliveryWorkerTest.addRelease(ws, new byte[100_000]);
            ws.rollouts().start(release.id(), List.of("alpha"), List.of(), null, "alice");
            Path mapped = ws.credentials().mapped("alpha", SiteCredentials.IDENTITY);

            try (DeliveryWorker worker = worker(ws)) {
                Delivery failed = awaitDelivery(ws, worker, d -> d.state() == DeliveryState.RETRYING);
                assertEquals("site alpha: no SSH identity (private key) on this machine: " + mapped
                        + " is missing (and so is the recorded " + elsewhere + ")", failed.lastError());

                Files.createDirectories(mapped.getParent());
                Files.copy(SSHD.server().userKey(), mapped);
                Files.setPosixFilePermissions(mapped, PosixFilePermissions.fromString("rw-------"));
                awaitDelivery(ws, worker, d -> d.state() == DeliveryState.DELIVERED);
            }
            assertTrue(Files.isRegularFile(dir.resolve("sites/alpha/inbox").resolve(release.kitFile())));
        }
    }

    private static DeliveryWorker worker(Workspace ws) {
        WorkerSettings settings = WorkerSettings.defaults("test-worker").withLease(Duration.ofSeconds(10))
                .withBackoff(new RetryBackoff(Duration.ofMillis(100), Duration.ofMillis(300), 2, new Random(1)));
        return new DeliveryWorker(ws, Map.of(TransportKind.SFTP,
                new SftpSitePusher(SSHD.pusher(), SftpTimeouts.DEFAULTS, ws)), settings, new WorkerListener() { });
    }

    /** Runs passes until the only delivery is as wanted; generous deadline, no fixed sleeps decide anything. */
    private static Delivery awaitDelivery(Workspace ws, DeliveryWorker worker, Predicate<Delivery> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            Delivery d = ws.deliveries().list().get(0);
            if (wanted.test(d)) {
                return d;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("delivery never got there; last: " + d);
            }
            worker.pass();
            Thread.sleep(50);
        }
    }

    private static List<String> pins(Workspace ws) throws Exception {
        return ws.hostKeyPins().of("[127.0.0.1]:" + SSHD.server().port()).stream().map(PinnedHostKey::fingerprint).toList();
    }

    private static SftpEndpoint endpoint(SiteSpec site) {
        return SftpEndpoint.parse(site.endpoint().toString());
    }
}

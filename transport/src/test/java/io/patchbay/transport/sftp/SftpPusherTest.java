package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.AgentReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import io.patchbay.transport.Cancellation;
import io.patchbay.transport.TransferListener;
import io.patchbay.transport.fixtures.FaultyProxy;
import io.patchbay.transport.fixtures.OpenSshServer;
import io.patchbay.transport.fixtures.SshdPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pushes to a real OpenSSH sshd on loopback, directly and through a proxy that cuts and stalls. */
class SftpPusherTest {
    @RegisterExtension
    static final SshdPerClass SSHD = new SshdPerClass();

    @TempDir
    Path tmp;

    private SftpEndpoint site(String name) throws IOException {
        return SftpEndpoint.parse(SSHD.server().url(tmp.resolve(name)));
    }

    private SftpSettings settings() {
        return SftpSettings.of(SSHD.server().userKey(), SSHD.server().knownHosts());
    }

    private Path kit(String name, int size, long seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Path file = tmp.resolve("kits").resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        return file;
    }

    private static Path inbox(SftpEndpoint site) {
        return Path.of(site.inbox());
    }

    private static void assertDelivered(SftpEndpoint site, Path kit) throws IOException {
        Path delivered = inbox(site).resolve(kit.getFileName());
        assertArrayEquals(Files.readAllBytes(kit), Files.readAllBytes(delivered), "inbox holds the exact kit");
        try (var partials = Files.list(inbox(site).resolve(".partial"))) {
            assertEquals(List.of(), partials.toList(), "no .part left behind");
        }
    }

    @Test
    void pushPutsTheExactKitIntoTheInboxAndLeavesNoPart() throws IOException {
        SftpEndpoint site = site("a");
        Path kit = kit("Spruce-12.10.11.kit", 3 * 1024 * 1024 + 17, 1);
        AtomicLong last = new AtomicLong();
        PushResult result = SSHD.pusher().push(site, settings(), kit, (sent, total) -> last.set(sent), new Cancellation());
        assertEquals(PushResult.Outcome.DELIVERED, result.outcome());
        assertEquals(Files.size(kit), result.size());
        assertEquals(0, result.resumedFrom());
        assertEquals(Files.size(kit), last.get(), "progress reached the total");
        assertDelivered(site, kit);
    }

    @Test
    void pushOfAnEmptyKitDelivers() throws IOException {
        SftpEndpoint site = site("empty");
        Path kit = kit("Empty-1.0.0.kit", 0, 2);
        assertEquals(PushResult.Outcome.DELIVERED, SSHD.pusher().push(site, settings(), kit, TransferListener.NONE, new Cancellation()).outcome());
        assertDelivered(site, kit);
    }

    @Test
    void secondPushOfADeliveredKitReportsAlreadyDelivered() throws IOException {
        SftpEndpoint site = site("twice");
        Path kit = kit("Spruce-12.10.12.kit", 300_000, 3);
        SSHD.pusher().push(site, settings(), kit, TransferListener.NONE, new Cancellation());
        PushResult again = SSHD.pusher().push(site, settings(), kit, TransferListener.NONE, new Cancellation());
        assertEquals(PushResult.Outcome.ALREADY_DELIVERED, again.outcome());
        assertEquals(0, again.bytesSent());
        assertDelivered(site, kit);
    }

    @Test
    void aDifferentFileAlreadyInTheInboxIsNotOverwritten() throws IOException {
        SftpEndpoint site = site("clash");
        Path kit = kit("Spruce-12.10.13.kit", 100_000, 4);
        Files.createDirectories(inbox(site));
        Files.write(inbox(site).resolve(kit.getFileName()), new byte[10]);
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> SSHD.pusher().push(site, settings(), kit, TransferListener.NONE, new Cancellation()));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(10, Files.size(inbox(site).resolve(kit.getFileName())));
    }

    @Test
    void resumesAfterManyCutsUntilTheKitIsByteIdentical() throws IOException {
        SftpEndpoint direct = site("cuts");
        Path kit = kit("Spruce-13.0.0.kit", 12 * 1024 * 1024, 5);
        try (FaultyProxy proxy = new FaultyProxy(SSHD.server().host(), SSHD.server().port(),
                FaultyProxy.Plan.randomCuts(42, 12, 20_000, 3_000_000))) {
            SftpEndpoint site = new SftpEndpoint(direct.user(), "127.0.0.1", proxy.port(), direct.path());
            Path knownHosts = tmp.resolve("known_hosts_proxy");
            Files.writeString(knownHosts, SSHD.server().knownHostsLine().replace(":" + SSHD.server().port() + " ", ":" + proxy.port() + " ") + "\n");
            SftpSettings settings = SftpSettings.of(SSHD.server().userKey(), knownHosts);
            PushResult result = null;
            int failures = 0;
            long resumed = 0;
            // As the outbox does: try again after each failure, until delivered.
            for (int attempt = 0; attempt < 50 && result == null; attempt++) {
                try {
                    result = SSHD.pusher().push(site, settings, kit, TransferListener.NONE, new Cancellation());
                } catch (PatchbayException e) {
                    failures++;
                    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
                    Path part = inbox(direct).resolve(".partial").resolve(kit.getFileName() + ".part");
                    if (Files.exists(part)) {
                        resumed = Math.max(resumed, Files.size(part));
                    }
                }
            }
            assertTrue(result != null, "delivered within 50 attempts");
            // A planned cut may lie past the end of a connection's traffic (the last attempt, or one that
            // ended early under load), so not all 12 need to happen; many must.
            assertTrue(proxy.cuts() >= 8, "the proxy cut the transfer many times: " + proxy.cuts());
            assertTrue(failures >= 8, "the cuts made attempts fail: " + failures);
            assertTrue(resumed > 0, "a partial upload was kept for resuming");
        }
        assertDelivered(direct, kit);
    }

    @Test
    void aRemotePartLargerThanTheKitIsStartedOver() throws IOException {
        SftpEndpoint site = site("larger");
        Path kit = kit("Spruce-13.0.1.kit", 500_000, 6);
        Path partial = inbox(site).resolve(".partial");
        Files.createDirectories(partial);
        Files.write(partial.resolve(kit.getFileName() + ".part"), new byte[600_000]);
        PushResult result = SSHD.pusher().push(site, settings(), kit, TransferListener.NONE, new Cancellation());
        assertEquals(0, result.resumedFrom());
        assertDelivered(site, kit);
    }

    @Test
    void aRemotePartWhoseTailDiffersIsStartedOver() throws IOException {
        SftpEndpoint site = site("stale");
        Path kit = kit("Spruce-13.0.2.kit", 500_000, 7);
        Path partial = inbox(site).resolve(".partial");
        Files.createDirectories(partial);
        Files.write(partial.resolve(kit.getFileName() + ".part"), new byte[200_000]);
        PushResult result = SSHD.pusher().push(site, settings(), kit, TransferListener.NONE, new Cancellation());
        assertEquals(0, result.resumedFrom());
        assertDelivered(site, kit);
    }

    @Test
    void aMatchingRemotePartIsResumedNotResent() throws IOException {
        SftpEndpoint site = site("resume");
        Path kit = kit("Spruce-13.0.3.kit", 900_000, 8);
        Path partial = inbox(site).resolve(".partial");
        Files.createDirectories(partial);
        Files.write(partial.resolve(kit.getFileName() + ".part"), java.util.Arrays.copyOf(Files.readAllBytes(kit), 300_001));
        PushResult result = SSHD.pusher().push(site, settings(), kit, TransferListener.NONE, new Cancellation());
        assertEquals(300_001, result.resumedFrom());
        assertEquals(900_000 - 300_001, result.bytesSent());
        assertDelivered(site, kit);
    }

    @Test
    void cancellingKeepsThePartAndTheNextPushFinishesIt() throws IOException {
        SftpEndpoint site = site("cancel");
        Path kit = kit("Spruce-13.0.4.kit", 8 * 1024 * 1024, 9);
        Cancellation cancel = new Cancellation();
        assertThrows(Cancellation.CancelledException.class, () -> SSHD.pusher().push(site, settings(), kit,
                (sent, total) -> {
                    if (sent > 1024 * 1024) {
                        cancel.cancel();
                    }
                }, cancel));
        assertFalse(Files.exists(inbox(site).resolve(kit.getFileName())), "nothing half-done in the inbox");
        PushResult result = SSHD.pusher().push(site, settings(), kit, TransferListener.NONE, new Cancellation());
        assertTrue(result.resumedFrom() > 0, "resumed from the cancelled upload");
        assertDelivered(site, kit);
    }

    @Test
    void aStalledTransferTimesOutWithAClearError() throws IOException {
        SftpEndpoint direct = site("stall");
        Path kit = kit("Spruce-13.0.5.kit", 8 * 1024 * 1024, 10);
        try (FaultyProxy proxy = new FaultyProxy(SSHD.server().host(), SSHD.server().port(), FaultyProxy.Plan.always(FaultyProxy.Fault.stallAfter(1_000_000)))) {
            SftpEndpoint site = new SftpEndpoint(direct.user(), "127.0.0.1", proxy.port(), direct.path());
            Path knownHosts = tmp.resolve("known_hosts_stall");
            Files.writeString(knownHosts, SSHD.server().knownHostsLine().replace(":" + SSHD.server().port() + " ", ":" + proxy.port() + " ") + "\n");
            SftpSettings settings = SftpSettings.of(SSHD.server().userKey(), knownHosts)
                    .withTimeouts(new SftpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2)));
            PatchbayException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(PatchbayException.class,
                    () -> SSHD.pusher().push(site, settings, kit, TransferListener.NONE, new Cancellation())));
            assertTrue(e.getMessage().contains("stalled") && e.getMessage().contains("no progress for 2 s"), e.getMessage());
            assertEquals(1, proxy.stalls());
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprint() throws IOException {
        Path empty = tmp.resolve("known_hosts_empty");
        SftpSettings settings = SftpSettings.of(SSHD.server().userKey(), empty);
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> SSHD.pusher().push(site("unknown"), settings, kit("X-1.kit", 10, 11), TransferListener.NONE, new Cancellation()));
        String fp = SSHD.server().hostKeyFingerprint();
        assertTrue(e.getMessage().contains("unknown host key for [127.0.0.1]:" + SSHD.server().port()), e.getMessage());
        assertTrue(e.getMessage().contains("--accept-host-key " + fp), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aChangedHostKeyIsRefusedLoudlyNamingBothKeys() throws IOException {
        Path other = OpenSshServer.keygen(tmp.resolve("other_host_key"), "ed25519", "");
        String[] fields = Files.readString(OpenSshServer.pub(other)).split("\\s+");
        Path knownHosts = tmp.resolve("known_hosts_changed");
        Files.writeString(knownHosts, "[127.0.0.1]:" + SSHD.server().port() + " " + fields[0] + " " + fields[1] + "\n");
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> SSHD.pusher().probe(site("changed"), SftpSettings.of(SSHD.server().userKey(), knownHosts)));
        assertTrue(e.getMessage().startsWith("host key changed for [127.0.0.1]:" + SSHD.server().port()), e.getMessage());
        assertTrue(e.getMessage().contains(OpenSshServer.fingerprintOf(OpenSshServer.pub(other))), e.getMessage());
        assertTrue(e.getMessage().contains(SSHD.server().hostKeyFingerprint()), e.getMessage());
    }

    @Test
    void pinningByFingerprintWritesAKnownHostsLineThatLaterPushesTrust() throws IOException {
        Path knownHosts = tmp.resolve("pinned").resolve("known_hosts");
        SftpSettings settings = SftpSettings.of(SSHD.server().userKey(), knownHosts);
        SftpEndpoint site = site("pin");
        String line = SSHD.pusher().pinHostKey(site, settings, SSHD.server().hostKeyFingerprint());
        assertEquals(SSHD.server().knownHostsLine(), line);
        assertEquals(SSHD.server().knownHostsLine() + "\n", Files.readString(knownHosts));
        Path kit = kit("Pinned-1.0.kit", 70_000, 12);
        SSHD.pusher().push(site, settings, kit, TransferListener.NONE, new Cancellation());
        assertDelivered(site, kit);
        // Pinning again leaves the file alone.
        SSHD.pusher().pinHostKey(site, settings, SSHD.server().hostKeyFingerprint());
        assertEquals(SSHD.server().knownHostsLine() + "\n", Files.readString(knownHosts));
    }

    @Test
    void aMatchingHostKeyIsPinnedEvenWhenTheLoginIsThenRefused() throws IOException {
        Path stranger = OpenSshServer.keygen(tmp.resolve("id_pin_stranger"), "ed25519", "");
        Path knownHosts = tmp.resolve("known_hosts_pin_refused");
        PatchbayException e = assertThrows(PatchbayException.class, () -> SSHD.pusher().pinHostKey(site("pinrefused"),
                SftpSettings.of(stranger, knownHosts), SSHD.server().hostKeyFingerprint()));
        assertTrue(e.getMessage().startsWith("SSH login refused"), e.getMessage());
        assertEquals(SSHD.server().knownHostsLine() + "\n", Files.readString(knownHosts));
    }

    @Test
    void severalSitesArePushedInParallelThroughOnePusher() throws Exception {
        Path kit = kit("Parallel-1.0.kit", 2 * 1024 * 1024, 15);
        List<SftpEndpoint> sites = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sites.add(site("parallel-" + i));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<PushResult>> results = new java.util.ArrayList<>();
            for (SftpEndpoint s : sites) {
                results.add(pool.submit(() -> SSHD.pusher().push(s, settings(), kit, TransferListener.NONE, new Cancellation())));
            }
            for (var r : results) {
                assertEquals(PushResult.Outcome.DELIVERED, r.get().outcome());
            }
        } finally {
            pool.shutdownNow();
        }
        for (SftpEndpoint s : sites) {
            assertDelivered(s, kit);
        }
    }

    @Test
    void pinningAnotherFingerprintIsRefusedAndWritesNothing() throws IOException {
        Path knownHosts = tmp.resolve("known_hosts_wrong_pin");
        String wrong = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> SSHD.pusher().pinHostKey(site("wrongpin"), SftpSettings.of(SSHD.server().userKey(), knownHosts), wrong));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
        assertFalse(Files.exists(knownHosts));
    }

    @Test
    void aUserKeyTheSiteDoesNotKnowIsRefusedInOneLine() throws IOException {
        Path stranger = OpenSshServer.keygen(tmp.resolve("id_stranger"), "ed25519", "");
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> SSHD.pusher().probe(site("stranger"), SftpSettings.of(stranger, SSHD.server().knownHosts())));
        assertTrue(e.getMessage().startsWith("SSH login refused for " + SSHD.server().user() + "@127.0.0.1:" + SSHD.server().port()), e.getMessage());
        assertTrue(e.getMessage().contains(stranger.toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void anRsaUserKeyWorks() throws IOException {
        Path rsa = OpenSshServer.keygen(tmp.resolve("id_rsa"), "rsa", "");
        SSHD.server().authorize(rsa);
        SftpEndpoint site = site("rsa");
        Path kit = kit("Rsa-1.0.kit", 100_000, 13);
        SSHD.pusher().push(site, SftpSettings.of(rsa, SSHD.server().knownHosts()), kit, TransferListener.NONE, new Cancellation());
        assertDelivered(site, kit);
    }

    @Test
    void aPassphraseProtectedKeyNeedsItsPassphrase() throws IOException {
        Path locked = OpenSshServer.keygen(tmp.resolve("id_locked"), "ed25519", "correct horse");
        SSHD.server().authorize(locked);
        SftpEndpoint site = site("locked");
        SftpSettings settings = SftpSettings.of(locked, SSHD.server().knownHosts());
        PatchbayException none = assertThrows(PatchbayException.class, () -> SSHD.pusher().probe(site, settings));
        assertTrue(none.getMessage().contains("protected by a passphrase"), none.getMessage());
        PatchbayException wrong = assertThrows(PatchbayException.class,
                () -> SSHD.pusher().probe(site, settings.withPassphrase("wrong".toCharArray())));
        assertTrue(wrong.getMessage().contains("wrong passphrase"), wrong.getMessage());
        assertFalse(settings.withPassphrase("correct horse".toCharArray()).toString().contains("horse"));
        ProbeReport report = SSHD.pusher().probe(site, settings.withPassphrase("correct horse".toCharArray()));
        assertEquals(SSHD.server().hostKeyFingerprint(), report.hostKeyFingerprint());
    }

    @Test
    void statusReportsAndTheAgentsHealthAreReadBackAndABrokenOneIsNamed() throws IOException {
        SftpEndpoint site = site("status");
        Path status = Path.of(site.status());
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        PatchReport patch = new PatchReport(StatusReports.SCHEMA, "Spruce-12.10.11.kit", "ab".repeat(32), "Spruce",
                "12.10.11", PatchState.RECEIVED, null, now, now, null, List.of(), List.of());
        AgentReport agent = new AgentReport(StatusReports.SCHEMA, "0.1.0", now, Map.of("Spruce", "12.10.10"), false);
        StatusReports.write(status, patch);
        StatusReports.write(status, agent);
        AgentHealth health = new AgentHealth(StatusReports.SCHEMA, "0.1.0", now, now.plusSeconds(60),
                new AgentHealth.LastError("tick failed: disk full", now.plusSeconds(30)), 5L << 30, 7L << 30, true,
                AgentHealth.Service.OFF, AgentHealth.Service.ok("port 8443"));
        StatusReports.write(status, health);
        Files.writeString(status.resolve("patch-Broken-1.kit.json"), "{not json");
        Files.writeString(status.resolve("notes.txt"), "ignored");
        SiteStatus read = SSHD.pusher().readStatus(site, settings());
        assertEquals(List.of(patch), read.patches());
        assertEquals(agent, read.agent().orElseThrow());
        assertEquals(health, read.health().orElseThrow());
        assertEquals(1, read.problems().size());
        assertTrue(read.problems().get(0).contains("patch-Broken-1.kit.json"), read.problems().get(0));
    }

    @Test
    void aSiteWithoutStatusFolderHasNoReports() throws IOException {
        SiteStatus read = SSHD.pusher().readStatus(site("nostatus"), settings());
        assertTrue(read.agent().isEmpty());
        assertTrue(read.health().isEmpty());
        assertEquals(List.of(), read.patches());
    }

    @Test
    void probeReportsServerVersionHostKeyAndFolders() throws IOException {
        SftpEndpoint site = site("probe");
        ProbeReport before = SSHD.pusher().probe(site, settings());
        assertTrue(before.serverVersion().startsWith("SSH-2.0-OpenSSH"), before.serverVersion());
        assertEquals("ssh-ed25519", before.hostKeyType());
        assertEquals(SSHD.server().hostKeyFingerprint(), before.hostKeyFingerprint());
        assertFalse(before.inboxExists());
        assertFalse(before.ready());
        Files.createDirectories(Path.of(site.inbox()));
        Files.createDirectories(Path.of(site.status()));
        Files.writeString(Path.of(site.status()).resolve("agent.json"), "{}");
        ProbeReport after = SSHD.pusher().probe(site, settings());
        assertTrue(after.inboxWritable() && after.statusReadable() && after.ready());
        assertEquals(1, after.statusFiles());
        try (var inboxFiles = Files.list(Path.of(site.inbox()))) {
            assertEquals(0, inboxFiles.count(), "the probe file was removed");
        }
    }

    @Test
    void aMissingSiteFolderIsNamed() throws IOException {
        SftpEndpoint site = new SftpEndpoint(SSHD.server().user(), "127.0.0.1", SSHD.server().port(), tmp.resolve("nowhere").toString());
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> SSHD.pusher().push(site, settings(), kit("N-1.kit", 10, 14), TransferListener.NONE, new Cancellation()));
        assertTrue(e.getMessage().contains("site folder " + site.path() + " does not exist"), e.getMessage());
    }

    @Test
    void nothingListeningIsACleanConnectError() throws IOException {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SftpEndpoint site = new SftpEndpoint(SSHD.server().user(), "127.0.0.1", port, "/tmp");
        PatchbayException e = assertThrows(PatchbayException.class, () -> SSHD.pusher().probe(site, settings()));
        assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:" + port), e.getMessage());
    }
}

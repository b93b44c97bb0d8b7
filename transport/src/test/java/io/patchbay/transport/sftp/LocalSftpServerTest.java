package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import io.patchbay.transport.Cancellation;
import io.patchbay.transport.TransferListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-process SFTP server, driven by the same {@link SftpPusher} the outbox uses against OpenSSH. */
class LocalSftpServerTest {
    @TempDir
    static Path dir;
    static Path alphaRoot;
    static Path bravoRoot;
    static Path clientKey;
    static Path knownHosts;
    static SftpPusher pusher;

    @TempDir
    Path tmp;

    @BeforeAll
    static void keys() throws IOException {
        alphaRoot = Files.createDirectories(dir.resolve("sites/alpha/agent"));
        bravoRoot = Files.createDirectories(dir.resolve("sites/bravo/agent"));
        clientKey = dir.resolve("ssh/id_ed25519");
        ClientKeyFiles.generate(clientKey, "patchbay-test");
        knownHosts = Files.createFile(dir.resolve("known_hosts"));
        pusher = new SftpPusher();
    }

    @AfterAll
    static void stop() {
        pusher.close();
    }

    private static LocalSftpServer.Config config(Path hostKey, int port) {
        return new LocalSftpServer.Config(hostKey, ClientKeyFiles.publicFileOf(clientKey),
                Map.of("alpha", alphaRoot, "bravo", bravoRoot), port);
    }

    private static SftpEndpoint site(LocalSftpServer server, String user, String path) {
        return SftpEndpoint.parse("sftp://" + user + "@" + server.host() + ":" + server.port() + path);
    }

    /** Pins the server's key in a known_hosts file of its own, as `site add --accept-host-key` does. */
    private SftpSettings pinned(LocalSftpServer server, String user) throws IOException {
        Path hosts = tmp.resolve("known_hosts-" + server.port());
        if (!Files.exists(hosts)) {
            Files.createFile(hosts);
            pusher.pinHostKey(site(server, user, "/"), SftpSettings.of(clientKey, hosts), server.hostKeyFingerprint());
        }
        return SftpSettings.of(clientKey, hosts);
    }

    private Path kit(String name, int size) throws IOException {
        byte[] data = new byte[size];
        new java.util.Random(size).nextBytes(data);
        return Files.write(Files.createDirectories(tmp.resolve("kits")).resolve(name), data);
    }

    @Test
    void eachUserPushesIntoItsOwnRootAndReadsOnlyItsOwnStatus() throws IOException {
        try (LocalSftpServer server = LocalSftpServer.start(config(tmp.resolve("host_key"), 0))) {
            Path kit = kit("Spruce-1.1.0.kit", 700_000);
            PushResult pushed = pusher.push(site(server, "alpha", "/"), pinned(server, "alpha"), kit,
                    TransferListener.NONE, new Cancellation());

            assertEquals(PushResult.Outcome.DELIVERED, pushed.outcome());
            assertArrayEquals(Files.readAllBytes(kit), Files.readAllBytes(alphaRoot.resolve("inbox/Spruce-1.1.0.kit")));
            assertFalse(Files.exists(bravoRoot.resolve("inbox/Spruce-1.1.0.kit")), "bravo's inbox stays empty");

            Files.createDirectories(alphaRoot.resolve("status"));
            PatchReport report = new PatchReport(StatusReports.SCHEMA, "Spruce-1.1.0.kit", "ab".repeat(32), "Spruce",
                    "1.1.0", PatchState.INSTALLED, null, Instant.parse("2026-11-20T09:00:00Z"),
                    Instant.parse("2026-11-20T09:01:00Z"), null, List.of(), List.of());
            Files.write(alphaRoot.resolve("status").resolve(StatusReports.patchFileName("Spruce-1.1.0.kit")),
                    io.patchbay.model.json.Json.mapper().writeValueAsBytes(report));
            SftpSettings bravo = pinned(server, "bravo");
            assertEquals(List.of("Spruce 1.1.0 installed"), pusher.readStatus(site(server, "alpha", "/"), bravo)
                    .patches().stream().map(p -> p.product() + " " + p.version() + " " + p.state().word()).toList());
            assertEquals(List.of(), pusher.readStatus(site(server, "bravo", "/"), bravo).patches(),
                    "bravo reads its own status folder, not alpha's");

            // bravo's "/" is its own folder: alpha's folder does not exist for it, under any path.
            PatchbayException refused = assertThrows(PatchbayException.class, () -> pusher.push(
                    site(server, "bravo", alphaRoot.toAbsolutePath().toString()), bravo, kit, TransferListener.NONE,
                    new Cancellation()));
            assertTrue(refused.getMessage().contains("does not exist"), refused.getMessage());
            PatchbayException escape = assertThrows(PatchbayException.class, () -> pusher.push(
                    site(server, "bravo", "/../alpha"), bravo, kit, TransferListener.NONE, new Cancellation()));
            assertTrue(escape.getMessage().contains("does not exist"), "/.. stays inside bravo's root: " + escape.getMessage());
            try (var stray = Files.list(dir.resolve("sites"))) {
                assertEquals(List.of("alpha", "bravo"), stray.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }
    }

    @Test
    void refusesAKeyThatIsNotAuthorizedAndAUserWithoutARoot() throws IOException {
        try (LocalSftpServer server = LocalSftpServer.start(config(tmp.resolve("host_key"), 0))) {
            SftpSettings good = pinned(server, "alpha");
            Path otherKey = tmp.resolve("other/id_ed25519");
            ClientKeyFiles.generate(otherKey, "someone else");

            PatchbayException wrongKey = assertThrows(PatchbayException.class,
                    () -> pusher.probe(site(server, "alpha", "/"), SftpSettings.of(otherKey, good.hostKeys())));
            assertTrue(wrongKey.getMessage().toLowerCase().contains("auth"), wrongKey.getMessage());
            PatchbayException noSuchUser = assertThrows(PatchbayException.class,
                    () -> pusher.probe(site(server, "charlie", "/"), good));
            assertTrue(noSuchUser.getMessage().toLowerCase().contains("auth"), noSuchUser.getMessage());
            ProbeReport ok = pusher.probe(site(server, "alpha", "/"), good);
            assertEquals("ssh-ed25519 " + server.hostKeyFingerprint(), ok.hostKeyType() + " " + ok.hostKeyFingerprint());
        }
    }

    @Test
    void aRestartKeepsTheHostKeySoThePinStillHolds() throws IOException {
        Path hostKey = tmp.resolve("host_key");
        String first;
        int port;
        SftpSettings settings;
        try (LocalSftpServer server = LocalSftpServer.start(config(hostKey, 0))) {
            first = server.hostKeyFingerprint();
            port = server.port();
            settings = pinned(server, "alpha");
        }
        try (LocalSftpServer again = LocalSftpServer.startPreferring(config(hostKey, port))) {
            assertEquals(first, again.hostKeyFingerprint());
            assertEquals(port, again.port());
            assertEquals("SSH-2.0", pusher.probe(site(again, "alpha", "/"), settings).serverVersion().substring(0, 7));
        }
    }

    @Test
    void aTakenPortIsRefusedOrReplacedByAnother() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LocalSftpServer.HOST))) {
            PatchbayException refused = assertThrows(PatchbayException.class,
                    () -> LocalSftpServer.start(config(tmp.resolve("host_key"), taken.getLocalPort())));
            assertTrue(refused.getMessage().contains("in use"), refused.getMessage());
            try (LocalSftpServer server = LocalSftpServer.startPreferring(config(tmp.resolve("host_key"), taken.getLocalPort()))) {
                assertTrue(server.preferredPortTaken());
                assertNotEquals(taken.getLocalPort(), server.port());
                assertEquals(server.hostKeyFingerprint(),
                        pusher.probe(site(server, "alpha", "/"), pinned(server, "alpha")).hostKeyFingerprint());
            }
        }
    }
}

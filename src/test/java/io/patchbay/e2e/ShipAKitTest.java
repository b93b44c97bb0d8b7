package io.patchbay.e2e;

import io.patchbay.model.workspace.Event;
import io.patchbay.model.workspace.EventQuery;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.fixtures.FaultyProxy;
import io.patchbay.transport.fixtures.OpenSshServer;
import io.patchbay.transport.fixtures.SshdPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 3's "done means", through the real launcher in separate processes, against a real OpenSSH sshd
 * on loopback: build a kit, add it, add sites, roll it out, deliver, and read the status.
 */
class ShipAKitTest {
    @RegisterExtension
    static final SshdPerClass SSHD = new SshdPerClass();

    @TempDir
    Path dir;

    @Test
    void aKitBuiltAndRolledOutReachesBothSitesExactly() throws Exception {
        Launcher pb = new Launcher(dir.resolve("logs"));
        Path ws = dir.resolve("ws");
        Path kit = buildKit(pb, 2 * 1024 * 1024);
        Launcher.Result added = pb.run("release", "add", kit.toString(), "--workspace", ws.toString()).ok();
        assertTrue(added.out().startsWith("added Spruce 12.10.11 (stable)"), added.out());
        assertTrue(added.err().contains("now trusting signer SHA256:"), added.err());
        Path alpha = dir.resolve("sites/alpha");
        Path bravo = dir.resolve("sites/bravo");
        pb.run("site", "add", "alpha", "--sftp", SSHD.server().url(alpha), "--identity", SSHD.server().userKey().toString(),
                "--known-hosts", SSHD.server().knownHosts().toString(), "--ring", "pilot", "--workspace", ws.toString()).ok();
        pb.run("site", "add", "bravo", "--sftp", SSHD.server().url(bravo), "--identity", SSHD.server().userKey().toString(),
                "--known-hosts", SSHD.server().knownHosts().toString(), "--workspace", ws.toString()).ok();
        Launcher.Result started = pb.run("rollout", "start", "12.10.11", "--all", "--workspace", ws.toString()).ok();
        assertTrue(started.out().contains("2 sites queued"), started.out());
        assertTrue(pb.run("status", "--workspace", ws.toString()).ok().out().contains("queued"));

        Launcher.Result delivered = pb.run("deliver", "--until-done", "--workspace", ws.toString()).ok();
        assertTrue(delivered.out().contains("alpha: delivered Spruce 12.10.11"), delivered.out());
        assertTrue(delivered.out().contains("bravo: delivered Spruce 12.10.11"), delivered.out());

        byte[] expected = Files.readAllBytes(kit);
        for (Path site : List.of(alpha, bravo)) {
            assertArrayEquals(expected, Files.readAllBytes(site.resolve("inbox").resolve(SpruceShipment.KIT)), site + " holds the exact kit");
            assertNoPartLeft(site);
        }
        Map<String, String> states = statusWords(pb, ws);
        assertEquals(Map.of("alpha", "delivered", "bravo", "delivered"), states);
        // Adding the very same kit again changes nothing.
        assertTrue(pb.run("release", "add", kit.toString(), "--workspace", ws.toString()).ok().out()
                .startsWith("already added (identical kit): Spruce 12.10.11"));
    }

    @Test
    void aWorkerKilledMidTransferIsResumedByTheNextWithoutLossOrDuplicates() throws Exception {
        Launcher pb = new Launcher(dir.resolve("logs"));
        Path ws = dir.resolve("ws");
        Path kit = buildKit(pb, 16 * 1024 * 1024);
        pb.run("release", "add", kit.toString(), "--workspace", ws.toString()).ok();
        // Until the kill, connections through the proxy stall after ~7 MB (only the push gets that far; the
        // worker's status harvest does not): the worker is killed while its push waits.
        AtomicBoolean killed = new AtomicBoolean();
        try (FaultyProxy proxy = new FaultyProxy(OpenSshServer.HOST, SSHD.server().port(),
                n -> killed.get() ? FaultyProxy.Fault.none() : FaultyProxy.Fault.stallAfter(7L * 1024 * 1024))) {
            Path knownHosts = knownHostsWithProxy(proxy);
            Path alpha = dir.resolve("sites/alpha");
            Path bravo = dir.resolve("sites/bravo");
            pb.run("site", "add", "alpha", "--sftp", viaProxy(SSHD.server().url(alpha), proxy), "--identity",
                    SSHD.server().userKey().toString(), "--known-hosts", knownHosts.toString(), "--workspace", ws.toString()).ok();
            pb.run("site", "add", "bravo", "--sftp", SSHD.server().url(bravo), "--identity", SSHD.server().userKey().toString(),
                    "--known-hosts", knownHosts.toString(), "--workspace", ws.toString()).ok();
            pb.run("rollout", "start", "12.10.11", "--sites", "alpha,bravo", "--workspace", ws.toString()).ok();

            Launcher.Running first = pb.start("deliver", "--until-done", "--lease", "4", "--retry-min", "1",
                    "--retry-max", "2", "--workspace", ws.toString());
            first.awaitLine(l -> l.matches("alpha: [1-9]\\d% of .*"), Duration.ofSeconds(60), "showing alpha past 10%");
            first.process.destroyForcibly().waitFor(); // kill -9
            killed.set(true);
            long partial = Files.size(alpha.resolve("inbox/.partial/" + SpruceShipment.KIT + ".part"));
            assertTrue(partial > 0 && partial < Files.size(kit), "a partial upload stays on the site: " + partial);

            Launcher.Result second = pb.start("deliver", "--until-done", "--lease", "4", "--retry-min", "1",
                    "--retry-max", "2", "--workspace", ws.toString()).await(Duration.ofSeconds(120)).ok();
            assertTrue(second.out().contains("alpha: delivered Spruce 12.10.11"), second.out());

            byte[] expected = Files.readAllBytes(kit);
            for (Path site : List.of(alpha, bravo)) {
                assertArrayEquals(expected, Files.readAllBytes(site.resolve("inbox").resolve(SpruceShipment.KIT)), site.toString());
                assertNoPartLeft(site);
            }
            assertEquals(Map.of("alpha", "delivered", "bravo", "delivered"), statusWords(pb, ws));
            try (Workspace w = Workspace.open(ws)) {
                Map<String, Long> deliveredPerSite = w.events().find(EventQuery.all().kind("delivery.delivered"))
                        .stream().collect(Collectors.groupingBy(Event::subject, Collectors.counting()));
                assertEquals(Map.of("Spruce 12.10.11 -> alpha", 1L, "Spruce 12.10.11 -> bravo", 1L), deliveredPerSite);
            }
        }
    }

    @Test
    void anUnreachableSiteIsRetriedWithItsReasonShownAndRecovers() throws Exception {
        Launcher pb = new Launcher(dir.resolve("logs"));
        Path ws = dir.resolve("ws");
        Path kit = buildKit(pb, 512 * 1024);
        pb.run("release", "add", kit.toString(), "--workspace", ws.toString()).ok();
        try (FaultyProxy proxy = new FaultyProxy(OpenSshServer.HOST, SSHD.server().port(),
                FaultyProxy.Plan.always(FaultyProxy.Fault.cutAfter(0)))) {
            Path flaky = dir.resolve("sites/flaky");
            pb.run("site", "add", "flaky", "--sftp", viaProxy(SSHD.server().url(flaky), proxy), "--identity",
                    SSHD.server().userKey().toString(), "--known-hosts", knownHostsWithProxy(proxy).toString(),
                    "--workspace", ws.toString()).ok();
            pb.run("rollout", "start", "12.10.11", "--all", "--workspace", ws.toString()).ok();
            Launcher.Running worker = pb.start("deliver", "--until-done", "--retry-min", "2", "--retry-max", "3",
                    "--workspace", ws.toString());
            String retry = worker.awaitLine(l -> l.startsWith("flaky: retrying"), Duration.ofSeconds(60), "retrying flaky");
            assertTrue(retry.contains("; next try at 20"), retry);

            String status = pb.run("status", "--workspace", ws.toString()).ok().out();
            assertTrue(status.contains("retrying (next try at 20"), status);
            assertTrue(status.contains("flaky / Spruce 12.10.11: retrying: "), status);
            assertFalse(worker.out().contains("delivered"), worker.out());

            proxy.setPlan(FaultyProxy.Plan.always(FaultyProxy.Fault.none()));
            worker.await(Duration.ofSeconds(60)).ok();
            assertArrayEquals(Files.readAllBytes(kit), Files.readAllBytes(flaky.resolve("inbox").resolve(SpruceShipment.KIT)));
            assertEquals(Map.of("flaky", "delivered"), statusWords(pb, ws));
        }
    }

    @Test
    void sigtermStopsTheWorkerCleanlyAndItsDeliveryIsDueAgainAtOnce() throws Exception {
        Launcher pb = new Launcher(dir.resolve("logs"));
        Path ws = dir.resolve("ws");
        Path kit = buildKit(pb, 8 * 1024 * 1024);
        pb.run("release", "add", kit.toString(), "--workspace", ws.toString()).ok();
        AtomicBoolean stalling = new AtomicBoolean(true);
        try (FaultyProxy proxy = new FaultyProxy(OpenSshServer.HOST, SSHD.server().port(),
                n -> stalling.get() ? FaultyProxy.Fault.stallAfter(3L * 1024 * 1024) : FaultyProxy.Fault.none())) {
            Path alpha = dir.resolve("sites/alpha");
            pb.run("site", "add", "alpha", "--sftp", viaProxy(SSHD.server().url(alpha), proxy), "--identity",
                    SSHD.server().userKey().toString(), "--known-hosts", knownHostsWithProxy(proxy).toString(),
                    "--workspace", ws.toString()).ok();
            pb.run("rollout", "start", "12.10.11", "--all", "--workspace", ws.toString()).ok();
            Launcher.Running worker = pb.start("deliver", "--workspace", ws.toString());
            worker.awaitLine(l -> l.startsWith("alpha: sending"), Duration.ofSeconds(60), "sending to alpha");
            Thread.sleep(1500); // into the stalled transfer
            worker.process.destroy(); // SIGTERM
            Launcher.Result stopped = worker.await(Duration.ofSeconds(30)).ok();
            assertTrue(stopped.out().contains("alpha: stopped sending Spruce 12.10.11: the worker stops; the delivery "
                    + "is due again at once"), stopped.out());
            assertTrue(stopped.out().contains("stopped: unfinished deliveries resume"), stopped.out());
            String status = pb.run("status", "--workspace", ws.toString()).ok().out();
            assertTrue(status.contains("stopped; next try at"), status);

            stalling.set(false);
            pb.run("deliver", "--until-done", "--workspace", ws.toString()).ok();
            assertArrayEquals(Files.readAllBytes(kit), Files.readAllBytes(alpha.resolve("inbox").resolve(SpruceShipment.KIT)));
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprintAndCanBePinned() throws Exception {
        Launcher pb = new Launcher(dir.resolve("logs"));
        Path ws = dir.resolve("ws");
        pb.run("site", "add", "alpha", "--sftp", SSHD.server().url(dir.resolve("sites/alpha")), "--identity",
                SSHD.server().userKey().toString(), "--workspace", ws.toString()).ok();
        Launcher.Result refused = pb.run("site", "test", "alpha", "--workspace", ws.toString());
        assertEquals(1, refused.exit());
        String fp = SSHD.server().hostKeyFingerprint();
        assertTrue(refused.err().startsWith("patchbay: unknown host key for site alpha ([127.0.0.1]:" + SSHD.server().port() + ")"),
                refused.err());
        assertTrue(refused.err().contains("--accept-host-key " + fp), refused.err());
        assertEquals(1, refused.err().lines().count(), refused.err());

        Launcher.Result pinned = pb.run("site", "test", "alpha", "--accept-host-key", fp, "--workspace", ws.toString()).ok();
        assertTrue(pinned.out().contains("server:       SSH-2.0-OpenSSH"), pinned.out());
        assertTrue(pinned.out().contains(fp), pinned.out());
        // Pinned in the workspace database, where every machine of a team finds it: no known_hosts file.
        assertTrue(pinned.out().contains("pinned host key " + fp + " in the workspace database"), pinned.out());
        assertFalse(Files.exists(ws.resolve("known_hosts")));
        pb.run("site", "test", "alpha", "--workspace", ws.toString()).ok();
    }

    @Test
    void badInputIsOneLineAndANonZeroExit() throws Exception {
        Launcher pb = new Launcher(dir.resolve("logs"));
        Path ws = dir.resolve("ws");
        Launcher.Result badUrl = pb.run("site", "add", "x", "--sftp", "sftp://127.0.0.1/srv", "--identity",
                SSHD.server().userKey().toString(), "--workspace", ws.toString());
        assertNotEquals(0, badUrl.exit());
        assertEquals("patchbay: SFTP address needs USER@ and no password: 'sftp://127.0.0.1/srv'\n", badUrl.err());
        assertFalse(Files.exists(ws), "a refused command creates no workspace");

        pb.run("workspace", "init", "--workspace", ws.toString()).ok();
        Launcher.Result noRelease = pb.run("rollout", "start", "9.9", "--all", "--workspace", ws.toString());
        assertEquals(3, noRelease.exit()); // not found
        assertEquals("patchbay: no release 9.9 in the workspace (see `patchbay release list`)\n", noRelease.err());
    }

    // --- helpers ---------------------------------------------------------------------------------

    private Path buildKit(Launcher pb, int payloadBytes) throws Exception {
        Path keys = dir.resolve("keys");
        pb.run("keys", "init", "--dir", keys.toString()).ok();
        Path src = dir.resolve("payload");
        Files.createDirectories(src.resolve("bin"));
        Files.writeString(src.resolve("bin/spruce.sh"), "#!/bin/sh\necho spruce 12.10.11\n");
        byte[] data = new byte[payloadBytes];
        new Random(42).nextBytes(data);
        try (OutputStream out = Files.newOutputStream(src.resolve("spruce.jar"))) {
            out.write(data);
        }
        Path manifest = Files.writeString(dir.resolve("kit.ini"), SpruceShipment.MANIFEST);
        Path kit = dir.resolve(SpruceShipment.KIT);
        pb.run("kit", "build", "--source", src.toString(), "--manifest", manifest.toString(), "--key",
                keys.resolve("signing.key").toString(), "--out", kit.toString()).ok();
        return kit;
    }

    private Path knownHostsWithProxy(FaultyProxy proxy) throws IOException {
        return ProxiedSsh.knownHosts(dir, SSHD.server(), proxy);
    }

    private static String viaProxy(String url, FaultyProxy proxy) {
        return ProxiedSsh.url(url, SSHD.server(), proxy);
    }

    private static void assertNoPartLeft(Path site) throws IOException {
        Path partial = site.resolve("inbox/.partial");
        if (Files.isDirectory(partial)) {
            try (var files = Files.list(partial)) {
                assertEquals(List.of(), files.toList(), "no .part left in " + partial);
            }
        }
    }

    /** Site -> state word from `status --json`. */
    private static Map<String, String> statusWords(Launcher pb, Path ws) throws Exception {
        String json = pb.run("status", "--json", "--workspace", ws.toString()).ok().out();
        var rows = io.patchbay.model.json.Json.mapper().readTree(json);
        Map<String, String> words = new java.util.TreeMap<>();
        rows.forEach(r -> words.put(r.get("site").asText(), r.get("state").asText()));
        return words;
    }
}

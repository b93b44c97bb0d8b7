package io.patchbay.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchbay.model.json.Json;
import io.patchbay.transport.fixtures.FaultyProxy;
import io.patchbay.transport.fixtures.OpenSshServer;
import io.patchbay.transport.fixtures.SshdPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: {@code deliver --until-done} through the real launcher against a real OpenSSH sshd on loopback. It
 * always ends: with a summary per site, exit 0 when everything arrived, 5 when timed out or interrupted with
 * deliveries left, 4 when the sites left are down; and its progress carries rate and time left.
 */
class DeliverUntilDoneTest {
    @RegisterExtension
    static final SshdPerClass SSHD = new SshdPerClass();

    @TempDir
    Path dir;

    @Test
    void aSiteThatStaysDownEndsTheRunWithExit4AndOneJsonLinePerEvent() throws Exception {
        Launcher pb = new Launcher(dir.resolve("logs"));
        Path ws = workspaceWithKit(pb, 256 * 1024);
        addSite(pb, ws, "alpha", SSHD.server().url(dir.resolve("sites/alpha")), SSHD.server().knownHosts());
        int closed = closedPort();
        addSite(pb, ws, "down", SSHD.server().url(dir.resolve("sites/down")).replace(":" + SSHD.server().port() + "/", ":" + closed + "/"),
                SSHD.server().knownHosts());
        pb.run("rollout", "start", "12.10.11", "--all", "--workspace", ws.toString()).ok();

        // The stall is waited out in full once alpha is delivered (a site still sending never counts as stalled).
        Launcher.Result r = pb.start("deliver", "--until-done", "--stalled-after", "4s", "--retry-min", "1",
                "--retry-max", "2", "--json", "--workspace", ws.toString()).await(Duration.ofSeconds(120));

        assertEquals(4, r.exit(), r.out() + r.err());
        List<JsonNode> events = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            events.add(Json.mapper().readTree(line)); // every line is one JSON object
        }
        assertTrue(events.stream().anyMatch(e -> e.get("event").asText().equals("delivered")
                && e.get("site").asText().equals("alpha")), r.out());
        assertTrue(events.stream().anyMatch(e -> e.get("event").asText().equals("retrying")
                && e.get("site").asText().equals("down") && e.hasNonNull("nextTryAt")), r.out());
        JsonNode summary = events.get(events.size() - 1);
        assertEquals("summary", summary.get("event").asText(), r.out());
        assertEquals("stalled", summary.get("ending").asText());
        assertEquals(4, summary.get("exitCode").asInt());
        assertEquals(1, summary.get("delivered").asInt());
        assertEquals(1, summary.get("left").asInt());
        assertTrue(summary.get("failed").asInt() >= 1, summary.toString());
        JsonNode down = summary.get("sites").get(1);
        assertEquals("down", down.get("site").asText());
        assertEquals(1, down.get("left").asInt());
        assertTrue(down.get("lastError").asText().length() > 0, down.toString());
        // Nothing was given up: the down site's kit is still in the outbox for the next run.
        assertTrue(pb.run("status", "--workspace", ws.toString()).ok().out().contains("retrying"));
    }

    @Test
    void aTimeoutWithDeliveriesLeftExits5AfterProgressWithRateAndTimeLeft() throws Exception {
        Launcher pb = new Launcher(dir.resolve("logs"));
        // 8 MiB is enough for progress lines at each 10 % step; the timeout is waited out in full, so it is short.
        Path ws = workspaceWithKit(pb, 8 * 1024 * 1024);
        // alpha's connections stall after ~3 MB: it never finishes; bravo is direct and does. The timeout leaves
        // a loaded machine time for both to get going (bravo's 8 MiB take well under a second on loopback).
        try (FaultyProxy proxy = new FaultyProxy(OpenSshServer.HOST, SSHD.server().port(),
                n -> FaultyProxy.Fault.stallAfter(3L * 1024 * 1024))) {
            addSite(pb, ws, "alpha", ProxiedSsh.url(SSHD.server().url(dir.resolve("sites/alpha")), SSHD.server(), proxy),
                    ProxiedSsh.knownHosts(dir, SSHD.server(), proxy));
            addSite(pb, ws, "bravo", SSHD.server().url(dir.resolve("sites/bravo")), SSHD.server().knownHosts());
            pb.run("rollout", "start", "12.10.11", "--all", "--workspace", ws.toString()).ok();

            Launcher.Result r = pb.start("deliver", "--until-done", "--timeout", "20s", "--workspace", ws.toString())
                    .await(Duration.ofSeconds(150));

            assertEquals(5, r.exit(), r.out() + r.err());
            List<String> lines = r.out().lines().toList();
            // Once bytes moved, a line says how fast and how long still (a stalled link: "time left unknown").
            assertTrue(lines.stream().anyMatch(l -> l.matches("alpha: [1-9]\\d% of Spruce 12\\.10\\.11 \\(full kit, 8\\.\\d MiB\\), "
                    + "[\\d.]+ (B|KiB|MiB)/s, (\\d.* left|time left unknown)") && !l.contains(" 0 B/s")), r.out());
            assertTrue(lines.stream().anyMatch(l -> l.matches("total: [1-9]\\d?% of 16\\.\\d MiB, [01] of 2 delivered, "
                    + "[\\d.]+ (B|KiB|MiB)/s, .*")), r.out());
            assertTrue(r.out().contains("bravo: delivered Spruce 12.10.11"), r.out());
            assertTrue(r.out().contains("timed out after 20 s: unfinished deliveries resume"), r.out());
            // A stalled push may also time out and count as a failed attempt meanwhile.
            assertTrue(lines.stream().anyMatch(l -> l.matches("summary: timed out; 1 delivered, \\d+ failed attempts?, 1 left, in .*")),
                    r.out());
            assertTrue(lines.stream().anyMatch(l -> l.matches("  alpha: 0 delivered, \\d+ failed, 1 left.*")), r.out());
            assertTrue(r.out().contains("  bravo: 1 delivered, 0 failed, 0 left\n"), r.out());
            assertTrue(r.out().endsWith("  bravo: 1 delivered, 0 failed, 0 left\n"), "the summary is last: " + r.out());
        }
    }

    @Test
    void sigtermWithDeliveriesLeftExits5WithASummary() throws Exception {
        Launcher pb = new Launcher(dir.resolve("logs"));
        Path ws = workspaceWithKit(pb, 8 * 1024 * 1024);
        try (FaultyProxy proxy = new FaultyProxy(OpenSshServer.HOST, SSHD.server().port(),
                n -> FaultyProxy.Fault.stallAfter(3L * 1024 * 1024))) {
            addSite(pb, ws, "alpha", ProxiedSsh.url(SSHD.server().url(dir.resolve("sites/alpha")), SSHD.server(), proxy),
                    ProxiedSsh.knownHosts(dir, SSHD.server(), proxy));
            pb.run("rollout", "start", "12.10.11", "--all", "--workspace", ws.toString()).ok();
            Launcher.Running worker = pb.start("deliver", "--until-done", "--workspace", ws.toString());
            worker.awaitLine(l -> l.startsWith("alpha: sending"), Duration.ofSeconds(60), "sending to alpha");
            worker.process.destroy(); // SIGTERM

            Launcher.Result r = worker.await(Duration.ofSeconds(60));
            assertEquals(5, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("summary: interrupted; 0 delivered, 0 failed attempts, 1 left"), r.out());
            assertTrue(r.out().contains("  alpha: 0 delivered, 0 failed, 1 left"), r.out());
        }
    }

    @Test
    void everythingDeliveredExits0WithASummaryPerSite() throws Exception {
        Launcher pb = new Launcher(dir.resolve("logs"));
        Path ws = workspaceWithKit(pb, 256 * 1024);
        addSite(pb, ws, "alpha", SSHD.server().url(dir.resolve("sites/alpha")), SSHD.server().knownHosts());
        addSite(pb, ws, "bravo", SSHD.server().url(dir.resolve("sites/bravo")), SSHD.server().knownHosts());
        pb.run("rollout", "start", "12.10.11", "--all", "--workspace", ws.toString()).ok();

        Launcher.Result r = pb.run("deliver", "--until-done", "--timeout", "5m", "--workspace", ws.toString()).ok();
        assertTrue(r.out().contains("summary: done; 2 delivered, 0 failed attempts, 0 left, in "), r.out());
        assertTrue(r.out().contains("  alpha: 1 delivered, 0 failed, 0 left\n  bravo: 1 delivered, 0 failed, 0 left\n"),
                r.out());
    }

    @Test
    void aBadTimeoutIsAUsageErrorOnOneLine() throws Exception {
        Launcher pb = new Launcher(dir.resolve("logs"));
        Launcher.Result r = pb.run("deliver", "--until-done", "--timeout", "soon", "--workspace",
                dir.resolve("ws").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("Invalid value for option '--timeout': 'soon' is not a duration (e.g. 90s, 15m"),
                r.err());
    }

    // --- helpers ---------------------------------------------------------------------------------

    private Path workspaceWithKit(Launcher pb, int payloadBytes) throws Exception {
        Path keys = dir.resolve("keys");
        pb.run("keys", "init", "--dir", keys.toString()).ok();
        Path src = dir.resolve("payload");
        Files.createDirectories(src);
        byte[] data = new byte[payloadBytes];
        new Random(7).nextBytes(data); // incompressible: the kit is as big as its payload
        try (OutputStream out = Files.newOutputStream(src.resolve("spruce.jar"))) {
            out.write(data);
        }
        Path manifest = Files.writeString(dir.resolve("kit.ini"), SpruceShipment.MANIFEST);
        Path kit = dir.resolve(SpruceShipment.KIT);
        pb.run("kit", "build", "--source", src.toString(), "--manifest", manifest.toString(), "--key",
                keys.resolve("signing.key").toString(), "--out", kit.toString()).ok();
        Path ws = dir.resolve("ws");
        pb.run("release", "add", kit.toString(), "--workspace", ws.toString()).ok();
        return ws;
    }

    private void addSite(Launcher pb, Path ws, String name, String url, Path knownHosts) throws Exception {
        pb.run("site", "add", name, "--sftp", url, "--identity", SSHD.server().userKey().toString(), "--known-hosts",
                knownHosts.toString(), "--workspace", ws.toString()).ok();
    }

    /** A loopback port nothing listens on: a site that is down. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

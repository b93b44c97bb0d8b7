package io.patchbay.model.workspace;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Why the workspace takes a fresh connection per call instead of a pool: measures what a connection
 * costs while this process serves the file (local) and while another process does (remote, over
 * mixed mode's loopback TCP), next to one reused connection, and the outbox's claim+deliver cycle.
 * Run: {@code mvn -B -ntp -q -o -Pbench -pl model test -Dtest=WorkspaceBenchmark}
 */
@Tag("benchmark")
class WorkspaceBenchmark {
    private static final int N = 2000;

    @TempDir
    Path dir;

    @Test
    void connectionCostLocalAndRemote() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("local"))) {
            measure("local (this process serves the file)", ws);
        }
        Path remote = dir.resolve("remote");
        Workspace.open(remote).close();
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WorkspaceChild.class.getName(), remote.toString(), "hold")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("READY", out.readLine());
            try (Workspace ws = Workspace.open(remote)) {
                measure("remote (another process serves the file)", ws);
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    private static void measure(String label, Workspace ws) throws SQLException {
        Fixtures.addSite(ws, "alpha");
        Release release = Fixtures.addRelease(ws, "1.0");
        for (int i = 0; i < 200; i++) { // warm-up
            ws.sites().list();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < N; i++) {
            try (Connection c = ws.connect()) {
                c.isValid(1);
            }
        }
        long connect = System.nanoTime() - t0;

        t0 = System.nanoTime();
        for (int i = 0; i < N; i++) {
            ws.sites().list();
        }
        long perCall = System.nanoTime() - t0;

        t0 = System.nanoTime();
        try (Connection c = ws.connect()) {
            for (int i = 0; i < N; i++) {
                try (PreparedStatement s = c.prepareStatement("SELECT id, name, ring FROM site ORDER BY ring, name");
                     ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        r.getString(2);
                    }
                }
            }
        }
        long reused = System.nanoTime() - t0;

        int sites = 200;
        for (int i = 0; i < sites; i++) {
            Fixtures.addSite(ws, "s" + i);
            ws.deliveries().enqueue(release.id(), "s" + i, "bench");
        }
        t0 = System.nanoTime();
        List<Delivery> got;
        int cycles = 0;
        while (!(got = ws.deliveries().claim("bench", 8, Duration.ofMinutes(1))).isEmpty()) {
            for (Delivery d : got) {
                ws.deliveries().progress(d.id(), "bench", d.size() / 2, Duration.ofMinutes(1));
                ws.deliveries().markDelivered(d.id(), "bench");
                cycles++;
            }
        }
        long outbox = System.nanoTime() - t0;

        System.out.printf("%s: connect+close %.3f ms; sites().list() per-call connection %.3f ms; "
                        + "same query on one reused connection %.3f ms; claim+progress+deliver %.2f ms per delivery (%d)%n",
                label, connect / 1e6 / N, perCall / 1e6 / N, reused / 1e6 / N, outbox / 1e6 / cycles, cycles);
    }
}

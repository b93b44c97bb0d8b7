package io.patchbay.transport.outbox;

import io.patchbay.model.workspace.DeliveryState;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.TransportKind;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.fixtures.HeapWatch;
import io.patchbay.transport.fixtures.LoadAverage;
import io.patchbay.transport.fixtures.OpenSshServer;
import io.patchbay.transport.sftp.SftpPusher;
import io.patchbay.transport.sftp.SftpTimeouts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10's fan-out figure: one 50 MB kit to 200 sites (200 site folders on one real OpenSSH sshd on
 * loopback) by the outbox worker at parallel 8, through the workspace as {@code patchbay deliver} does
 * it (claims, leases renewed every second, harvest of each site's status on its own thread). In the same
 * run, after a warm-up push, the same worker sends the kit to one site alone: its single-stream throughput.
 * Prints the fan-out time, the ratio to (total bytes / single-stream throughput) (target at most 1.2), the
 * peak heap (sum of the heap pools' peak usage, reset before the run) against the maximum heap
 * ({@code .ci/bench fanout} runs it at {@code -Xmx256m}), and the machine's load average. Asserts only
 * that every site got its kit. Sized down with {@code -Dpatchbay.bench.sites=N -Dpatchbay.bench.kitMb=M}
 * (it writes sites x kit bytes under target/tmp, deleted at the end).
 */
@Tag("benchmark")
class FanoutBenchmark {
    private static final int SITES = Integer.getInteger("patchbay.bench.sites", 200);
    private static final int KIT_BYTES = Integer.getInteger("patchbay.bench.kitMb", 50) * 1000 * 1000;
    private static final int PARALLEL = 8;

    @TempDir
    Path dir;

    private static byte[] randomBytes() {
        byte[] kit = new byte[KIT_BYTES];
        new Random(5).nextBytes(kit);
        return kit;
    }

    @Test
    void fiftyMegabytesToTwoHundredSitesAtParallelEight() throws Exception {
        try (OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd"));
             SftpPusher sftp = new SftpPusher();
             Workspace ws = Workspace.open(dir.resolve("ws"))) {
            Release release = DeliveryWorkerTest.addRelease(ws, randomBytes()); // not held: peak heap is the worker's
            List<String> names = new ArrayList<>();
            for (String name : List.of("warm-up", "alone")) {
                addSite(ws, sshd, name);
            }
            for (int i = 0; i < SITES; i++) {
                String name = String.format(Locale.ROOT, "site-%03d", i);
                addSite(ws, sshd, name);
                names.add(name);
            }
            WorkerSettings settings = WorkerSettings.defaults("bench").withParallel(PARALLEL);
            Map<TransportKind, Pusher> pushers = Map.of(TransportKind.SFTP, new SftpSitePusher(sftp, SftpTimeouts.DEFAULTS));

            ws.deliveries().enqueue(release.id(), "warm-up", "bench");
            runUntilDone(ws, pushers, settings);
            ws.deliveries().enqueue(release.id(), "alone", "bench");
            double aloneSeconds = runUntilDone(ws, pushers, settings);
            double single = KIT_BYTES / aloneSeconds; // bytes per second, one stream, same worker

            ws.rollouts().start(release.id(), names, List.of(), null, "bench");
            String loadBefore = LoadAverage.now();
            System.gc();
            HeapWatch heap = HeapWatch.start();
            double seconds = runUntilDone(ws, pushers, settings);
            heap.close();

            assertEquals(SITES + 2, ws.deliveries().list().stream().filter(d -> d.state() == DeliveryState.DELIVERED).count());
            for (String name : names) {
                assertEquals(KIT_BYTES, Files.size(dir.resolve("sites").resolve(name).resolve("inbox/" + release.kitFile())));
            }
            double total = (double) KIT_BYTES * SITES;
            System.out.printf(Locale.ROOT, "fanout: %d sites x %.0f MB at parallel %d: %.1f s, %.1f MB/s aggregate; "
                            + "single stream %.1f MB/s (%.1f s); ratio %.2f (target <= 1.2); %s; %d cores, load average %s "
                            + "before, %s after%n",
                    SITES, KIT_BYTES / 1e6, PARALLEL, seconds, total / 1e6 / seconds, single / 1e6, aloneSeconds,
                    seconds / (total / single), heap.summary(), Runtime.getRuntime().availableProcessors(),
                    loadBefore, LoadAverage.now());
            // Gigabytes of site folders: free the disk now rather than at the end of the JVM.
            try (Stream<Path> files = Files.walk(dir.resolve("sites"))) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void addSite(Workspace ws, OpenSshServer sshd, String name) throws IOException {
        ws.sites().add(SiteSpec.sftp(name, sshd.url(dir.resolve("sites").resolve(name)), sshd.userKey(),
                sshd.knownHosts()), "bench");
    }

    /** Runs a fresh worker until nothing is outstanding; returns the seconds it took. */
    private static double runUntilDone(Workspace ws, Map<TransportKind, Pusher> pushers, WorkerSettings settings) {
        long start = System.nanoTime();
        try (DeliveryWorker worker = new DeliveryWorker(ws, pushers, settings, null)) {
            assertTrue(worker.run(true));
        }
        return (System.nanoTime() - start) / 1e9;
    }
}

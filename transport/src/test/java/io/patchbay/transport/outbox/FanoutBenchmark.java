package io.patchbay.transport.outbox;

import io.patchbay.model.workspace.DeliveryState;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.TransportKind;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.fixtures.OpenSshServer;
import io.patchbay.transport.sftp.SftpPusher;
import io.patchbay.transport.sftp.SftpTimeouts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
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
 * Issue 3's fan-out figure: one 50 MB kit to 200 sites (200 site folders on one real OpenSSH sshd on
 * loopback) by the outbox worker at parallel 8, through the workspace as {@code patchbay deliver} does
 * it (claims, leases renewed every second, harvest of each site's status on its own thread). Prints the
 * total time, the aggregate MB/s and the peak heap (sum of the heap pools' peak usage, reset before the
 * run). Asserts only that every site got its kit. Run: {@code .ci/bench fanout}.
 */
@Tag("benchmark")
class FanoutBenchmark {
    private static final int SITES = 200;
    private static final int KIT_BYTES = 50 * 1000 * 1000;
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
            for (int i = 0; i < SITES; i++) {
                String name = String.format(Locale.ROOT, "site-%03d", i);
                ws.sites().add(SiteSpec.sftp(name, sshd.url(dir.resolve("sites").resolve(name)), sshd.userKey(),
                        sshd.knownHosts()), "bench");
                names.add(name);
            }
            ws.rollouts().start(release.id(), names, List.of(), null, "bench");

            WorkerSettings settings = WorkerSettings.defaults("bench").withParallel(PARALLEL);
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            System.gc();
            long start = System.nanoTime();
            try (DeliveryWorker worker = new DeliveryWorker(ws,
                    Map.of(TransportKind.SFTP, new SftpSitePusher(sftp, SftpTimeouts.DEFAULTS)), settings, null)) {
                assertTrue(worker.run(true));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();

            assertEquals(SITES, ws.deliveries().list().stream().filter(d -> d.state() == DeliveryState.DELIVERED).count());
            for (String name : names) {
                assertEquals(KIT_BYTES, Files.size(dir.resolve("sites").resolve(name).resolve("inbox/" + release.kitFile())));
            }
            double mb = (double) KIT_BYTES * SITES / 1e6;
            System.out.printf(Locale.ROOT, "fanout: %d sites x %.0f MB at parallel %d: %.1f s, %.1f MB/s aggregate, "
                            + "peak heap %.0f MiB (max heap %.0f MiB), %d cores%n", SITES, KIT_BYTES / 1e6, PARALLEL,
                    seconds, mb / seconds, peakHeap / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0,
                    Runtime.getRuntime().availableProcessors());
            // 10 GB of site folders: free the disk now rather than at the end of the JVM.
            try (Stream<Path> files = Files.walk(dir.resolve("sites"))) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

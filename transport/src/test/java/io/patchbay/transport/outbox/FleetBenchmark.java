package io.patchbay.transport.outbox;

import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.workspace.DeliveryState;
import io.patchbay.model.workspace.MatrixCell;
import io.patchbay.model.workspace.PostgresCluster;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.TeamDatabase;
import io.patchbay.model.workspace.TransportKind;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.model.workspace.WorkspaceLocation;
import io.patchbay.transport.fixtures.HeapWatch;
import io.patchbay.transport.fixtures.LoadAverage;
import io.patchbay.transport.sftp.ClientKeyFiles;
import io.patchbay.transport.sftp.HostKeys;
import io.patchbay.transport.sftp.LocalSftpServer;
import io.patchbay.transport.sftp.SftpEndpoint;
import io.patchbay.transport.sftp.SftpPusher;
import io.patchbay.transport.sftp.SftpTimeouts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10's fleet figure ({@code .ci/bench fleet}): a 5 MB kit rolled out to 2,000 simulated sites by three outbox
 * workers on one PostgreSQL database (this JVM's private cluster), each worker with its own workspace handle and
 * connection pool as a separate machine would have. The sites are 2,000 chrooted users of one in-process SFTP server
 * ({@link LocalSftpServer}, what the demo runs); each site's simulated agent, on seeing its kit in the inbox, takes it
 * away and writes an "installed" patch report, which the workers' harvests read back. Prints the time until every
 * delivery is delivered and until every site reads installed in the matrix, deliveries per second, the most database
 * connections open at once (sampled from {@code pg_stat_activity}) and the peak heap of this JVM, which holds the
 * three workers and also the SFTP server and the agents. Sized down with {@code -Dpatchbay.bench.sites=N
 * -Dpatchbay.bench.kitMb=M}.
 */
@Tag("benchmark")
class FleetBenchmark {
    private static final int SITES = Integer.getInteger("patchbay.bench.sites", 2000);
    private static final int KIT_BYTES = Integer.getInteger("patchbay.bench.kitMb", 5) * 1000 * 1000;
    private static final int WORKERS = 3;
    private static final int PARALLEL = 8;
    private static final Duration HARVEST_EVERY = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void fiveMegabytesToTwoThousandSitesFromThreeWorkersOnPostgres() throws Exception {
        TeamDatabase db = PostgresCluster.get().newDatabase();
        Map<String, Path> roots = new LinkedHashMap<>();
        for (int i = 0; i < SITES; i++) {
            String name = String.format(Locale.ROOT, "site-%04d", i);
            roots.put(name, Files.createDirectories(dir.resolve("sites").resolve(name)));
        }
        Path clientKey = dir.resolve("ssh/id_ed25519");
        Files.createDirectories(clientKey.getParent());
        ClientKeyFiles.generate(clientKey, "fleet-bench");
        byte[] kit = new byte[KIT_BYTES];
        new Random(5).nextBytes(kit);

        List<Workspace> handles = new ArrayList<>();
        List<DeliveryWorker> workers = new ArrayList<>();
        try (LocalSftpServer server = LocalSftpServer.start(new LocalSftpServer.Config(dir.resolve("ssh/host_key"),
                ClientKeyFiles.publicFileOf(clientKey), roots, 0));
             SftpPusher sftp = new SftpPusher();
             Workspace station = Workspace.open(new WorkspaceLocation(dir.resolve("station"), db));
             PeakConnections connections = new PeakConnections(db)) {
            String anySite = url("site-0000", server.port());
            Path knownHosts = Files.writeString(dir.resolve("ssh/known_hosts"),
                    HostKeys.knownHostsLine(SftpEndpoint.parse(anySite), server.hostKey()) + "\n");
            for (String name : roots.keySet()) {
                station.sites().add(SiteSpec.sftp(name, url(name, server.port()), clientKey, knownHosts), "bench");
            }
            Release release = DeliveryWorkerTest.addRelease(station, kit);
            SimulatedAgents agents = new SimulatedAgents(roots, release);

            String loadBefore = LoadAverage.now();
            System.gc();
            HeapWatch heap = HeapWatch.start();
            long start = System.nanoTime();
            station.rollouts().start(release.id(), List.copyOf(roots.keySet()), List.of(), null, "bench");
            Map<TransportKind, Pusher> pushers = Map.of(TransportKind.SFTP, new SftpSitePusher(sftp, SftpTimeouts.DEFAULTS));
            for (int i = 1; i <= WORKERS; i++) {
                Workspace ws = Workspace.open(new WorkspaceLocation(dir.resolve("worker-" + i), db));
                handles.add(ws);
                DeliveryWorker worker = new DeliveryWorker(ws, pushers, WorkerSettings.defaults("bench-" + i)
                        .withParallel(PARALLEL).withHarvestEvery(HARVEST_EVERY), null);
                workers.add(worker);
                Thread t = new Thread(() -> worker.run(false), "fleet-worker-" + i);
                t.setDaemon(true);
                t.start();
            }

            double deliveredAt = -1;
            double installedAt = -1;
            long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
            for (int round = 0; installedAt < 0 && System.nanoTime() < deadline; round++) {
                agents.installArrivedKits();
                if (round % 5 == 0) { // the database once a second: the workers' figures, not this loop's, are measured
                    if (deliveredAt < 0 && station.deliveries().list().stream()
                            .filter(d -> d.state() == DeliveryState.DELIVERED).count() == SITES) {
                        deliveredAt = (System.nanoTime() - start) / 1e9;
                    }
                    if (deliveredAt >= 0 && installed(station) == SITES) {
                        installedAt = (System.nanoTime() - start) / 1e9;
                    }
                }
                Thread.sleep(200);
            }
            heap.close();
            workers.forEach(DeliveryWorker::stop);

            assertTrue(installedAt > 0, "every site installed within an hour: " + installed(station) + " of " + SITES);
            assertEquals(SITES, agents.installed());
            System.out.printf(Locale.ROOT, "fleet: %d sites x %.0f MB, %d workers x parallel %d on PostgreSQL: 100%% "
                            + "delivered in %.1f s (%.1f deliveries/s, %.1f MB/s), 100%% installed in %.1f s; at most %d "
                            + "database connections open; %s (this JVM: workers, SFTP server and agents); %d cores, load "
                            + "average %s before, %s after%n",
                    SITES, KIT_BYTES / 1e6, WORKERS, PARALLEL, deliveredAt, SITES / deliveredAt,
                    (double) KIT_BYTES * SITES / 1e6 / deliveredAt, installedAt, connections.peak(),
                    heap.summary(), Runtime.getRuntime().availableProcessors(), loadBefore, LoadAverage.now());
        } finally {
            workers.forEach(DeliveryWorker::close);
            handles.forEach(Workspace::close);
        }
    }

    private static long installed(Workspace ws) {
        return ws.matrix().cells().stream().filter(c -> "installed".equals(c.word())).map(MatrixCell::siteId).count();
    }

    private static String url(String site, int port) {
        return "sftp://" + site + "@" + LocalSftpServer.HOST + ":" + port + "/";
    }

    /**
     * The sites' agents, reduced to what the outbox sees of them: a kit that landed in a site's inbox is taken away
     * (so 2,000 copies never sit on disk at once) and answered with an "installed" report in the site's status folder.
     */
    private static final class SimulatedAgents {
        private final Map<String, Path> roots;
        private final Release release;
        private final AtomicInteger installed = new AtomicInteger();
        private final Map<String, Boolean> done = new LinkedHashMap<>();

        SimulatedAgents(Map<String, Path> roots, Release release) {
            this.roots = roots;
            this.release = release;
        }

        void installArrivedKits() throws IOException {
            for (Map.Entry<String, Path> site : roots.entrySet()) {
                if (done.containsKey(site.getKey())) {
                    continue;
                }
                Path kit = site.getValue().resolve("inbox").resolve(release.kitFile());
                if (Files.isRegularFile(kit)) {
                    Files.delete(kit);
                    Instant now = Instant.now();
                    StatusReports.write(Files.createDirectories(site.getValue().resolve("status")), new PatchReport(
                            StatusReports.SCHEMA, release.kitFile(), release.kitSha256(), release.product(),
                            release.version().toString(), PatchState.INSTALLED, null, now, now, null, null, null));
                    done.put(site.getKey(), true);
                    installed.incrementAndGet();
                }
            }
        }

        int installed() {
            return installed.get();
        }
    }

    /** The most connections to the benchmark's database open at once, sampled every 100 ms on a connection of its own. */
    private static final class PeakConnections implements AutoCloseable {
        private final Connection connection;
        private final Thread sampler;
        private volatile int peak;
        private volatile boolean closed;

        PeakConnections(TeamDatabase db) throws Exception {
            String password = Files.readString(db.passwordFile(), StandardCharsets.UTF_8).strip();
            this.connection = DriverManager.getConnection(db.url(), null, password);
            this.sampler = new Thread(this::sample, "fleet-connections");
            sampler.setDaemon(true);
            sampler.start();
        }

        private void sample() {
            try (Statement s = connection.createStatement()) {
                while (!closed) {
                    try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity "
                            + "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
                        r.next();
                        peak = Math.max(peak, r.getInt(1));
                    }
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                if (!closed) {
                    System.err.println("cannot sample the database's connections: " + e.getMessage());
                }
            }
        }

        int peak() {
            return peak;
        }

        @Override
        public void close() throws Exception {
            closed = true;
            sampler.join(5000);
            connection.close();
        }
    }
}

package io.patchbay.model.workspace;

import io.patchbay.model.report.CheckOutcome;
import io.patchbay.model.report.CheckRow;
import io.patchbay.model.report.InstallationReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.release.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several workstations and workers on one workspace at once, each with its own {@link Workspace} (its own pool
 * and connections, as separate processes would have), started together on a barrier so they really race.
 */
@OnEachDatabase
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TeamConcurrencyTest {
    private static final int WORKERS = 4;
    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    @Test
    void workstationsAddingReleasesOfOneNewProductAtOnceAllSucceed() throws Exception {
        List<Workspace> stations = open(WORKERS);
        try {
            for (String product : List.of("Fir", "Larch", "Yew")) {
                CyclicBarrier start = new CyclicBarrier(WORKERS);
                List<Callable<Release>> adds = new ArrayList<>();
                for (int i = 0; i < WORKERS; i++) {
                    Workspace ws = stations.get(i);
                    String version = "1." + i;
                    adds.add(() -> {
                        start.await();
                        return ws.releases().add(Fixtures.release(product, version, Channel.STABLE), "station-" + version);
                    });
                }
                List<Release> added = all(adds);
                assertEquals(WORKERS, added.stream().map(Release::id).distinct().count());
                Workspace ws = stations.get(0);
                assertEquals(WORKERS, ws.releases().list().stream().filter(r -> r.product().equals(product)).count());
                assertEquals(1, ws.events().find(EventQuery.all().kind(EventKind.PRODUCT_ADDED).subject(product)).size(),
                        "one product, added once");
            }
            assertEquals(3, stations.get(0).products().list().size());
        } finally {
            stations.forEach(Workspace::close);
        }
    }

    @Test
    void workersHarvestingOneSiteAtOnceAllRecordItsReportOnce() throws Exception {
        List<Workspace> workers = open(WORKERS);
        try {
            Workspace first = workers.get(0);
            Release release = Fixtures.addRelease(first, "12.10.11");
            for (int round = 0; round < 3; round++) {
                String site = "site-" + round;
                Fixtures.addSite(first, site);
                PatchReport report = new PatchReport(StatusReports.SCHEMA, release.kitFile(), release.kitSha256(),
                        "Spruce", "12.10.11", PatchState.INSTALLED, null, T, T.plusSeconds(60), null,
                        List.of(new CheckRow("install-window", CheckOutcome.PASS, "inside 22:00-07:00", T)),
                        List.of(new InstallationReport(1, "automatic", T, T.plusSeconds(40), PatchState.INSTALLED,
                                "commit", null)));
                CyclicBarrier start = new CyclicBarrier(WORKERS);
                List<Callable<Boolean>> records = new ArrayList<>();
                for (int i = 0; i < WORKERS; i++) {
                    Workspace ws = workers.get(i);
                    String worker = "worker-" + i;
                    records.add(() -> {
                        start.await();
                        return ws.reports().record(site, report, worker);
                    });
                }
                assertEquals(List.of(true, true, true, true), all(records));
                assertEquals(PatchState.INSTALLED, first.reports().patch(site, release.id()).orElseThrow().state());
                assertEquals(1, first.reports().installations(site, release.id()).size());
                assertEquals(1, first.reports().checks(site, release.id()).size());
                assertEquals(1, first.events().find(EventQuery.all().kind(EventKind.PATCH_REPORTED)
                        .subject("-> " + site)).size(), "the same change is one event, however many read it");
            }
        } finally {
            workers.forEach(Workspace::close);
        }
    }

    @Test
    void workersTakingSitesToReadTakeEachSiteOncePerInterval() throws Exception {
        MutableClock clock = new MutableClock(T);
        Duration every = Duration.ofMinutes(1);
        List<Workspace> workers = open(WORKERS, clock);
        try {
            int sites = 30;
            for (int i = 0; i < sites; i++) {
                Fixtures.addSite(workers.get(0), "site-" + i);
            }
            for (int pass = 0; pass < 2; pass++) {
                CyclicBarrier start = new CyclicBarrier(WORKERS);
                List<Callable<List<Long>>> passes = new ArrayList<>();
                for (Workspace ws : workers) {
                    passes.add(() -> {
                        start.await();
                        List<Long> read = new ArrayList<>();
                        // A worker takes a few at a time until nothing is due, as DeliveryWorker does.
                        for (List<Site> got; !(got = ws.sites().claimHarvests(2, every, Set.of())).isEmpty(); ) {
                            got.forEach(site -> read.add(site.id()));
                        }
                        return read;
                    });
                }
                List<Long> read = all(passes).stream().flatMap(List::stream).toList();
                assertEquals(sites, read.size(), "pass " + pass + ": every site read once, not once per worker");
                assertEquals(sites, Set.copyOf(read).size());
                assertEquals(List.of(), workers.get(0).sites().claimHarvests(10, every, Set.of()), "nothing due");
                clock.advance(every);
            }
        } finally {
            workers.forEach(Workspace::close);
        }
    }

    @Test
    void sitesWaitingLongestAreReadFirstWhenAPassCannotReadThemAll() {
        MutableClock clock = new MutableClock(T);
        try (Workspace ws = Workspace.open(backend.location(dir), clock)) {
            for (int i = 0; i < 6; i++) {
                Fixtures.addSite(ws, "site-" + i);
            }
            Duration every = Duration.ofMinutes(1);
            assertEquals(List.of("site-0", "site-1"), names(ws.sites().claimHarvests(2, every, Set.of())));
            clock.advance(every); // site-0 and site-1 are due again; the others were never read
            assertEquals(List.of("site-2", "site-3"), names(ws.sites().claimHarvests(2, every, Set.of())));
            clock.advance(every.dividedBy(2));
            assertEquals(List.of("site-4", "site-5"), names(ws.sites().claimHarvests(2, every, Set.of())));
            clock.advance(every.dividedBy(2));
            assertEquals(List.of("site-0", "site-1"), names(ws.sites().claimHarvests(2, every, Set.of())),
                    "due longest ago");
        }
    }

    private static List<String> names(List<Site> sites) {
        return sites.stream().map(Site::name).toList();
    }

    @Test
    void aSiteReceivingAKitIsLeftForTheNextPass() {
        try (Workspace ws = Workspace.open(backend.location(dir), new MutableClock(T))) {
            long busy = Fixtures.addSite(ws, "busy").id();
            Fixtures.addSite(ws, "idle");
            Duration every = Duration.ofMinutes(1);
            assertEquals(List.of("idle"), ws.sites().claimHarvests(10, every, Set.of(busy)).stream()
                    .map(Site::name).toList());
            assertEquals(List.of("busy"), ws.sites().claimHarvests(10, every, Set.of()).stream()
                    .map(Site::name).toList());
        }
    }

    private List<Workspace> open(int count) {
        return open(count, null);
    }

    /** {@code count} workspaces on one database, as separate processes would have; null clock: the database's. */
    private List<Workspace> open(int count, MutableClock clock) {
        WorkspaceLocation location = backend.location(dir);
        List<Workspace> opened = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            opened.add(clock == null ? Workspace.open(location) : Workspace.open(location, clock));
        }
        return opened;
    }

    /** Runs every call at once and returns their results; the first failure fails the test. */
    private static <T> List<T> all(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(calls, 3, TimeUnit.MINUTES)) {
                assertTrue(f.isDone() && !f.isCancelled(), "a call did not finish in time");
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

package io.patchbay.e2e;

import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.ManifestCodec;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.DeliveryKind;
import io.patchbay.model.workspace.DeliveryState;
import io.patchbay.model.workspace.Event;
import io.patchbay.model.workspace.EventKind;
import io.patchbay.model.workspace.EventQuery;
import io.patchbay.model.workspace.PostgresCluster;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.TeamDatabase;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.model.workspace.WorkspaceLocation;
import io.patchbay.transport.fixtures.OpenSshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 10's team, every part a real process: two workstations ({@code release add} and {@code rollout start} from
 * two launcher processes with folders of their own) and three {@code patchbay deliver} workers (each with its own
 * folder, as on its own machine) share one PostgreSQL database (this JVM's private cluster) and deliver 300 kits
 * to 75 SFTP sites on a real OpenSSH sshd. One worker is killed with SIGKILL while it holds a delivery; its lease
 * lapses and another worker finishes it. Every kit arrives once, byte-identical; no row is doubled; every event is
 * recorded once.
 *
 * <p>About two minutes on a 2-core machine shared with other builds, once the test sshd served SFTP in-process
 * (see {@code OpenSshServer}); before, each session's login shell made it take ten.
 */
class TeamOnPostgresTest {
    private static final int SITES = 75;
    private static final List<String> VERSIONS_A = List.of("12.10.11", "12.10.12");
    private static final List<String> VERSIONS_B = List.of("12.10.13", "12.10.14");
    // Small kits: what this test is about is who sends what, and a push's cost is mostly its SSH session.
    private static final int KIT_BYTES = 256 * 1024;
    // About two minutes on a quiet 2-core machine (printed); generous so a machine shared with other builds passes.
    private static final Duration DEADLINE = Duration.ofMinutes(10);
    /** A one-off command's JVM on a machine loaded far beyond its cores can take minutes just to start. */
    private static final Duration COMMAND_DEADLINE = Duration.ofMinutes(5);

    @TempDir
    Path dir;
    private OpenSshServer sshd;
    private final List<Launcher.Running> processes = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Launcher.Running p : processes) {
            if (p.process.isAlive()) {
                p.process.destroyForcibly().waitFor();
            }
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void twoWorkstationsAndThreeWorkersOneKilledDeliverEveryKitExactlyOnce() throws Exception {
        sshd = OpenSshServer.start(dir.resolve("sshd"));
        TeamDatabase db = PostgresCluster.get().newDatabase();
        Map<String, String> team = Map.of("PATCHBAY_DATABASE_URL", db.url(),
                "PATCHBAY_DATABASE_PASSWORD_FILE", db.passwordFile().toString());
        Launcher pb = new Launcher(dir.resolve("logs"), team);
        long began = System.nanoTime();

        // The sites, added once by whoever set the team up (here: this JVM, on the same database).
        List<String> sites = new ArrayList<>();
        try (Workspace setup = Workspace.open(new WorkspaceLocation(dir.resolve("setup"), db))) {
            for (int i = 1; i <= SITES; i++) {
                String name = String.format(Locale.ROOT, "site-%02d", i);
                setup.sites().add(SiteSpec.sftp(name, sshd.url(dir.resolve("sites/" + name)), sshd.userKey(),
                        sshd.knownHosts()), "setup");
                sites.add(name);
            }
        }
        KeyPair key = SigningKeys.init(dir.resolve("keys"));
        Map<String, Path> kits = new java.util.TreeMap<>();
        for (String v : Stream.concat(VERSIONS_A.stream(), VERSIONS_B.stream()).toList()) {
            kits.put(v, buildKit(v, key));
        }

        // Three workers, each in its own folder: a worker needs only the database and its own site credentials.
        List<Launcher.Running> workers = new ArrayList<>();
        List<String> workerIds = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Launcher.Running w = pb.start("deliver", "--workspace", dir.resolve("worker-" + i).toString(),
                    "--parallel", "8", "--lease", "5", "--retry-min", "1", "--retry-max", "5", "--harvest-every", "0");
            processes.add(w);
            workers.add(w);
        }
        for (Launcher.Running w : workers) {
            String line = w.awaitLine(l -> l.startsWith("worker "), Duration.ofSeconds(90), "naming the worker");
            workerIds.add(line.substring("worker ".length(), line.indexOf(' ', "worker ".length())));
        }

        // Two workstations add their releases (the first of one new product: both at once) and roll them out.
        Path signer = dir.resolve("keys").resolve(SigningKeys.PUBLIC_FILE);
        CompletableFuture<Void> stationA = CompletableFuture.runAsync(() -> station(pb, "station-a", VERSIONS_A, kits, signer));
        CompletableFuture<Void> stationB = CompletableFuture.runAsync(() -> station(pb, "station-b", VERSIONS_B, kits, signer));

        try (Workspace watch = Workspace.open(new WorkspaceLocation(dir.resolve("watch"), db))) {
            // SIGKILL the first worker while it holds a delivery: it cannot say anything, its lease must lapse.
            Delivery held = awaitHeldBy(watch, workerIds.get(0));
            workers.get(0).process.destroyForcibly();
            assertTrue(workers.get(0).process.waitFor(30, TimeUnit.SECONDS), "the killed worker is gone");
            assertEquals(137, workers.get(0).process.exitValue(), "killed by SIGKILL");

            stationA.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            stationB.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            List<Delivery> all = awaitAllDelivered(watch, VERSIONS_A.size() * 2 * SITES, workers);
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf(Locale.ROOT, "team: %d deliveries to %d sites by 3 workers (one killed) from 2 "
                    + "workstations in %.1f s%n", all.size(), SITES, seconds);

            for (Launcher.Running w : workers.subList(1, 3)) {
                w.process.destroy(); // SIGTERM: a clean stop
                assertTrue(w.process.waitFor(60, TimeUnit.SECONDS), "worker stops on SIGTERM: " + w.out());
                assertEquals(0, w.process.exitValue(), w.err());
            }

            // The rows: one delivery per release and site, each delivered, none twice.
            assertEquals(kits.size() * SITES, all.size());
            assertEquals(all.size(), all.stream().map(d -> d.releaseId() + "/" + d.siteId()).distinct().count(),
                    "no delivery row doubled");
            assertTrue(all.stream().allMatch(d -> d.state() == DeliveryState.DELIVERED), "every delivery delivered");

            // The events: each change recorded once.
            List<Event> delivered = watch.events().find(EventQuery.all().kind(EventKind.DELIVERY_DELIVERED).limit(10_000));
            assertEquals(all.size(), delivered.size(), "one delivered event per delivery");
            assertEquals(all.size(), delivered.stream().map(Event::subject).distinct().count());
            assertEquals(kits.size(), watch.events().find(EventQuery.all().kind(EventKind.RELEASE_ADDED)).size());
            assertEquals(kits.size(), watch.events().find(EventQuery.all().kind(EventKind.ROLLOUT_STARTED)).size());
            assertEquals(1, watch.events().find(EventQuery.all().kind(EventKind.PRODUCT_ADDED)).size(),
                    "both workstations added the first Spruce at once: one product");
            Event heldDone = delivered.stream().filter(e -> e.subject().equals(held.subject())).findFirst().orElseThrow();
            assertNotEquals(workerIds.get(0), heldDone.actor(), "the killed worker's delivery was finished by another");
            assertTrue(workerIds.subList(1, 3).contains(heldDone.actor()), heldDone.actor());

            // The sites: every kit once, byte-identical, nothing half-written left behind.
            for (String site : sites) {
                Path inbox = dir.resolve("sites/" + site + "/inbox");
                Set<String> names;
                try (Stream<Path> files = Files.list(inbox)) {
                    names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                            .collect(Collectors.toCollection(java.util.TreeSet::new));
                }
                Set<String> expected = new HashSet<>();
                kits.values().forEach(k -> expected.add(k.getFileName().toString()));
                assertEquals(new java.util.TreeSet<>(expected), names, site);
                for (Path kit : kits.values()) {
                    assertArrayEquals(Files.readAllBytes(kit), Files.readAllBytes(inbox.resolve(kit.getFileName())),
                            site + " " + kit.getFileName());
                }
                Path partial = inbox.resolve(".partial");
                if (Files.isDirectory(partial)) {
                    try (Stream<Path> left = Files.list(partial)) {
                        assertEquals(List.of(), left.toList(), site + ": no partial upload left");
                    }
                }
            }
        }
    }

    /** One workstation's work: each release added from its kit, then rolled out to every site. */
    private void station(Launcher pb, String name, List<String> versions, Map<String, Path> kits, Path signer) {
        String folder = dir.resolve(name).toString();
        try {
            for (String v : versions) {
                pb.start("release", "add", kits.get(v).toString(), "--trust", signer.toString(), "--workspace", folder)
                        .await(COMMAND_DEADLINE).ok();
                pb.start("rollout", "start", v, "--all", "--workspace", folder).await(COMMAND_DEADLINE).ok();
            }
        } catch (Exception e) {
            throw new IllegalStateException(name + " failed: " + e.getMessage(), e);
        }
    }

    private Path buildKit(String version, KeyPair key) throws Exception {
        Path src = Files.createDirectories(dir.resolve("build/" + version + "/bin"));
        byte[] payload = new byte[KIT_BYTES];
        new Random(version.hashCode()).nextBytes(payload);
        Files.write(src.resolve("spruce.bin"), payload);
        var manifest = ManifestCodec.read("""
                [release]
                product = Spruce
                version = %s
                requires = 12.10.0
                channel = stable
                automatic = true
                major = false
                released = 2026-11-20T09:00:00Z
                """.formatted(version));
        Path kit = dir.resolve("Spruce-" + version + ".kit");
        new KitBuilder().build(new KitInputs(src.getParent(), manifest, null, null, null, key.getPrivate(), kit));
        return kit;
    }

    /** Waits until {@code worker} holds a delivery it is sending; returns it. */
    private static Delivery awaitHeldBy(Workspace ws, String worker) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            Optional<Delivery> held = ws.deliveries().list().stream()
                    .filter(d -> d.state() == DeliveryState.SENDING && worker.equals(d.leaseOwner())).findFirst();
            if (held.isPresent()) {
                return held.get();
            }
            Thread.sleep(10);
        }
        return fail("worker " + worker + " never held a delivery");
    }

    private static List<Delivery> awaitAllDelivered(Workspace ws, int count, List<Launcher.Running> workers)
            throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        List<Delivery> kits = List.of();
        while (System.nanoTime() < end) {
            kits = ws.deliveries().list().stream().filter(d -> d.kind() == DeliveryKind.KIT).toList();
            if (kits.size() >= count && kits.stream().allMatch(d -> d.state() == DeliveryState.DELIVERED)) {
                return kits;
            }
            Thread.sleep(200);
        }
        long done = kits.stream().filter(d -> d.state() == DeliveryState.DELIVERED).count();
        StringBuilder logs = new StringBuilder();
        for (Launcher.Running w : workers) {
            logs.append("\n--- worker\n").append(w.out()).append(w.err());
        }
        return fail(done + " of " + count + " delivered within " + DEADLINE + "; not yet: "
                + kits.stream().filter(d -> d.state() != DeliveryState.DELIVERED).limit(5).map(d -> d.subject() + " "
                + d.state() + " " + d.lastError()).toList() + logs);
    }
}

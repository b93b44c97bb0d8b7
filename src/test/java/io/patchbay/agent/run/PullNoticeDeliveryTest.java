package io.patchbay.agent.run;

import io.patchbay.agent.receive.InboxWatcher;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.delivery.RetryBackoff;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.policy.InstallMode;
import io.patchbay.model.policy.InstallWindow;
import io.patchbay.model.pull.PullNotices;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.DeliveryKind;
import io.patchbay.model.workspace.DeliveryState;
import io.patchbay.model.workspace.KitImport;
import io.patchbay.model.workspace.MatrixCell;
import io.patchbay.model.workspace.MutableClock;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.TransportKind;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.fixtures.SshdPerClass;
import io.patchbay.agent.http.TestAgent;
import io.patchbay.transport.https.TestCertificates;
import io.patchbay.transport.https.TusOptions;
import io.patchbay.transport.outbox.DeliveryWorker;
import io.patchbay.transport.outbox.SftpSitePusher;
import io.patchbay.transport.outbox.TusSitePusher;
import io.patchbay.transport.outbox.WorkerSettings;
import io.patchbay.transport.sftp.SftpTimeouts;
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
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pull from the workstation's outbox to real sites and back: the notice travels through the worker like a kit
 * (SFTP into a real OpenSSH sshd, HTTPS into the agent's tus endpoint), each site's agent does what it means, and
 * the harvested reports show it in the matrix.
 */
class PullNoticeDeliveryTest {
    private static final Instant MONDAY_9_UTC = Instant.parse("2026-11-23T09:00:00Z");
    private static final String NOTICE = "Spruce-12.10.11.pull";

    @RegisterExtension
    static final SshdPerClass SSHD = new SshdPerClass();

    @TempDir
    Path dir;

    @Test
    void overSftpEverySiteThatHasTheReleaseIsToldAndTheMatrixShowsWhatEachDid() throws Exception {
        AgentSite waiting = new AgentSite(dir.resolve("waiting"), null);
        AgentSite installed = new AgentSite(dir.resolve("installed"), null);
        SigningKeys.writePublic(installed.home.trust().resolve("vendor.pub"), waiting.key.getPublic());
        for (AgentSite s : List.of(waiting, installed)) {
            s.policy(p -> p.withMode(InstallMode.MANUAL).withWindow(InstallWindow.ANY));
        }
        MutableClock clock = new MutableClock(MONDAY_9_UTC.plusSeconds(3600));
        Agent waitingAgent = waiting.agent(clock);
        Agent installedAgent = installed.agent(clock);

        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            Release release = KitImport.add(ws, waiting.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null),
                    List.of(waiting.key.getPublic()), "alice").release();
            addSftp(ws, "waiting", waiting.home.dir());
            addSftp(ws, "installed", installed.home.dir());
            addSftp(ws, "closed", dir.resolve("closed"));
            Files.delete(dir.resolve("closed")); // the site's folder is gone: its kit never arrives
            ws.rollouts().start(release.id(), List.of("waiting", "installed", "closed"), List.of(), null, "alice");

            try (DeliveryWorker worker = worker(ws, Map.of(TransportKind.SFTP, new SftpSitePusher(SSHD.pusher(), SftpTimeouts.DEFAULTS)))) {
                CompletableFuture<Boolean> run = CompletableFuture.supplyAsync(() -> worker.run(false));
                await(() -> kit(ws, release, "waiting").state() == DeliveryState.DELIVERED
                        && kit(ws, release, "installed").state() == DeliveryState.DELIVERED
                        && kit(ws, release, "closed").state() == DeliveryState.RETRYING, "two kits delivered, one retrying");
                worker.stop();
                assertFalse(run.get());
            }
            InboxWatcher.scan(waiting.inbox).forEach(waitingAgent::receive);
            waitingAgent.tick();
            InboxWatcher.scan(installed.inbox).forEach(installedAgent::receive);
            assertEquals(PatchState.INSTALLED, installedAgent.installNow("12.10.11", null).state());

            Release pulled = ws.releases().pull(release.id(), "export job fails on large archives", "alice",
                    waiting.key.getPrivate());
            assertTrue(pulled.pullNoticeSigned());
            assertEquals(List.of("installed", "waiting"),
                    ws.deliveries().notices(release.id()).stream().map(Delivery::siteName).toList());

            try (DeliveryWorker worker = worker(ws, Map.of(TransportKind.SFTP, new SftpSitePusher(SSHD.pusher(), SftpTimeouts.DEFAULTS)))) {
                assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> worker.run(true)),
                        "the notices go out; the pulled kit does not");
                for (AgentSite s : List.of(waiting, installed)) {
                    Path notice = s.inbox.resolve(NOTICE);
                    assertTrue(Files.isRegularFile(notice), "the notice is in " + s.inbox);
                    PullNotices.verify(Files.readAllBytes(notice), NOTICE, List.of(waiting.key.getPublic()));
                    assertFalse(Files.exists(s.inbox.resolve(".partial/" + NOTICE + ".part")));
                }
                assertEquals(DeliveryState.CANCELLED, kit(ws, release, "closed").state());

                InboxWatcher.scan(waiting.inbox).forEach(waitingAgent::receive);
                InboxWatcher.scan(installed.inbox).forEach(installedAgent::receive);
                assertEquals(PatchState.PULLED, waitingAgent.registry().patches().get(0).state());
                assertThrows(PatchbayException.class, () -> waitingAgent.installNow("12.10.11", null));
                assertEquals(PatchState.INSTALLED, installedAgent.registry().patches().get(0).state());
                assertEquals("app 12.10.11", installed.installed("bin/app.jar"), "told, not changed");
                assertEquals("app 12.10.10", waiting.installed("bin/app.jar"));

                worker.harvestAll();
            }
            Map<String, MatrixCell> cells = ws.matrix().cells().stream()
                    .collect(Collectors.toMap(MatrixCell::siteName, c -> c));
            assertEquals("pulled", cells.get("waiting").word());
            assertEquals("pulled: export job fails on large archives; the site's agent will not install it",
                    cells.get("waiting").reason());
            assertEquals("installed", cells.get("installed").word());
            assertEquals("pulled: export job fails on large archives; installed before the pull: the site was told "
                    + "and keeps it", cells.get("installed").reason());
            assertEquals("pulled", cells.get("closed").word());
            assertEquals("pulled: export job fails on large archives", cells.get("closed").reason());
        }
    }

    @Test
    void overHttpsTheNoticeTakesTheKitsUploadPathIntoTheAgentsInbox() throws Exception {
        AgentSite site = new AgentSite(dir.resolve("site"), null);
        site.policy(p -> p.withMode(InstallMode.MANUAL));
        Agent agent = site.agent(new MutableClock(MONDAY_9_UTC.plusSeconds(3600)));
        // The agent's own HTTPS endpoint over its home: uploads land in its inbox, reports are served from status/.
        try (TestAgent endpoint = new TestAgent(site.home.dir());
             Workspace ws = Workspace.open(dir.resolve("ws"))) {
            assertEquals(site.inbox, endpoint.inbox());
            Release release = KitImport.add(ws, site.kit(AgentSite.manifest("12.10.11", true, MONDAY_9_UTC), null),
                    List.of(site.key.getPublic()), "alice").release();
            Path token = Files.writeString(dir.resolve("token"), TestAgent.TOKEN + "\n");
            ws.sites().add(SiteSpec.https("delta", endpoint.endpoint().toString(), token,
                    TestCertificates.shared().caPem()), "alice");
            ws.rollouts().start(release.id(), List.of("delta"), List.of(), null, "alice");
            var https = Map.of(TransportKind.HTTPS, (io.patchbay.transport.outbox.Pusher) new TusSitePusher(TusOptions.defaults()));
            try (DeliveryWorker worker = worker(ws, https)) {
                assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> worker.run(true)));
            }
            endpoint.received().forEach(agent::receive);
            agent.tick();
            assertEquals(PatchState.WAITING, agent.registry().patches().get(0).state());

            ws.releases().pull(release.id(), "export job fails", "alice", site.key.getPrivate());
            try (DeliveryWorker worker = worker(ws, https)) {
                assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> worker.run(true)));
                assertEquals(List.of(release.kitFile(), NOTICE),
                        endpoint.received().stream().map(p -> p.getFileName().toString()).toList());
                agent.receive(endpoint.received().get(1));
                assertEquals(PatchState.PULLED, agent.registry().patches().get(0).state());
                worker.harvestAll();
            }
            Delivery notice = ws.deliveries().findNotice(release.id(), "delta").orElseThrow();
            assertEquals(DeliveryKind.PULL, notice.kind());
            assertEquals(DeliveryState.DELIVERED, notice.state());
            MatrixCell cell = ws.matrix().cells().get(0);
            assertEquals("pulled", cell.word());
            assertEquals(PatchState.PULLED, cell.patch());
            assertTrue(cell.pullNoticedAt() != null, "the site reported when it was told");
        }
    }

    private static DeliveryWorker worker(Workspace ws, Map<TransportKind, io.patchbay.transport.outbox.Pusher> pushers) {
        WorkerSettings settings = WorkerSettings.defaults("test-worker").withParallel(3)
                .withLease(Duration.ofSeconds(5)).withHarvestEvery(Duration.ZERO)
                .withBackoff(new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, new Random(1)));
        return new DeliveryWorker(ws, pushers, settings, null);
    }

    private static void addSftp(Workspace ws, String name, Path folder) throws IOException {
        ws.sites().add(SiteSpec.sftp(name, SSHD.server().url(folder), SSHD.server().userKey(), SSHD.server().knownHosts()), "alice");
    }

    private static Delivery kit(Workspace ws, Release release, String site) {
        return ws.deliveries().find(release.id(), site).orElseThrow();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }
}

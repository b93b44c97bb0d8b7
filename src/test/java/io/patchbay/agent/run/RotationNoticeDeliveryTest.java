package io.patchbay.agent.run;

import io.patchbay.agent.receive.InboxWatcher;
import io.patchbay.agent.receive.KitReceiver;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.delivery.RetryBackoff;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.policy.InstallMode;
import io.patchbay.model.trust.RotationStatement;
import io.patchbay.model.trust.RotationStatements;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.DeliveryKind;
import io.patchbay.model.workspace.DeliveryState;
import io.patchbay.model.workspace.Event;
import io.patchbay.model.workspace.EventQuery;
import io.patchbay.model.workspace.KitImport;
import io.patchbay.model.workspace.MutableClock;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.TransportKind;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.fixtures.SshdPerClass;
import io.patchbay.transport.outbox.DeliveryWorker;
import io.patchbay.transport.outbox.SftpSitePusher;
import io.patchbay.transport.outbox.WorkerSettings;
import io.patchbay.transport.sftp.SftpTimeouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A key rotation from the workstation's outbox to a real site: the workspace records the statement, the worker sends
 * it over SFTP into a real OpenSSH sshd ahead of the kit signed by the new key, and the site's agent, which trusted
 * only the old key, accepts the statement and then that kit (which carries no statement of its own).
 */
class RotationNoticeDeliveryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final ZonedDateTime MADE = ZonedDateTime.parse("2026-12-02T10:00:00+01:00[Europe/Paris]");
    private static final String STATEMENT = "key-rotation-000001.rotation";

    @RegisterExtension
    static final SshdPerClass SSHD = new SshdPerClass();

    @TempDir
    Path dir;

    @Test
    void overSftpTheNoticeReachesTheInboxFirstAndTheAgentThenTakesAKitSignedByTheNewKey() throws Exception {
        AgentSite site = new AgentSite(dir.resolve("acme"), null);
        site.policy(p -> p.withMode(InstallMode.MANUAL));
        Agent agent = site.agent(new MutableClock(T0.plus(Duration.ofDays(3))));
        KeyPair next = SigningKeys.generate();
        byte[] statement = RotationStatements.sign(new RotationStatement(SigningKeys.fingerprint(site.key.getPublic()),
                next.getPublic(), 1, MADE, true), site.key.getPrivate(), next.getPrivate());

        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            ws.trustedSigners().pin(site.key.getPublic(), "alice");
            ws.sites().add(SiteSpec.sftp("acme", SSHD.server().url(site.home.dir()), SSHD.server().userKey(),
                    SSHD.server().knownHosts()), "alice");
            ws.keyRotations().record(statement, STATEMENT, "alice");
            // The new key's kit, made after the statement, carries no statement: only the notice can teach the site.
            Release release = KitImport.add(ws, site.kit(AgentSite.manifest("12.10.11", false, MADE.toInstant().plusSeconds(60)),
                    null, next, List.of()), List.of(), "alice").release();
            // The revoked key signs nothing new: the workspace refuses its later kit, as the site would.
            Path late = site.kit(AgentSite.manifest("12.10.12", false, MADE.toInstant().plusSeconds(60)), null);
            assertTrue(assertThrows(PatchbayException.class, () -> KitImport.add(ws, late, List.of(), "alice"))
                    .getMessage().contains("revoked by key rotation 1"));
            ws.rollouts().start(release.id(), List.of("acme"), List.of(), null, "alice");

            try (DeliveryWorker worker = worker(ws)) {
                assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> worker.run(true)));
            }
            Delivery notice = ws.deliveries().rotationNotices().get(0);
            assertEquals(DeliveryKind.ROTATION, notice.kind());
            assertEquals(DeliveryState.DELIVERED, notice.state());
            Delivery kit = ws.deliveries().find(release.id(), "acme").orElseThrow();
            assertEquals(DeliveryState.DELIVERED, kit.state());
            assertEquals(List.of("key rotation 1 -> acme", "Spruce 12.10.11 -> acme"), ws.events().find(EventQuery.all())
                            .stream().filter(e -> e.kind().equals("delivery.delivered")).sorted(Comparator.comparing(Event::id))
                            .map(Event::subject).toList(), "the notice arrived before the kit");
            assertArrayEquals(statement, Files.readAllBytes(site.inbox.resolve(STATEMENT)), "the statement as signed");

            // The agent was down while both arrived: its scan takes the statement before the kit.
            List<Path> arrived = InboxWatcher.scan(site.inbox);
            assertEquals(List.of(STATEMENT, release.kitFile()), arrived.stream().map(p -> p.getFileName().toString()).toList());
            assertTrue(agent.receive(arrived.get(0)).isEmpty());
            assertTrue(Files.isRegularFile(site.home.rotations().resolve(STATEMENT)), "the site accepted the statement");
            KitReceiver.Received received = agent.receive(arrived.get(1)).orElseThrow();
            assertEquals(KitReceiver.Received.Kind.REGISTERED, received.kind(), received.patch().reason());
            assertEquals(List.of(), InboxWatcher.scan(site.inbox));
        }
    }

    private static DeliveryWorker worker(Workspace ws) {
        WorkerSettings settings = WorkerSettings.defaults("test-worker").withParallel(2)
                .withLease(Duration.ofSeconds(5)).withHarvestEvery(Duration.ZERO)
                .withBackoff(new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, new Random(1)));
        return new DeliveryWorker(ws, Map.of(TransportKind.SFTP, new SftpSitePusher(SSHD.pusher(), SftpTimeouts.DEFAULTS)),
                settings, null);
    }
}

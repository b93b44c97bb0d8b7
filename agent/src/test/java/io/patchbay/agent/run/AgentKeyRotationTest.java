package io.patchbay.agent.run;

import io.patchbay.agent.receive.InboxWatcher;
import io.patchbay.agent.receive.KitReceiver;
import io.patchbay.agent.receive.PullNoticeReceiver;
import io.patchbay.agent.receive.RotationReceiver;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.pull.PullNotice;
import io.patchbay.model.pull.PullNotices;
import io.patchbay.model.release.Version;
import io.patchbay.model.trust.RotationStatement;
import io.patchbay.model.trust.RotationStatements;
import io.patchbay.model.workspace.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Key rotation and "no going back" at a real site (a home made by {@code agent init}, kits built by the real
 * builder, files through the inbox): a site that trusts only the old key follows a rotation statement, as a notice
 * or inside a kit, refuses kits of a revoked key made after it, and refuses statements and pull notices it must not
 * believe.
 */
class AgentKeyRotationTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    /** The statement is made a day later, in the workstation's zone. */
    private static final ZonedDateTime MADE = ZonedDateTime.parse("2026-12-02T10:00:00+01:00[Europe/Paris]");

    @TempDir
    Path dir;

    @Test
    void aKitSignedByTheNewKeyIsAcceptedOnceTheStatementArrivesAsANotice() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        Agent agent = site.agent(new MutableClock(T0));
        KeyPair next = SigningKeys.generate();

        KitReceiver.Received before = agent.receive(site.deliver(
                site.kit(AgentSite.manifest("12.10.11", false, T0), null, next, List.of()))).orElseThrow();
        assertEquals(KitReceiver.Received.Kind.REJECTED, before.kind(), "the new key is not trusted yet");

        RotationReceiver.Outcome o = agent.receiveRotation(site.deliver(
                write("key-rotation-000001.rotation", rotation(site.key, next, 1, false)))).orElseThrow();
        assertTrue(o.accepted() && !o.known(), o.refusal());
        assertEquals(List.of(), InboxWatcher.scan(site.inbox), "the statement left the inbox");
        assertTrue(Files.isRegularFile(site.home.rotations().resolve("key-rotation-000001.rotation")), "kept in trust/");

        KitReceiver.Received after = agent.receive(site.deliver(
                site.kit(AgentSite.manifest("12.10.12", false, T0), null, next, List.of()))).orElseThrow();
        assertEquals(KitReceiver.Received.Kind.REGISTERED, after.kind(), after.patch().reason());
        KitReceiver.Received old = agent.receive(site.deliver(
                site.kit(AgentSite.manifest("12.10.13", false, T0), null, site.key, List.of()))).orElseThrow();
        assertEquals(KitReceiver.Received.Kind.REGISTERED, old.kind(), "without --revoke the old key still signs");
    }

    @Test
    void aKitCarryingTheStatementIsAcceptedByASiteThatOnlyTrustedTheOldKey() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        Agent agent = site.agent(new MutableClock(T0));
        KeyPair next = SigningKeys.generate();
        List<byte[]> chain = List.of(rotation(site.key, next, 1, false));

        KitReceiver.Received first = agent.receive(site.deliver(
                site.kit(AgentSite.manifest("12.10.11", false, T0), null, next, chain))).orElseThrow();
        assertEquals(KitReceiver.Received.Kind.REGISTERED, first.kind(), first.patch().reason());
        assertTrue(Files.isRegularFile(site.home.rotations().resolve("key-rotation-000001.rotation")));

        // Every later kit carries the chain again: known, nothing changes, the kit is taken.
        KitReceiver.Received second = agent.receive(site.deliver(
                site.kit(AgentSite.manifest("12.10.12", false, T0), null, next, chain))).orElseThrow();
        assertEquals(KitReceiver.Received.Kind.REGISTERED, second.kind(), second.patch().reason());
        try (var kept = Files.list(site.home.rotations())) {
            assertEquals(1, kept.count());
        }
    }

    @Test
    void afterARevokingRotationAKitSignedOnlyByTheOldKeyAndMadeAfterItIsRefused() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        Agent agent = site.agent(new MutableClock(T0));
        KeyPair next = SigningKeys.generate();
        assertTrue(agent.receiveRotation(site.deliver(write("r.rotation", rotation(site.key, next, 1, true))))
                .orElseThrow().accepted());

        Instant afterStatement = MADE.toInstant().plusSeconds(3600);
        KitReceiver.Received late = agent.receive(site.deliver(
                site.kit(AgentSite.manifest("12.10.12", false, afterStatement), null, site.key, List.of()))).orElseThrow();
        assertEquals(KitReceiver.Received.Kind.REJECTED, late.kind());
        String old = SigningKeys.fingerprint(site.key.getPublic());
        String fresh = SigningKeys.fingerprint(next.getPublic());
        assertEquals("signed only by " + old + ", revoked by key rotation 1 (" + old + " to " + fresh
                + ", revoking the old key) made 2026-12-02T10:00:00+01:00[Europe/Paris]; this kit was made after it "
                + "(released 2026-12-02T10:00:00Z): a revoked key signs nothing new (" + fresh + " signs from then on)",
                late.patch().reason());

        KitReceiver.Received earlier = agent.receive(site.deliver(
                site.kit(AgentSite.manifest("12.10.11", false, T0), null, site.key, List.of()))).orElseThrow();
        assertEquals(KitReceiver.Received.Kind.REGISTERED, earlier.kind(), "made before the statement: still good");
        KitReceiver.Received byNew = agent.receive(site.deliver(
                site.kit(AgentSite.manifest("12.10.13", false, afterStatement), null, next, List.of()))).orElseThrow();
        assertEquals(KitReceiver.Received.Kind.REGISTERED, byNew.kind(), byNew.patch().reason());
    }

    @Test
    void aStatementSignedOnlyByAnUntrustedKeyIsRefusedAndChangesNothing() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        Agent agent = site.agent(new MutableClock(T0));
        KeyPair stranger = SigningKeys.generate();
        KeyPair next = SigningKeys.generate();

        RotationReceiver.Outcome o = agent.receiveRotation(site.deliver(
                write("key-rotation-000001.rotation", rotation(stranger, next, 1, false)))).orElseThrow();
        assertEquals("rotation statement key-rotation-000001.rotation rotates " + SigningKeys.fingerprint(stranger.getPublic())
                + ", a key this site does not trust: refused", o.refusal());
        assertEquals(o.refusal() + "\n",
                Files.readString(site.home.rejected().resolve("key-rotation-000001.rotation.reason.txt")));
        assertFalse(Files.exists(site.home.rotations()), "nothing learnt");
        // Carried in a kit the untrusted statement is refused too, and the kit by its own (untrusted) signature.
        KitReceiver.Received kit = agent.receive(site.deliver(site.kit(AgentSite.manifest("12.10.11", false, T0), null,
                next, List.of(rotation(stranger, next, 1, false))))).orElseThrow();
        assertEquals(KitReceiver.Received.Kind.REJECTED, kit.kind());
        assertTrue(kit.patch().reason().startsWith("signed by " + SigningKeys.fingerprint(next.getPublic())
                + ", a key that is not trusted"), kit.patch().reason());
    }

    @Test
    void anOlderRotationStatementIsRefusedAsAReplayNamingBothNumbers() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        Agent agent = site.agent(new MutableClock(T0));
        KeyPair next = SigningKeys.generate();
        assertTrue(agent.receiveRotation(site.deliver(write("a.rotation", rotation(site.key, next, 2, false))))
                .orElseThrow().accepted());
        RotationReceiver.Outcome old = agent.receiveRotation(site.deliver(
                write("b.rotation", rotation(next, SigningKeys.generate(), 1, false)))).orElseThrow();
        assertEquals("rotation statement b.rotation has sequence 1, not newer than 2, the highest this site has "
                + "accepted: refused as a replay", old.refusal());
        assertTrue(Files.isRegularFile(site.home.rejected().resolve("b.rotation.reason.txt")));
    }

    @Test
    void anOlderPullNoticeOfAReleaseIsRefusedAsAReplayNamingBothNumbers() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        Agent agent = site.agent(new MutableClock(T0));
        PullNoticeReceiver.Outcome newer = agent.receivePullNotice(site.deliver(notice(site, 5, "export fails"))).orElseThrow();
        assertTrue(newer.accepted(), newer.refusal());
        assertEquals(5, agent.registry().pulls().get(0).sequence());

        PullNoticeReceiver.Outcome older = agent.receivePullNotice(site.deliver(notice(site, 3, "older words"))).orElseThrow();
        assertEquals("pull notice Spruce-12.10.11.pull has sequence 3, older than 5, the newest this site has seen for "
                + "Spruce 12.10.11: refused as a replay", older.refusal());
        PullNoticeReceiver.Outcome unnumbered = agent.receivePullNotice(site.deliver(notice(site, 0, "format 1")))
                .orElseThrow();
        assertEquals("pull notice Spruce-12.10.11.pull is unnumbered, but this site has seen notice 5 of Spruce "
                + "12.10.11: refused as a replay", unnumbered.refusal());
        PullNoticeReceiver.Outcome again = agent.receivePullNotice(site.deliver(notice(site, 5, "export fails")))
                .orElseThrow();
        assertTrue(again.accepted() && !again.first(), "the same notice sent again is no replay");
        PullNoticeReceiver.Outcome later = agent.receivePullNotice(site.deliver(notice(site, 9, "re-signed"))).orElseThrow();
        assertTrue(later.accepted());
        assertEquals(9, agent.registry().pulls().get(0).sequence());
        assertEquals("export fails", agent.registry().pulls().get(0).reason(), "the first notice's words stay");
    }

    @Test
    void anUnnumberedPullNoticeIsAcceptedWhileNoNumberedOneWasSeen() throws Exception {
        AgentSite site = new AgentSite(dir, null);
        Agent agent = site.agent(new MutableClock(T0));
        assertTrue(agent.receivePullNotice(site.deliver(notice(site, 0, "format 1"))).orElseThrow().accepted());
        assertTrue(agent.receivePullNotice(site.deliver(notice(site, 2, "numbered"))).orElseThrow().accepted());
        assertEquals(2, agent.registry().pulls().get(0).sequence());
    }

    private static byte[] rotation(KeyPair from, KeyPair to, long sequence, boolean revoke) {
        return RotationStatements.sign(new RotationStatement(SigningKeys.fingerprint(from.getPublic()), to.getPublic(),
                sequence, MADE, revoke), from.getPrivate(), to.getPrivate());
    }

    private Path notice(AgentSite site, long sequence, String reason) throws Exception {
        return write("Spruce-12.10.11.pull", PullNotices.sign(new PullNotice("Spruce", Version.parse("12.10.11"),
                T0, reason, sequence), site.key.getPrivate()));
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve("made").resolve(String.valueOf(System.nanoTime())).resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }
}

package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.trust.RotationStatement;
import io.patchbay.model.trust.RotationStatements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rotation statements recorded in a real workspace, and their notices in the outbox. */
@OnEachDatabase
class KeyRotationsTest extends WorkspaceTestSupport {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final KeyPair OLD = SigningKeys.generate();
    private static final KeyPair NEW = SigningKeys.generate();
    private static final KeyPair NEWER = SigningKeys.generate();

    KeyRotationsTest() {
        super(Instant.parse("2026-12-02T08:00:00Z"));
    }

    @BeforeEach
    void seed() {
        ws.trustedSigners().pin(OLD.getPublic(), Fixtures.PERSON);
    }

    @Test
    void aRecordedStatementIsQueuedForEverySiteAndForASiteAddedLater() throws Exception {
        Fixtures.addSite(ws, "alpha");
        Fixtures.addSite(ws, "beta");
        byte[] statement = rotation(OLD, NEW, 1);

        KeyRotations.Outcome outcome = ws.keyRotations().record(statement, "r1", Fixtures.PERSON);

        assertFalse(outcome.known());
        assertEquals(2, outcome.queued());
        assertTrue(ws.trustedSigners().trusts(NEW.getPublic()), "the workspace trusts the new key as its sites will");
        Fixtures.addSite(ws, "gamma");
        List<Delivery> notices = ws.deliveries().rotationNotices();
        assertEquals(List.of("alpha", "beta", "gamma"), notices.stream().map(Delivery::siteName).toList());
        Delivery gamma = notices.get(2);
        assertEquals(DeliveryKind.ROTATION, gamma.kind());
        assertEquals(DeliveryState.QUEUED, gamma.state());
        assertEquals("key-rotation-000001.rotation", gamma.fileName());
        assertEquals("key rotation 1 -> gamma", gamma.subject());
        assertEquals(statement.length, gamma.size());
        assertArrayEquals(statement, Files.readAllBytes(ws.fileOf(gamma)), "the notice is the statement as signed");
        assertEquals(3, ws.deliveries().outstanding().size(), "deliver --until-done waits for notices too");
        assertEquals(List.of("key-rotation-000001.rotation"),
                ws.deliveries().forBundle(List.of("alpha")).stream().map(Delivery::fileName).toList(),
                "a bundle for a site without a network carries its rotation notice");
    }

    @Test
    void aRotationNoticeGoesOutBeforeTheSitesKits() {
        Fixtures.addSite(ws, "alpha");
        Release release = Fixtures.addRelease(ws, "12.10.11");
        Delivery kit = ws.deliveries().enqueue(release.id(), "alpha", Fixtures.PERSON);
        clock.advance(Duration.ofMinutes(1));
        ws.keyRotations().record(rotation(OLD, NEW, 1), "r1", Fixtures.PERSON);

        List<Delivery> first = ws.deliveries().claim(Fixtures.WORKER, 5, LEASE);
        assertEquals(List.of(DeliveryKind.ROTATION), first.stream().map(Delivery::kind).toList(),
                "one delivery per site at a time, the new key first");
        assertTrue(ws.deliveries().markDelivered(first.get(0).id(), Fixtures.WORKER));
        assertEquals(List.of(kit.id()), ws.deliveries().claim(Fixtures.WORKER, 5, LEASE).stream().map(Delivery::id).toList());
    }

    @Test
    void aBundleCarriesTheSitesRotationNoticesInSequenceBeforeItsKits() {
        Fixtures.addSite(ws, "alpha");
        Release release = Fixtures.addRelease(ws, "12.10.11");
        Delivery kit = ws.deliveries().enqueue(release.id(), "alpha", Fixtures.PERSON);
        ws.keyRotations().record(rotation(OLD, NEW, 1), "r1", Fixtures.PERSON);
        ws.keyRotations().record(rotation(NEW, NEWER, 2), "r2", Fixtures.PERSON);

        assertEquals(List.of("key-rotation-000001.rotation", "key-rotation-000002.rotation", kit.fileName()),
                ws.deliveries().forBundle(List.of("alpha")).stream().map(Delivery::fileName).toList());
    }

    @Test
    void theSameStatementAgainIsKnownAndQueuesOnlyForSitesWithoutOne() {
        Fixtures.addSite(ws, "alpha");
        byte[] statement = rotation(OLD, NEW, 1);
        ws.keyRotations().record(statement, "r1", Fixtures.PERSON);

        KeyRotations.Outcome again = ws.keyRotations().record(statement, "r1 again", Fixtures.PERSON);

        assertTrue(again.known());
        assertEquals(0, again.queued());
        assertEquals(1, ws.keyRotations().list().size());
        assertEquals(1, ws.deliveries().rotationNotices().size());
    }

    @Test
    void aStatementItsSitesWouldRefuseIsRefusedAndNothingIsRecordedOrQueued() {
        Fixtures.addSite(ws, "alpha");
        KeyPair stranger = SigningKeys.generate();
        PatchbayException unrooted = assertThrows(PatchbayException.class,
                () -> ws.keyRotations().record(rotation(stranger, NEW, 1), "r-stranger", Fixtures.PERSON));
        assertEquals("rotation statement r-stranger rotates " + SigningKeys.fingerprint(stranger.getPublic())
                + ", a key this workspace does not trust: refused (a kit signed by it, added with "
                + "`release add --trust KEY.pub`, makes it trusted)", unrooted.getMessage());

        ws.keyRotations().record(rotation(OLD, NEW, 2), "r2", Fixtures.PERSON);
        PatchbayException replay = assertThrows(PatchbayException.class,
                () -> ws.keyRotations().record(rotation(NEW, NEWER, 1), "r1", Fixtures.PERSON));
        assertTrue(replay.getMessage().endsWith("refused as a replay"), replay.getMessage());

        assertEquals(List.of(2L), ws.keyRotations().list().stream().map(r -> r.statement().sequence()).toList());
        assertEquals(1, ws.deliveries().rotationNotices().size());
        assertFalse(ws.trustedSigners().trusts(NEWER.getPublic()));
        assertFalse(ws.trustedSigners().trusts(stranger.getPublic()));
    }

    private static byte[] rotation(KeyPair from, KeyPair to, long sequence) {
        return RotationStatements.sign(new RotationStatement(SigningKeys.fingerprint(from.getPublic()), to.getPublic(),
                sequence, ZonedDateTime.parse("2026-12-02T10:00:00+01:00[Europe/Berlin]"), false),
                from.getPrivate(), to.getPrivate());
    }
}

package io.patchbay.model.trust;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.json.SignedFileEdits;
import io.patchbay.model.kit.sign.SigningKeys;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyTrustTest {
    private static final KeyPair OLD = SigningKeys.generate();
    private static final KeyPair NEW = SigningKeys.generate();
    private static final KeyPair NEWER = SigningKeys.generate();
    private static final KeyPair STRANGER = SigningKeys.generate();
    private static final ZonedDateTime MADE = ZonedDateTime.of(2026, 12, 2, 9, 15, 0, 0, ZoneId.of("Europe/Berlin"));

    @Test
    void aStatementSignedByTheTrustedOldKeyAndTheNewKeyAddsTheNewKey() {
        KeyTrust trust = KeyTrust.of(List.of(OLD.getPublic()));
        byte[] file = rotation(OLD, NEW, 1, false);
        KeyTrust.Accepted a = trust.accept(file, "r1");
        assertFalse(a.known());
        assertEquals(List.of(fp(OLD), fp(NEW)), a.trust().fingerprints());
        assertEquals(MADE, a.statement().madeAt(), "the time keeps its zone");
        assertEquals(1, a.trust().highestSequence());
        assertEquals(List.of(fp(OLD)), trust.fingerprints(), "trust is a value: the old one is unchanged");
        assertEquals("2026-12-02T09:15:00+01:00[Europe/Berlin]", SignedFileEdits.read(file).get("madeAt").textValue());
    }

    @Test
    void theSameStatementAgainIsKnownAndChangesNothing() {
        KeyTrust once = KeyTrust.of(List.of(OLD.getPublic())).accept(rotation(OLD, NEW, 1, false), "r1").trust();
        KeyTrust.Accepted again = once.accept(rotation(OLD, NEW, 1, false), "in a later kit");
        assertTrue(again.known());
        assertEquals(once.fingerprints(), again.trust().fingerprints());
    }

    @Test
    void aChainOfRotationsIsFollowedInOrder() {
        KeyTrust trust = KeyTrust.of(List.of(OLD.getPublic()))
                .accept(rotation(OLD, NEW, 1, true), "r1").trust()
                .accept(rotation(NEW, NEWER, 2, false), "r2").trust();
        assertEquals(List.of(fp(OLD), fp(NEW), fp(NEWER)), trust.fingerprints());
    }

    @Test
    void aStatementWhoseOldKeyIsNotTrustedIsRefused() {
        KeyTrust trust = KeyTrust.of(List.of(OLD.getPublic()));
        assertEquals("rotation statement r.rotation rotates " + fp(STRANGER) + ", a key this site does not trust: refused",
                refusal(trust, rotation(STRANGER, NEW, 1, false)));
        // Skipping a link: NEW -> NEWER means nothing to a site that has not learnt NEW.
        assertEquals("rotation statement r.rotation rotates " + fp(NEW) + ", a key this site does not trust: refused",
                refusal(trust, rotation(NEW, NEWER, 2, false)));
    }

    @Test
    void aStatementNotSignedByBothKeysIsRefused() {
        KeyTrust trust = KeyTrust.of(List.of(OLD.getPublic()));
        byte[] signed = rotation(OLD, NEW, 1, false);
        // The stranger claims OLD's successor is its own key, keeping OLD's signature: OLD never signed that.
        byte[] swapped = SignedFileEdits.edit(signed, j -> {
            j.put("new", fp(STRANGER));
            j.put("newKey", java.util.Base64.getEncoder().encodeToString(STRANGER.getPublic().getEncoded()));
        });
        assertEquals("rotation statement r.rotation does not match the old key's signature: it was altered or forged",
                refusal(trust, swapped));
        // Signed by OLD, but the new key never agreed (its signature is the old key's again).
        byte[] oneKey = SignedFileEdits.edit(signed, j -> j.put("newSignature", j.get("oldSignature").textValue()));
        assertEquals("rotation statement r.rotation does not match the new key's signature: it was altered or forged",
                refusal(trust, oneKey));
        assertEquals("rotation statement r.rotation is not signed by both keys (no 'newSignature')",
                refusal(trust, SignedFileEdits.edit(signed, j -> j.remove("newSignature"))));
        for (Consumer<ObjectNode> change : List.<Consumer<ObjectNode>>of(j -> j.put("sequence", 2),
                j -> j.put("revokesOld", true), j -> j.put("madeAt", "2026-12-02T09:15:00+01:00[Europe/Paris]"))) {
            assertTrue(refusal(trust, SignedFileEdits.edit(signed, change)).contains("altered or forged"));
        }
    }

    @Test
    void malformedStatementsAreRefusedNamingWhatIsWrong() {
        KeyTrust trust = KeyTrust.of(List.of(OLD.getPublic()));
        byte[] signed = rotation(OLD, NEW, 1, false);
        assertEquals("rotation statement r.rotation is empty", refusal(trust, new byte[0]));
        assertEquals("rotation statement r.rotation is larger than 16384 bytes",
                refusal(trust, new byte[RotationStatements.MAX_BYTES + 1]));
        assertEquals("rotation statement r.rotation has an unexpected field 'trustAll'",
                refusal(trust, SignedFileEdits.edit(signed, j -> j.put("trustAll", true))));
        assertEquals("rotation statement r.rotation: 'new' (" + fp(STRANGER) + ") is not the fingerprint of newKey ("
                + fp(NEW) + ")", refusal(trust, SignedFileEdits.edit(signed, j -> j.put("new", fp(STRANGER)))));
        assertEquals("rotation statement r.rotation: 'revokesOld' is not true or false",
                refusal(trust, SignedFileEdits.edit(signed, j -> j.put("revokesOld", "yes"))));
        assertEquals("rotation statement r.rotation: madeAt is not a time with its zone such as "
                + "2026-12-02T09:15:00+01:00[Europe/Berlin]", refusal(trust, SignedFileEdits.edit(signed, j -> j.put("madeAt", "2026-12-02"))));
        assertEquals("rotation statement r.rotation has format 'patchbay-key-rotation 2', expected 'patchbay-key-rotation 1'",
                refusal(trust, SignedFileEdits.edit(signed, j -> j.put("format", "patchbay-key-rotation 2"))));
    }

    @Test
    void anOlderOrEqualSequenceIsRefusedAsAReplayNamingBothNumbers() {
        KeyTrust trust = KeyTrust.of(List.of(OLD.getPublic(), STRANGER.getPublic()))
                .accept(rotation(OLD, NEW, 2, false), "r2").trust();
        assertEquals("rotation statement r.rotation has sequence 1, not newer than 2, the highest this site has "
                + "accepted: refused as a replay", refusal(trust, rotation(STRANGER, NEWER, 1, false)));
        assertEquals("rotation statement r.rotation has sequence 2, not newer than 2, the highest this site has "
                + "accepted: refused as a replay", refusal(trust, rotation(STRANGER, NEWER, 2, false)));
    }

    @Test
    void aKeyRotatedOnceCannotNameASecondSuccessor() {
        // A thief of OLD, after the vendor moved to NEW, names a key of their own with a higher number.
        KeyTrust trust = KeyTrust.of(List.of(OLD.getPublic())).accept(rotation(OLD, NEW, 1, true), "r1").trust();
        String refusal = refusal(trust, rotation(OLD, STRANGER, 2, false));
        assertEquals("rotation statement r.rotation rotates " + fp(OLD) + ", which key rotation 1 (" + fp(OLD) + " to "
                + fp(NEW) + ", revoking the old key) already replaced: refused", refusal);
    }

    @Test
    void aRevokedKeyCountsOnlyOnKitsMadeBeforeTheStatement() {
        KeyTrust trust = KeyTrust.of(List.of(OLD.getPublic())).accept(rotation(OLD, NEW, 1, true), "r1").trust();
        Instant statement = MADE.toInstant();
        assertEquals(List.of(fp(OLD)), trust.standingSigners(List.of(fp(OLD)), statement.minusSeconds(1)));
        assertEquals(List.of(), trust.standingSigners(List.of(fp(OLD)), statement));
        assertEquals(List.of(fp(NEW)), trust.standingSigners(List.of(fp(OLD), fp(NEW)), statement.plusSeconds(60)));
        assertEquals("signed only by " + fp(OLD) + ", revoked by key rotation 1 (" + fp(OLD) + " to " + fp(NEW)
                        + ", revoking the old key) made 2026-12-02T09:15:00+01:00[Europe/Berlin]; this kit was made after it "
                        + "(released 2026-12-02T08:16:00Z): a revoked key signs nothing new (" + fp(NEW) + " signs from then on)",
                trust.revokedRefusal(List.of(fp(OLD)), statement.plusSeconds(60)));
        KeyTrust kept = KeyTrust.of(List.of(OLD.getPublic())).accept(rotation(OLD, NEW, 1, false), "r1").trust();
        assertEquals(List.of(fp(OLD)), kept.standingSigners(List.of(fp(OLD)), statement.plusSeconds(60)),
                "without --revoke the old key keeps signing");
    }

    @Test
    void rebuildingFromStoredStatementsOrdersThemAndDropsThoseNoLongerRooted() {
        Map<String, byte[]> stored = new LinkedHashMap<>();
        stored.put("r2", rotation(NEW, NEWER, 2, false));
        stored.put("r1", rotation(OLD, NEW, 1, false));
        KeyTrust.Rebuilt rebuilt = KeyTrust.rebuild(List.of(OLD.getPublic()), stored);
        assertEquals(List.of(fp(OLD), fp(NEW), fp(NEWER)), rebuilt.trust().fingerprints());
        assertEquals(List.of(), rebuilt.dropped());
        KeyTrust.Rebuilt unrooted = KeyTrust.rebuild(List.of(STRANGER.getPublic()), stored);
        assertEquals(List.of(fp(STRANGER)), unrooted.trust().fingerprints());
        assertEquals(2, unrooted.dropped().size());
    }

    @Test
    void followingAKitsChainPassesOverStatementsThatDoNotHoldHere() {
        KeyTrust followed = KeyTrust.of(List.of(OLD.getPublic())).following(List.of(
                rotation(STRANGER, NEWER, 1, false), // not rooted here
                rotation(OLD, NEW, 2, false),
                rotation(NEW, NEWER, 3, false)), "Spruce-12.10.12.kit");
        assertEquals(List.of(fp(OLD), fp(NEW), fp(NEWER)), followed.fingerprints());
        assertEquals(3, followed.highestSequence());
    }

    @Test
    void statementsTravelUnderNamesThatSortInSequenceOrder() {
        assertEquals("key-rotation-000003.rotation", RotationStatements.fileName(3));
        assertEquals("trust/key-rotation-000003.rotation", RotationStatements.kitEntry(3));
        assertTrue(RotationStatements.isKitEntry("trust/key-rotation-000003.rotation"));
        assertFalse(RotationStatements.isKitEntry("trust/x/key-rotation-000003.rotation"));
        assertFalse(RotationStatements.isKitEntry("payload/key-rotation-000003.rotation"));
        assertTrue(RotationStatements.isStatementFileName("key-rotation-000003.rotation"));
        assertFalse(RotationStatements.isStatementFileName(".rotation"));
    }

    static byte[] rotation(KeyPair from, KeyPair to, long sequence, boolean revoke) {
        return RotationStatements.sign(new RotationStatement(fp(from), to.getPublic(), sequence, MADE, revoke),
                from.getPrivate(), to.getPrivate());
    }

    private static String fp(KeyPair pair) {
        return SigningKeys.fingerprint(pair.getPublic());
    }

    private static String refusal(KeyTrust trust, byte[] statement) {
        return assertThrows(PatchbayException.class, () -> trust.accept(statement, "r.rotation")).getMessage();
    }


}

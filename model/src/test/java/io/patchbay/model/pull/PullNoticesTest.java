package io.patchbay.model.pull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.json.SignedFileEdits;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Version;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PullNoticesTest {
    private static final KeyPair VENDOR = SigningKeys.generate();
    private static final KeyPair STRANGER = SigningKeys.generate();
    private static final PullNotice NOTICE = new PullNotice("Spruce", Version.parse("12.10.11"),
            Instant.parse("2026-11-24T08:15:00Z"), "export job fails on large archives — ünïcode kept", 7);

    @Test
    void aSignedNoticeReadsBackAsWrittenAndNamesItsSigner() {
        byte[] file = PullNotices.sign(NOTICE, VENDOR.getPrivate());
        VerifiedPullNotice read = PullNotices.verify(file, "Spruce-12.10.11.pull", List.of(STRANGER.getPublic(),
                VENDOR.getPublic()));
        assertEquals(NOTICE, read.notice());
        assertEquals(SigningKeys.fingerprint(VENDOR.getPublic()), read.signerFingerprint());
        assertTrue(file.length < 1024, "a small notice: " + file.length + " bytes");
        assertTrue(read.notice().isAbout("Spruce", Version.parse("12.10.11.0")));
        assertFalse(read.notice().isAbout("Spruce", Version.parse("12.10.12")));
    }

    @Test
    void itsFileNameSaysWhatItIsAndIsToldApartFromAKit() {
        assertEquals("Spruce-12.10.11.pull", PullNotices.fileName("Spruce", Version.parse("12.10.11")));
        assertEquals("Big_Tree_..-1.0.pull", PullNotices.fileName("Big Tree/..", Version.parse("1.0")));
        assertEquals("_hidden-1.pull", PullNotices.fileName(".hidden", Version.parse("1")));
        assertTrue(PullNotices.isNoticeFileName("Spruce-12.10.11.pull"));
        assertFalse(PullNotices.isNoticeFileName("Spruce-12.10.11.kit"));
        assertFalse(PullNotices.isNoticeFileName(".pull"));
    }

    @Test
    void aNoticeSignedByAKeyTheSiteDoesNotTrustIsRefused() {
        byte[] forged = PullNotices.sign(NOTICE, STRANGER.getPrivate());
        assertEquals("pull notice n.pull is signed by " + SigningKeys.fingerprint(STRANGER.getPublic())
                + ", a key this site does not trust", refusal(forged, VENDOR.getPublic()));
    }

    @Test
    void aForgedNoticeClaimingTheTrustedSignerIsRefused() {
        byte[] forged = SignedFileEdits.edit(PullNotices.sign(NOTICE, STRANGER.getPrivate()),
                j -> j.put("signer", Base64.getEncoder().encodeToString(VENDOR.getPublic().getEncoded())));
        assertTrue(refusal(forged, VENDOR.getPublic()).endsWith("does not match its signature: it was altered or "
                + "forged (claims signer " + SigningKeys.fingerprint(VENDOR.getPublic()) + ")"));
    }

    @Test
    void changingAnySignedFieldIsRefused() {
        byte[] signed = PullNotices.sign(NOTICE, VENDOR.getPrivate());
        for (Consumer<ObjectNode> change : List.<Consumer<ObjectNode>>of(
                j -> j.put("product", "Pine"),
                j -> j.put("version", "12.10.12"),
                j -> j.put("version", "12.10.11.0"), // the same version to a reader, other bytes: still refused
                j -> j.put("pulledAt", "2026-11-25T08:15:00Z"),
                j -> j.put("reason", "never mind"),
                j -> j.put("sequence", 8))) {
            assertTrue(refusal(SignedFileEdits.edit(signed, change), VENDOR.getPublic()).contains("altered or forged"));
        }
    }

    @Test
    void everyByteOfTheSignedNoticeMatters() {
        byte[] signed = PullNotices.sign(NOTICE, VENDOR.getPrivate());
        String text = new String(signed, StandardCharsets.UTF_8);
        int refused = 0;
        for (int i = 0; i < signed.length; i++) {
            if (Character.isWhitespace(text.charAt(Math.min(i, text.length() - 1)))) {
                continue; // JSON layout is not signed: only the fields' values are
            }
            byte[] copy = signed.clone();
            copy[i] ^= 0x01;
            try {
                VerifiedPullNotice v = PullNotices.verify(copy, "n.pull", List.of(VENDOR.getPublic()));
                // A flip inside the unsigned signer hint (or in a base64 padding bit) may keep the same meaning.
                assertEquals(NOTICE, v.notice(), "byte " + i + " changed the notice but was accepted");
            } catch (PatchbayException e) {
                refused++;
            }
        }
        assertTrue(refused > signed.length / 2, refused + " of " + signed.length);
    }

    @Test
    void anUnsignedNoticeIsRefused() {
        byte[] signed = PullNotices.sign(NOTICE, VENDOR.getPrivate());
        assertEquals("pull notice n.pull is not signed (no 'ed25519' field)",
                refusal(SignedFileEdits.edit(signed, j -> j.remove("ed25519")), VENDOR.getPublic()));
        assertEquals("pull notice n.pull is not signed (no 'signer' field)",
                refusal(SignedFileEdits.edit(signed, j -> j.remove("signer")), VENDOR.getPublic()));
    }

    @Test
    void malformedNoticesAreRefusedNamingWhatIsWrong() {
        byte[] signed = PullNotices.sign(NOTICE, VENDOR.getPrivate());
        PublicKey key = VENDOR.getPublic();
        assertEquals("pull notice n.pull is empty", refusal(new byte[0], key));
        assertEquals("pull notice n.pull is larger than 16384 bytes: not a pull notice",
                refusal(new byte[PullNotices.MAX_BYTES + 1], key));
        assertTrue(refusal("PK\u0003\u0004 a kit".getBytes(StandardCharsets.UTF_8), key)
                .startsWith("pull notice n.pull is not valid JSON: "));
        assertEquals("pull notice n.pull is not a JSON object", refusal("[1, 2]".getBytes(StandardCharsets.UTF_8), key));
        assertTrue(refusal((new String(signed, StandardCharsets.UTF_8) + " {}").getBytes(StandardCharsets.UTF_8), key)
                .startsWith("pull notice n.pull is not valid JSON: "), "trailing bytes");
        String duplicated = new String(signed, StandardCharsets.UTF_8).replaceFirst("\\{", "{\"reason\": \"x\",");
        assertTrue(refusal(duplicated.getBytes(StandardCharsets.UTF_8), key).contains("Duplicate field 'reason'"));
        assertEquals("pull notice n.pull has an unexpected field 'install'",
                refusal(SignedFileEdits.edit(signed, j -> j.put("install", true)), key));
        assertEquals("pull notice n.pull has format 'patchbay-pull-notice 3', expected 'patchbay-pull-notice 2' "
                + "(or 'patchbay-pull-notice 1')", refusal(SignedFileEdits.edit(signed, j -> j.put("format", "patchbay-pull-notice 3")), key));
        assertEquals("pull notice n.pull has no 'sequence'", refusal(SignedFileEdits.edit(signed, j -> j.remove("sequence")), key));
        for (Consumer<ObjectNode> badSequence : List.<Consumer<ObjectNode>>of(j -> j.put("sequence", "7"),
                j -> j.put("sequence", 7.0), j -> j.put("sequence", 0), j -> j.put("sequence", -7),
                j -> j.put("sequence", new java.math.BigInteger("99999999999999999999")))) {
            assertEquals("pull notice n.pull: 'sequence' is not a whole number from 1 to 9223372036854775807",
                    refusal(SignedFileEdits.edit(signed, badSequence), key));
        }
        assertEquals("pull notice n.pull has no 'format'", refusal(SignedFileEdits.edit(signed, j -> j.remove("format")), key));
        assertEquals("pull notice n.pull has no 'reason'", refusal(SignedFileEdits.edit(signed, j -> j.remove("reason")), key));
        assertEquals("pull notice n.pull: 'product' is not a string", refusal(SignedFileEdits.edit(signed, j -> j.put("product", 7)), key));
        assertEquals("pull notice n.pull: not a version: 'latest' (expected numbers such as 12.10.11)",
                refusal(SignedFileEdits.edit(signed, j -> j.put("version", "latest")), key));
        assertEquals("pull notice n.pull: pulledAt is not a UTC time such as 2026-11-24T08:15:00Z",
                refusal(SignedFileEdits.edit(signed, j -> j.put("pulledAt", "yesterday")), key));
        assertEquals("pull notice n.pull: a pull notice needs a reason", refusal(SignedFileEdits.edit(signed, j -> j.put("reason", " ")), key));
        assertEquals("pull notice n.pull: 'ed25519' is not base64", refusal(SignedFileEdits.edit(signed, j -> j.put("ed25519", "%%")), key));
        assertEquals("pull notice n.pull has a malformed signature: not an Ed25519 signature",
                refusal(SignedFileEdits.edit(signed, j -> j.put("ed25519", "AAAA")), key));
        assertEquals("pull notice n.pull cannot be checked: this site trusts no signing key",
                assertThrows(PatchbayException.class, () -> PullNotices.verify(signed, "n.pull", List.of())).getMessage());
    }

    @Test
    void aNumberedNoticeSignsItsSequenceAndAnUnnumberedOneIsReadInFormat1() {
        ObjectNode numbered = SignedFileEdits.read(PullNotices.sign(NOTICE, VENDOR.getPrivate()));
        assertEquals("patchbay-pull-notice 2", numbered.get("format").textValue());
        assertEquals(7, numbered.get("sequence").longValue());
        PullNotice old = new PullNotice("Spruce", Version.parse("12.10.11"), NOTICE.pulledAt(), "broken");
        byte[] format1 = PullNotices.sign(old, VENDOR.getPrivate());
        assertEquals("patchbay-pull-notice 1", SignedFileEdits.read(format1).get("format").textValue());
        assertFalse(SignedFileEdits.read(format1).has("sequence"));
        VerifiedPullNotice read = PullNotices.verify(format1, "n.pull", List.of(VENDOR.getPublic()));
        assertEquals(old, read.notice());
        assertFalse(read.notice().numbered());
        // A sequence smuggled into a format 1 notice is not signed there: refused rather than believed.
        assertEquals("pull notice n.pull has a 'sequence' but format 'patchbay-pull-notice 1', which has none",
                refusal(SignedFileEdits.edit(format1, j -> j.put("sequence", 99)), VENDOR.getPublic()));
    }

    @Test
    void aNoticeNeedsAProductAndAReasonOfSensibleLength() {
        Instant at = Instant.parse("2026-11-24T08:15:00Z");
        Version v = Version.parse("1.0");
        assertEquals("a pull notice needs a reason", assertThrows(PatchbayException.class,
                () -> new PullNotice("Spruce", v, at, "")).getMessage());
        assertEquals("a pull notice's reason is longer than 2000 characters", assertThrows(PatchbayException.class,
                () -> new PullNotice("Spruce", v, at, "x".repeat(2001))).getMessage());
        assertEquals("a pull notice needs a product name of 1 to 200 characters", assertThrows(PatchbayException.class,
                () -> new PullNotice(" ", v, at, "why")).getMessage());
    }

    private static String refusal(byte[] notice, PublicKey trusted) {
        return assertThrows(PatchbayException.class, () -> PullNotices.verify(notice, "n.pull", List.of(trusted)))
                .getMessage();
    }


}

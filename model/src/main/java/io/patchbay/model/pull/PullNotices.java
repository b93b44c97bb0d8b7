package io.patchbay.model.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.json.Json;
import io.patchbay.model.kit.sign.SignedJson;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Version;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The pull notice file: a small JSON object, signed with the same Ed25519 key as the release's kit, so a site
 * accepts it only from the vendor it already trusts for kits.
 * <pre>
 * {
 *   "format"   : "patchbay-pull-notice 2",
 *   "product"  : "Spruce",
 *   "version"  : "12.10.11",
 *   "pulledAt" : "2026-11-24T08:15:00Z",
 *   "reason"   : "export job fails on large archives",
 *   "sequence" : 7,
 *   "signer"   : "&lt;the signer's public key: X.509 SubjectPublicKeyInfo, base64&gt;",
 *   "ed25519"  : "&lt;signature, base64&gt;"
 * }
 * </pre>
 * The signature covers every other field exactly as written in the file ({@link SignedJson#message}); it is checked
 * against the site's trusted keys, never against the key the notice names (that one only makes errors clearer).
 * Format 1 (read, no longer written unless a notice is unnumbered) has no {@code sequence}. Reading is strict: any
 * missing, extra or duplicated field, trailing bytes, or a notice larger than {@link #MAX_BYTES} is refused with one
 * line naming what is wrong. The file is called {@code <product>-<version>.pull} ({@link #fileName}), so an inbox
 * tells it apart from a kit by its name.
 */
public final class PullNotices {
    public static final String SUFFIX = ".pull";
    /** Numbered notices (a {@code sequence} field, signed). */
    public static final String FORMAT = "patchbay-pull-notice 2";
    /** Notices from before numbering: still read, with {@link PullNotice#UNNUMBERED}. */
    public static final String FORMAT_UNNUMBERED = "patchbay-pull-notice 1";
    /** A notice is a few hundred bytes; anything this large is not one and is refused unread. */
    public static final int MAX_BYTES = 16 * 1024;

    private static final String LABEL = "patchbay-pull-notice-v1\n";
    private static final List<String> SIGNED_UNNUMBERED = List.of("format", "product", "version", "pulledAt", "reason");
    private static final List<String> SIGNED = List.of("format", "product", "version", "pulledAt", "reason", "sequence");
    private static final Set<String> FIELDS = Set.of("format", "product", "version", "pulledAt", "reason", "sequence",
            "signer", "ed25519");

    private PullNotices() {
    }

    /**
     * The notice's file name for a release: {@code Spruce-12.10.11.pull}. Characters a file name must not carry
     * become {@code _}; the name only routes the file, what counts is the signed content.
     */
    public static String fileName(String product, Version version) {
        String safe = product.replaceAll("[^A-Za-z0-9._-]", "_");
        while (safe.startsWith(".")) {
            safe = "_" + safe.substring(1);
        }
        return safe + "-" + version + SUFFIX;
    }

    /** Whether an inbox file is a pull notice rather than a kit. */
    public static boolean isNoticeFileName(String name) {
        return name.endsWith(SUFFIX) && name.length() > SUFFIX.length() && !name.startsWith(".");
    }

    /**
     * Signs {@code notice} with {@code key} and returns the file's bytes. The key must be the one whose
     * public half the sites trust (the one that signed the release's kit). An unnumbered notice is written in
     * format 1, as before numbering.
     */
    public static byte[] sign(PullNotice notice, PrivateKey key) {
        PublicKey publicKey = SigningKeys.publicKeyOf(key);
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("format", notice.numbered() ? FORMAT : FORMAT_UNNUMBERED);
        json.put("product", notice.product());
        json.put("version", notice.version().toString());
        json.put("pulledAt", notice.pulledAt().toString());
        json.put("reason", notice.reason());
        if (notice.numbered()) {
            json.put("sequence", notice.sequence());
        }
        byte[] signature = SignedJson.sign(key, message(json, notice.numbered()), "pull notice");
        json.put("signer", SignedJson.base64(publicKey.getEncoded()));
        json.put("ed25519", SignedJson.base64(signature));
        return SignedJson.write(json);
    }

    /**
     * Reads and verifies a notice; {@code source} names it in refusals (e.g. its file name). Returns it only when
     * one of {@code trusted} signed exactly these fields.
     */
    public static VerifiedPullNotice verify(byte[] bytes, String source, Collection<PublicKey> trusted) {
        String what = "pull notice " + source;
        if (bytes.length > MAX_BYTES) {
            throw new PatchbayException(what + " is larger than " + MAX_BYTES + " bytes: not a pull notice");
        }
        ObjectNode json = SignedJson.parse(bytes, what, MAX_BYTES, FIELDS);
        String format = SignedJson.text(json, "format", what);
        if (!FORMAT.equals(format) && !FORMAT_UNNUMBERED.equals(format)) {
            throw new PatchbayException(what + " has format '" + format + "', expected '" + FORMAT + "' (or '"
                    + FORMAT_UNNUMBERED + "')");
        }
        boolean numbered = FORMAT.equals(format);
        if (!numbered && json.has("sequence")) {
            throw new PatchbayException(what + " has a 'sequence' but format '" + format + "', which has none");
        }
        if (!json.has("ed25519") || !json.has("signer")) {
            throw new PatchbayException(what + " is not signed (no '" + (json.has("signer") ? "ed25519" : "signer")
                    + "' field)");
        }
        PullNotice notice = notice(json, what, numbered);
        byte[] signerKey = SignedJson.base64(json, "signer", what);
        byte[] signature = SignedJson.signature(json, "ed25519", what);
        if (trusted.isEmpty()) {
            throw new PatchbayException(what + " cannot be checked: this site trusts no signing key");
        }
        byte[] message = message(json, numbered);
        for (PublicKey key : trusted) {
            if (SignedJson.isValid(key, message, signature)) {
                return new VerifiedPullNotice(notice, SigningKeys.fingerprint(key));
            }
        }
        String claimed = SigningKeys.fingerprint(signerKey);
        boolean claimsTrusted = trusted.stream().anyMatch(k -> Arrays.equals(k.getEncoded(), signerKey));
        throw new PatchbayException(claimsTrusted
                ? what + " does not match its signature: it was altered or forged (claims signer " + claimed + ")"
                : what + " is signed by " + claimed + ", a key this site does not trust");
    }

    /** What is signed: see {@link SignedJson#message}; format 2 adds the sequence. */
    private static byte[] message(ObjectNode json, boolean numbered) {
        return SignedJson.message(LABEL, json, numbered ? SIGNED : SIGNED_UNNUMBERED);
    }

    private static PullNotice notice(ObjectNode json, String what, boolean numbered) {
        String product = SignedJson.text(json, "product", what);
        Version version;
        try {
            version = Version.parse(SignedJson.text(json, "version", what));
        } catch (PatchbayException e) {
            throw new PatchbayException(what + ": " + e.getMessage());
        }
        Instant pulledAt;
        try {
            pulledAt = Instant.parse(SignedJson.text(json, "pulledAt", what));
        } catch (DateTimeParseException e) {
            throw new PatchbayException(what + ": pulledAt is not a UTC time such as 2026-11-24T08:15:00Z");
        }
        String reason = SignedJson.text(json, "reason", what);
        long sequence = numbered ? SignedJson.sequence(json, what) : PullNotice.UNNUMBERED;
        try {
            return new PullNotice(product, version, pulledAt, reason, sequence);
        } catch (PatchbayException e) {
            throw new PatchbayException(what + ": " + e.getMessage());
        }
    }
}

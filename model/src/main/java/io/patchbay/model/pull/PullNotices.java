package io.patchbay.model.pull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.json.Json;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Version;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The pull notice file: a small JSON object, signed with the same Ed25519 key as the release's kit, so a site
 * accepts it only from the vendor it already trusts for kits.
 * <pre>
 * {
 *   "format"   : "patchbay-pull-notice 1",
 *   "product"  : "Spruce",
 *   "version"  : "12.10.11",
 *   "pulledAt" : "2026-11-24T08:15:00Z",
 *   "reason"   : "export job fails on large archives",
 *   "signer"   : "&lt;the signer's public key: X.509 SubjectPublicKeyInfo, base64&gt;",
 *   "ed25519"  : "&lt;signature, base64&gt;"
 * }
 * </pre>
 * The signature covers every other field exactly as written in the file ({@link #signedMessage}); it is checked
 * against the site's trusted keys, never against the key the notice names (that one only makes errors clearer).
 * Reading is strict: any missing, extra or duplicated field, trailing bytes, or a notice larger than
 * {@link #MAX_BYTES} is refused with one line naming what is wrong. The file is called
 * {@code <product>-<version>.pull} ({@link #fileName}), so an inbox tells it apart from a kit by its name.
 */
public final class PullNotices {
    public static final String SUFFIX = ".pull";
    public static final String FORMAT = "patchbay-pull-notice 1";
    /** A notice is a few hundred bytes; anything this large is not one and is refused unread. */
    public static final int MAX_BYTES = 16 * 1024;

    private static final String LABEL = "patchbay-pull-notice-v1\n";
    private static final List<String> SIGNED_FIELDS = List.of("format", "product", "version", "pulledAt", "reason");
    private static final Set<String> FIELDS = Set.of("format", "product", "version", "pulledAt", "reason", "signer",
            "ed25519");

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
     * public half the sites trust (the one that signed the release's kit).
     */
    public static byte[] sign(PullNotice notice, PrivateKey key) {
        PublicKey publicKey = SigningKeys.publicKeyOf(key);
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("format", FORMAT);
        json.put("product", notice.product());
        json.put("version", notice.version().toString());
        json.put("pulledAt", notice.pulledAt().toString());
        json.put("reason", notice.reason());
        byte[] signature;
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(signedMessage(json));
            signature = s.sign();
        } catch (GeneralSecurityException e) {
            throw new PatchbayException("cannot sign the pull notice with this key: " + e.getMessage(), e);
        }
        json.put("signer", Base64.getEncoder().encodeToString(publicKey.getEncoded()));
        json.put("ed25519", Base64.getEncoder().encodeToString(signature));
        try {
            return Json.mapper().writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a pull notice", e);
        }
    }

    /**
     * Reads and verifies a notice; {@code source} names it in refusals (e.g. its file name). Returns it only when
     * one of {@code trusted} signed exactly these fields.
     */
    public static VerifiedPullNotice verify(byte[] bytes, String source, Collection<PublicKey> trusted) {
        String what = "pull notice " + source;
        if (bytes.length == 0) {
            throw new PatchbayException(what + " is empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new PatchbayException(what + " is larger than " + MAX_BYTES + " bytes: not a pull notice");
        }
        ObjectNode json = parse(bytes, what);
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new PatchbayException(what + " has an unexpected field '" + name + "'");
            }
        }
        String format = text(json, "format", what);
        if (!FORMAT.equals(format)) {
            throw new PatchbayException(what + " has format '" + format + "', expected '" + FORMAT + "'");
        }
        if (!json.has("ed25519") || !json.has("signer")) {
            throw new PatchbayException(what + " is not signed (no '" + (json.has("signer") ? "ed25519" : "signer")
                    + "' field)");
        }
        PullNotice notice = notice(json, what);
        byte[] signerKey = base64(json, "signer", what);
        byte[] signature = base64(json, "ed25519", what);
        if (signature.length != 64) {
            throw new PatchbayException(what + " has a malformed signature: not an Ed25519 signature");
        }
        if (trusted.isEmpty()) {
            throw new PatchbayException(what + " cannot be checked: this site trusts no signing key");
        }
        byte[] message = signedMessage(json);
        for (PublicKey key : trusted) {
            if (isValid(key, message, signature)) {
                return new VerifiedPullNotice(notice, SigningKeys.fingerprint(key));
            }
        }
        String claimed = SigningKeys.fingerprint(signerKey);
        boolean claimsTrusted = trusted.stream().anyMatch(k -> Arrays.equals(k.getEncoded(), signerKey));
        throw new PatchbayException(claimsTrusted
                ? what + " does not match its signature: it was altered or forged (claims signer " + claimed + ")"
                : what + " is signed by " + claimed + ", a key this site does not trust");
    }

    /**
     * What is signed: a fixed label, then each signed field as its UTF-8 length, a newline and its text exactly
     * as written in the file. The lengths keep field boundaries fixed, so text cannot move from one to another.
     */
    static byte[] signedMessage(ObjectNode json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        out.writeBytes(LABEL.getBytes(StandardCharsets.US_ASCII));
        for (String field : SIGNED_FIELDS) {
            byte[] value = json.get(field).textValue().getBytes(StandardCharsets.UTF_8);
            out.writeBytes((field + " " + value.length + "\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(value);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static boolean isValid(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static ObjectNode parse(byte[] bytes, String what) {
        JsonNode tree;
        try {
            tree = Json.mapper().reader()
                    .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new PatchbayException(what + " is not valid JSON: "
                    + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new PatchbayException(what + " cannot be read: " + e.getMessage(), e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new PatchbayException(what + " is not a JSON object");
        }
        return object;
    }

    private static PullNotice notice(ObjectNode json, String what) {
        String product = text(json, "product", what);
        Version version;
        try {
            version = Version.parse(text(json, "version", what));
        } catch (PatchbayException e) {
            throw new PatchbayException(what + ": " + e.getMessage());
        }
        Instant pulledAt;
        try {
            pulledAt = Instant.parse(text(json, "pulledAt", what));
        } catch (DateTimeParseException e) {
            throw new PatchbayException(what + ": pulledAt is not a UTC time such as 2026-11-24T08:15:00Z");
        }
        String reason = text(json, "reason", what);
        try {
            return new PullNotice(product, version, pulledAt, reason);
        } catch (PatchbayException e) {
            throw new PatchbayException(what + ": " + e.getMessage());
        }
    }

    private static String text(ObjectNode json, String field, String what) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            throw new PatchbayException(what + " has no '" + field + "'");
        }
        if (!node.isTextual()) {
            throw new PatchbayException(what + ": '" + field + "' is not a string");
        }
        return node.textValue();
    }

    private static byte[] base64(ObjectNode json, String field, String what) {
        try {
            return Base64.getDecoder().decode(text(json, field, what));
        } catch (IllegalArgumentException e) {
            throw new PatchbayException(what + ": '" + field + "' is not base64");
        }
    }
}

package io.patchbay.model.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.json.Json;
import io.patchbay.model.kit.sign.SignedJson;
import io.patchbay.model.kit.sign.SigningKeys;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rotation statement file ({@code *.rotation}): a small JSON object signed by the old key and by the new one.
 * <pre>
 * {
 *   "format"       : "patchbay-key-rotation 1",
 *   "sequence"     : 1,
 *   "madeAt"       : "2026-12-02T09:15:00+01:00[Europe/Berlin]",
 *   "old"          : "SHA256:...",
 *   "new"          : "SHA256:...",
 *   "newKey"       : "&lt;the new public key: X.509 SubjectPublicKeyInfo, base64&gt;",
 *   "revokesOld"   : false,
 *   "oldSignature" : "&lt;Ed25519 by the old key, base64&gt;",
 *   "newSignature" : "&lt;Ed25519 by the new key, base64&gt;"
 * }
 * </pre>
 * Both signatures cover every other field exactly as written ({@link SignedJson#message}). A reader checks the old
 * signature against the key it trusts with that fingerprint (never a key the file brings), the new signature
 * against {@code newKey}, and that {@code new} is {@code newKey}'s fingerprint. It travels as a notice in an inbox
 * ({@link #fileName}) and as the kit entry {@link #kitEntry} of every kit the new key (or a later one) signs.
 */
public final class RotationStatements {
    public static final String SUFFIX = ".rotation";
    public static final String FORMAT = "patchbay-key-rotation 1";
    /** A statement is under a kilobyte; anything this large is not one. */
    public static final int MAX_BYTES = 16 * 1024;
    /** The folder of a kit that carries its signer's rotation statements. */
    public static final String KIT_FOLDER = "trust/";

    private static final String LABEL = "patchbay-key-rotation-v1\n";
    private static final List<String> SIGNED = List.of("format", "sequence", "madeAt", "old", "new", "newKey",
            "revokesOld");
    private static final Set<String> FIELDS = Set.of("format", "sequence", "madeAt", "old", "new", "newKey",
            "revokesOld", "oldSignature", "newSignature");

    private RotationStatements() {
    }

    /** {@code key-rotation-000003.rotation}: zero-padded, so names sort in sequence order. */
    public static String fileName(long sequence) {
        return String.format("key-rotation-%06d%s", sequence, SUFFIX);
    }

    /** {@code trust/key-rotation-000003.rotation}: where a kit carries the statement. */
    public static String kitEntry(long sequence) {
        return KIT_FOLDER + fileName(sequence);
    }

    /** Whether an inbox file is a rotation statement. */
    public static boolean isStatementFileName(String name) {
        return name.endsWith(SUFFIX) && name.length() > SUFFIX.length() && !name.startsWith(".");
    }

    /** Whether a kit entry is one of its rotation statements. */
    public static boolean isKitEntry(String name) {
        return name.startsWith(KIT_FOLDER) && name.indexOf('/', KIT_FOLDER.length()) < 0
                && isStatementFileName(name.substring(KIT_FOLDER.length()));
    }

    /** Signs {@code statement} with the old key and the new one (whose public half it names) and returns the file. */
    public static byte[] sign(RotationStatement statement, PrivateKey oldKey, PrivateKey newKey) {
        String oldFingerprint = SigningKeys.fingerprint(SigningKeys.publicKeyOf(oldKey));
        if (!oldFingerprint.equals(statement.oldFingerprint())) {
            throw new PatchbayException("the old key " + oldFingerprint + " is not the one the statement names ("
                    + statement.oldFingerprint() + ")");
        }
        if (!SigningKeys.publicKeyOf(newKey).equals(statement.newKey())) {
            throw new PatchbayException("the new key is not the one the statement names (" + statement.newFingerprint() + ")");
        }
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("format", FORMAT);
        json.put("sequence", statement.sequence());
        json.put("madeAt", DateTimeFormatter.ISO_ZONED_DATE_TIME.format(statement.madeAt()));
        json.put("old", statement.oldFingerprint());
        json.put("new", statement.newFingerprint());
        json.put("newKey", SignedJson.base64(statement.newKey().getEncoded()));
        json.put("revokesOld", statement.revokesOld());
        byte[] message = SignedJson.message(LABEL, json, SIGNED);
        json.put("oldSignature", SignedJson.base64(SignedJson.sign(oldKey, message, "rotation statement")));
        json.put("newSignature", SignedJson.base64(SignedJson.sign(newKey, message, "rotation statement")));
        return SignedJson.write(json);
    }

    /**
     * Reads a statement and checks both signatures: the old one against the key of {@code trusted} with the
     * fingerprint the statement names, the new one against the key it carries. {@code source} names the file in
     * refusals. Whether the statement is new, known or a replay is {@link KeyTrust}'s to judge.
     */
    public static RotationStatement verify(byte[] bytes, String source, Collection<PublicKey> trusted) {
        String what = "rotation statement " + source;
        ObjectNode json = parse(bytes, what);
        RotationStatement statement = statement(json, what);
        byte[] oldSignature = SignedJson.signature(json, "oldSignature", what);
        byte[] newSignature = SignedJson.signature(json, "newSignature", what);
        byte[] message = SignedJson.message(LABEL, json, SIGNED);
        // Signatures first (python-tuf's order): nothing the file says counts before they hold.
        Optional<PublicKey> oldKey = trusted.stream()
                .filter(k -> SigningKeys.fingerprint(k).equals(statement.oldFingerprint())).findFirst();
        if (oldKey.isEmpty()) {
            throw new PatchbayException(what + " rotates " + statement.oldFingerprint()
                    + ", a key this site does not trust: refused");
        }
        if (!SignedJson.isValid(oldKey.get(), message, oldSignature)) {
            throw new PatchbayException(what + " does not match the old key's signature: it was altered or forged");
        }
        if (!SignedJson.isValid(statement.newKey(), message, newSignature)) {
            throw new PatchbayException(what + " does not match the new key's signature: it was altered or forged");
        }
        return statement;
    }

    /**
     * Reads a statement without checking its signatures: only to tell what it says (its sequence, to order stored
     * statements) before {@link #verify} judges it. Never trust what this returns.
     */
    public static RotationStatement read(byte[] bytes, String source) {
        String what = "rotation statement " + source;
        return statement(parse(bytes, what), what);
    }

    private static ObjectNode parse(byte[] bytes, String what) {
        ObjectNode json = SignedJson.parse(bytes, what, MAX_BYTES, FIELDS);
        String format = SignedJson.text(json, "format", what);
        if (!FORMAT.equals(format)) {
            throw new PatchbayException(what + " has format '" + format + "', expected '" + FORMAT + "'");
        }
        for (String field : List.of("oldSignature", "newSignature")) {
            if (!json.has(field)) {
                throw new PatchbayException(what + " is not signed by both keys (no '" + field + "')");
            }
        }
        return json;
    }

    private static RotationStatement statement(ObjectNode json, String what) {
        long sequence = SignedJson.sequence(json, what);
        ZonedDateTime madeAt;
        try {
            madeAt = ZonedDateTime.parse(SignedJson.text(json, "madeAt", what), DateTimeFormatter.ISO_ZONED_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new PatchbayException(what + ": madeAt is not a time with its zone such as "
                    + "2026-12-02T09:15:00+01:00[Europe/Berlin]");
        }
        String oldFingerprint = SignedJson.text(json, "old", what);
        String newFingerprint = SignedJson.text(json, "new", what);
        PublicKey newKey = SigningKeys.publicKey(SignedJson.base64(json, "newKey", what), what + ": newKey");
        if (!SigningKeys.fingerprint(newKey).equals(newFingerprint)) {
            throw new PatchbayException(what + ": 'new' (" + newFingerprint + ") is not the fingerprint of newKey ("
                    + SigningKeys.fingerprint(newKey) + ")");
        }
        JsonNode revokes = json.get("revokesOld");
        if (revokes == null || !revokes.isBoolean()) {
            throw new PatchbayException(what + ": 'revokesOld' is not true or false");
        }
        try {
            return new RotationStatement(oldFingerprint, newKey, sequence, madeAt, revokes.booleanValue());
        } catch (PatchbayException e) {
            throw new PatchbayException(what + ": " + e.getMessage());
        }
    }
}

package io.patchbay.model.kit.sign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The small signed JSON files a workstation sends beside kits (pull notices, key rotation statements): strict
 * reading, the length-prefixed signed message and Ed25519 signing, in one place so every such file is read and
 * signed the same way. {@code what} names the file in every refusal (e.g. {@code "pull notice Spruce-1.2.pull"}).
 */
public final class SignedJson {
    private SignedJson() {
    }

    /**
     * Parses a signed file strictly: not empty, at most {@code maxBytes}, one JSON object, no duplicated field,
     * nothing after it, and no field outside {@code fields}.
     */
    public static ObjectNode parse(byte[] bytes, String what, int maxBytes, Set<String> fields) {
        if (bytes.length == 0) {
            throw new PatchbayException(what + " is empty");
        }
        if (bytes.length > maxBytes) {
            throw new PatchbayException(what + " is larger than " + maxBytes + " bytes");
        }
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
        if (!(tree instanceof ObjectNode json)) {
            throw new PatchbayException(what + " is not a JSON object");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new PatchbayException(what + " has an unexpected field '" + name + "'");
            }
        }
        return json;
    }

    /** The string field {@code field}; refuses a missing or non-string one. */
    public static String text(ObjectNode json, String field, String what) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            throw new PatchbayException(what + " has no '" + field + "'");
        }
        if (!node.isTextual()) {
            throw new PatchbayException(what + ": '" + field + "' is not a string");
        }
        return node.textValue();
    }

    /**
     * The {@code sequence} field: a whole JSON number from 1 to {@link Long#MAX_VALUE}, written in plain digits
     * (so the signed text has one form).
     */
    public static long sequence(ObjectNode json, String what) {
        JsonNode node = json.get("sequence");
        if (node == null || node.isNull()) {
            throw new PatchbayException(what + " has no 'sequence'");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1) {
            throw new PatchbayException(what + ": 'sequence' is not a whole number from 1 to " + Long.MAX_VALUE);
        }
        return node.longValue();
    }

    /** The base64 string field {@code field}, decoded. */
    public static byte[] base64(ObjectNode json, String field, String what) {
        try {
            return Base64.getDecoder().decode(text(json, field, what));
        } catch (IllegalArgumentException e) {
            throw new PatchbayException(what + ": '" + field + "' is not base64");
        }
    }

    /** The base64 field {@code field} as a 64-byte Ed25519 signature. */
    public static byte[] signature(ObjectNode json, String field, String what) {
        byte[] signature = base64(json, field, what);
        if (signature.length != 64) {
            throw new PatchbayException(what + " has a malformed signature: not an Ed25519 signature");
        }
        return signature;
    }

    /**
     * What is signed: {@code label}, then each of {@code fields} as its name, its UTF-8 length and a newline, then
     * its text exactly as written in the file (a number's digits, {@code true}/{@code false}) and a newline. The
     * lengths keep field boundaries fixed, so text cannot move from one field to another.
     */
    public static byte[] message(String label, ObjectNode json, List<String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        for (String field : fields) {
            byte[] value = json.get(field).asText().getBytes(StandardCharsets.UTF_8);
            out.writeBytes((field + " " + value.length + "\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(value);
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** The Ed25519 signature of {@code message} by {@code key}; {@code what} names the file in errors. */
    public static byte[] sign(PrivateKey key, byte[] message, String what) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new PatchbayException("cannot sign the " + what + " with this key: " + e.getMessage(), e);
        }
    }

    /** Whether {@code key} made {@code signature} over {@code message}. */
    public static boolean isValid(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The file's bytes. */
    public static byte[] write(ObjectNode json) {
        try {
            return Json.mapper().writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + json.get("format"), e);
        }
    }

    /** Base64 of {@code bytes}, as the files write keys and signatures. */
    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}

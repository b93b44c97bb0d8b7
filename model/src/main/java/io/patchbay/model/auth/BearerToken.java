package io.patchbay.model.auth;

import io.patchbay.model.PatchbayException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The secret both ends share, read from a token file by path. It is never printed: {@link #toString()}
 * is redacted, and errors name the file, never its content.
 */
public final class BearerToken {
    /** A token file is one short line; a larger file is a mistake (a key, a kit), not a token. */
    private static final long MAX_FILE_BYTES = 4096;

    private final String value;

    private BearerToken(String value) {
        this.value = value;
    }

    /** Reads the first line of {@code tokenFile}, trimmed; refuses an empty or oversized file. */
    public static BearerToken read(Path tokenFile) {
        try {
            if (Files.size(tokenFile) > MAX_FILE_BYTES) {
                throw new PatchbayException("token file too large (over " + MAX_FILE_BYTES + " bytes): " + tokenFile);
            }
            String text = Files.readString(tokenFile, StandardCharsets.UTF_8);
            String line = text.lines().findFirst().orElse("").trim();
            return of(line, tokenFile.toString());
        } catch (IOException e) {
            throw new PatchbayException("cannot read token file " + tokenFile + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** A token held in memory (tests, or a token the caller read itself); {@code source} names it in errors. */
    public static BearerToken of(String token, String source) {
        if (token == null || token.isEmpty()) {
            throw new PatchbayException("token is empty: " + source);
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new PatchbayException("token contains spaces or non-ASCII characters: " + source);
            }
        }
        return new BearerToken(token);
    }

    /** The value of an {@code Authorization} header carrying this token. */
    public String authorizationHeader() {
        return "Bearer " + value;
    }

    /**
     * True when {@code authorization} (a request's header, possibly null) carries exactly this token. Both
     * sides are hashed first so the comparison takes the same time whatever the length or content.
     */
    public boolean matches(String authorization) {
        if (authorization == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(authorization), sha256(authorizationHeader()));
    }

    /** Replaces every occurrence of the token in {@code text}, so no message can carry it. */
    public String redact(String text) {
        return text == null ? null : text.replace(value, "[token]");
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[redacted]";
    }
}

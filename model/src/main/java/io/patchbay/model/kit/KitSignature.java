package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.sign.SigningKeys;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kit's {@value KitLayout#SIGNATURE}: three text lines naming the signer's public key (X.509 SPKI,
 * base64) and the Ed25519 signature (base64) over {@link #signedMessage}. The signer key is only a
 * hint for errors and {@code kit show}; verification uses the site's trusted key with the same bytes,
 * never the key the kit brings.
 *
 * @param signerKey the signer's SubjectPublicKeyInfo bytes
 * @param signature the 64-byte Ed25519 signature
 */
public record KitSignature(byte[] signerKey, byte[] signature) {
    public static final int MAX_BYTES = 4096;
    private static final String HEADER = "patchbay-kit-signature 1";
    private static final Pattern FORM = Pattern.compile(
            HEADER + "\nsigner ([A-Za-z0-9+/=]{1,200})\ned25519 ([A-Za-z0-9+/=]{1,200})\n");

    public static KitSignature sign(PrivateKey key, PublicKey publicKey, byte[] manifest, byte[] checksums) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(signedMessage(manifest, checksums));
            return new KitSignature(publicKey.getEncoded(), s.sign());
        } catch (GeneralSecurityException e) {
            throw new PatchbayException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** Whether {@code trusted} made this signature over these bytes. */
    public boolean isValid(PublicKey trusted, byte[] manifest, byte[] checksums) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(trusted);
            s.update(signedMessage(manifest, checksums));
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public String signerFingerprint() {
        return SigningKeys.fingerprint(signerKey);
    }

    /**
     * What is signed: a fixed label, the manifest's length, the manifest, then the checksum list. The
     * length keeps the boundary fixed, so bytes cannot move from one part to the other.
     */
    static byte[] signedMessage(byte[] manifest, byte[] checksums) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(manifest.length + checksums.length + 64);
        out.writeBytes(("patchbay-kit-v1\n" + manifest.length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(manifest);
        out.writeBytes(checksums);
        return out.toByteArray();
    }

    public byte[] toBytes() {
        Base64.Encoder b64 = Base64.getEncoder();
        return (HEADER + "\nsigner " + b64.encodeToString(signerKey) + "\ned25519 " + b64.encodeToString(signature)
                + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    public static KitSignature parse(byte[] bytes) {
        Matcher m = FORM.matcher(new String(bytes, StandardCharsets.US_ASCII));
        if (!m.matches()) {
            throw new PatchbayException(KitLayout.SIGNATURE + " is malformed");
        }
        try {
            byte[] sig = Base64.getDecoder().decode(m.group(2));
            if (sig.length != 64) {
                throw new PatchbayException(KitLayout.SIGNATURE + " is malformed: not an Ed25519 signature");
            }
            KitSignature parsed = new KitSignature(Base64.getDecoder().decode(m.group(1)), sig);
            // Base64 decoders ignore the unused low bits of the last character: demand the one canonical
            // text, so that no byte of the kit can change without the kit being refused.
            if (!java.util.Arrays.equals(parsed.toBytes(), bytes)) {
                throw new PatchbayException(KitLayout.SIGNATURE + " is malformed: not in canonical form");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new PatchbayException(KitLayout.SIGNATURE + " is malformed: bad base64");
        }
    }
}

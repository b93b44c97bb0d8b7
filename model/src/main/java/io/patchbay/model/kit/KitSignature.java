package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.sign.SigningKeys;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kit's {@value KitLayout#SIGNATURE}: a header line, then one pair of lines per signer naming the signer's
 * public key (X.509 SPKI, base64) and its Ed25519 signature (base64) over {@link #signedMessage} (for the purpose
 * {@value #KIT_PURPOSE}). A kit made by
 * {@code kit build} has one signer; {@code kit sign} adds more (two-person signing: a release manager and QA).
 * The signer keys are only hints for errors and {@code kit show}; verification uses the trusted keys with the
 * same bytes, never the keys the kit brings.
 *
 * @param signatures one per signer, in the order they signed
 */
public record KitSignature(List<Signed> signatures) {
    public static final int MAX_BYTES = 4096;
    /** More signers than any team needs; keeps the file small and its parsing bounded. */
    public static final int MAX_SIGNERS = 8;
    private static final String HEADER = "patchbay-kit-signature 1";
    /** What a kit's signature signs (see {@link #signedMessage}); other signed archives (bundles) use their own. */
    public static final String KIT_PURPOSE = "patchbay-kit-v1";
    private static final Pattern PAIR = Pattern.compile("signer ([A-Za-z0-9+/=]{1,200})\ned25519 ([A-Za-z0-9+/=]{1,200})\n");

    /** One signer's signature: the signer's SubjectPublicKeyInfo bytes and the 64-byte Ed25519 signature. */
    public record Signed(byte[] signerKey, byte[] signature) {
        public String fingerprint() {
            return SigningKeys.fingerprint(signerKey);
        }

        /** Whether {@code trusted} made this signature over these bytes. */
        public boolean isValid(PublicKey trusted, byte[] manifest, byte[] checksums) {
            return isValid(trusted, KIT_PURPOSE, manifest, checksums);
        }

        /** As {@link #isValid(PublicKey, byte[], byte[])} for an archive signed for {@code purpose}. */
        public boolean isValid(PublicKey trusted, String purpose, byte[] manifest, byte[] checksums) {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify(trusted);
                s.update(signedMessage(purpose, manifest, checksums));
                return s.verify(signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }

    public KitSignature {
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty() || signatures.size() > MAX_SIGNERS) {
            throw new PatchbayException(KitLayout.SIGNATURE + " must hold 1 to " + MAX_SIGNERS + " signatures");
        }
    }

    public static KitSignature sign(PrivateKey key, PublicKey publicKey, byte[] manifest, byte[] checksums) {
        return sign(key, publicKey, KIT_PURPOSE, manifest, checksums);
    }

    /**
     * A signature for another kind of signed archive (a bundle): the same format and checks, over a message that
     * starts with {@code purpose}, so a signature made for one kind of file is never valid for another.
     */
    public static KitSignature sign(PrivateKey key, PublicKey publicKey, String purpose, byte[] manifest,
                                    byte[] checksums) {
        return new KitSignature(List.of(signed(key, publicKey, purpose, manifest, checksums)));
    }

    /** This signature with one more signer's; refuses a signer who already signed. */
    public KitSignature adding(PrivateKey key, PublicKey publicKey, byte[] manifest, byte[] checksums) {
        String fingerprint = SigningKeys.fingerprint(publicKey);
        if (signatures.stream().anyMatch(s -> s.fingerprint().equals(fingerprint))) {
            throw new PatchbayException("the kit is already signed by " + fingerprint);
        }
        if (signatures.size() == MAX_SIGNERS) {
            throw new PatchbayException("the kit already has " + MAX_SIGNERS + " signatures, the most a kit may hold");
        }
        List<Signed> more = new ArrayList<>(signatures);
        more.add(signed(key, publicKey, KIT_PURPOSE, manifest, checksums));
        return new KitSignature(more);
    }

    private static Signed signed(PrivateKey key, PublicKey publicKey, String purpose, byte[] manifest,
                                 byte[] checksums) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(signedMessage(purpose, manifest, checksums));
            return new Signed(publicKey.getEncoded(), s.sign());
        } catch (GeneralSecurityException e) {
            throw new PatchbayException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** The first signer's key: the one {@code kit build} signed with. */
    public byte[] signerKey() {
        return signatures.get(0).signerKey();
    }

    public String signerFingerprint() {
        return signatures.get(0).fingerprint();
    }

    /** Every signer's fingerprint, in signing order. */
    public List<String> signerFingerprints() {
        return signatures.stream().map(Signed::fingerprint).toList();
    }

    /**
     * What is signed: a fixed label, the manifest's length, the manifest, then the checksum list. The
     * length keeps the boundary fixed, so bytes cannot move from one part to the other.
     */
    static byte[] signedMessage(String purpose, byte[] manifest, byte[] checksums) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(manifest.length + checksums.length + 64);
        out.writeBytes((purpose + "\n" + manifest.length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(manifest);
        out.writeBytes(checksums);
        return out.toByteArray();
    }

    public byte[] toBytes() {
        Base64.Encoder b64 = Base64.getEncoder();
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Signed s : signatures) {
            text.append("signer ").append(b64.encodeToString(s.signerKey())).append("\ned25519 ")
                    .append(b64.encodeToString(s.signature())).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static KitSignature parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.startsWith(HEADER + "\n")) {
            throw new PatchbayException(KitLayout.SIGNATURE + " is malformed");
        }
        List<Signed> signatures = new ArrayList<>();
        Matcher m = PAIR.matcher(text);
        int at = HEADER.length() + 1;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at || signatures.size() == MAX_SIGNERS) {
                throw new PatchbayException(KitLayout.SIGNATURE + " is malformed");
            }
            try {
                byte[] sig = Base64.getDecoder().decode(m.group(2));
                if (sig.length != 64) {
                    throw new PatchbayException(KitLayout.SIGNATURE + " is malformed: not an Ed25519 signature");
                }
                signatures.add(new Signed(Base64.getDecoder().decode(m.group(1)), sig));
            } catch (IllegalArgumentException e) {
                throw new PatchbayException(KitLayout.SIGNATURE + " is malformed: bad base64");
            }
            at = m.end();
        }
        if (signatures.isEmpty()) {
            throw new PatchbayException(KitLayout.SIGNATURE + " is malformed");
        }
        KitSignature parsed = new KitSignature(signatures);
        // Base64 decoders ignore the unused low bits of the last character: demand the one canonical
        // text, so that no byte of the kit can change without the kit being refused.
        if (!Arrays.equals(parsed.toBytes(), bytes)) {
            throw new PatchbayException(KitLayout.SIGNATURE + " is malformed: not in canonical form");
        }
        return parsed;
    }
}

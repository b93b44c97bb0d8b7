package io.patchbay.model.trust;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.sign.SigningKeys;

import java.security.PublicKey;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A signing key's successor, as its holder declares it: "kits signed by {@code newKey} are as good as mine"
 * (TUF's root rotation, for one key). Signed by both keys ({@link RotationStatements}), so whoever trusts the old
 * key learns the new one, and nobody can name a successor without holding it.
 *
 * @param oldFingerprint {@code SHA256:...} of the key being replaced
 * @param newKey         the successor's public key
 * @param sequence       the statement's number, one higher than the old key's own statement (1 for a first
 *                       rotation); a site refuses a statement older than one it accepted ("no going back")
 * @param madeAt         when the statement was made, in the zone of the workstation that made it
 * @param revokesOld     whether kits signed only by the old key and made after {@code madeAt} are refused
 */
public record RotationStatement(String oldFingerprint, PublicKey newKey, long sequence, ZonedDateTime madeAt,
                                boolean revokesOld) {
    public RotationStatement {
        Objects.requireNonNull(oldFingerprint, "oldFingerprint");
        Objects.requireNonNull(newKey, "newKey");
        Objects.requireNonNull(madeAt, "madeAt");
        if (sequence < 1) {
            throw new PatchbayException("a rotation statement's sequence number must be 1 or more");
        }
        if (oldFingerprint.equals(SigningKeys.fingerprint(newKey))) {
            throw new PatchbayException("a rotation statement must name a new key, not the old key again");
        }
    }

    public String newFingerprint() {
        return SigningKeys.fingerprint(newKey);
    }

    /** {@code key rotation 3 (SHA256:old... to SHA256:new..., revoking the old key)}, for messages. */
    public String title() {
        return "key rotation " + sequence + " (" + oldFingerprint + " to " + newFingerprint()
                + (revokesOld ? ", revoking the old key" : "") + ")";
    }
}

package io.patchbay.app.ui.desktop;

import io.patchbay.model.kit.sign.SigningKeys;

import java.security.PublicKey;
import java.util.List;

/** Whether a workspace trusts a kit's signer, in the words the kit window shows. */
enum KitTrust {
    TRUSTED("trusted: this workspace pinned the signer's key"),
    FIRST_USE("this workspace trusts no signer yet: adding the kit pins its signer (trust on first use)"),
    NOT_TRUSTED("NOT trusted: this workspace pins other signers, so adding is refused (release add --trust KEY.pub)");

    private final String words;

    KitTrust(String words) {
        this.words = words;
    }

    String words() {
        return words;
    }

    static KitTrust of(String signerFingerprint, List<PublicKey> trusted) {
        if (trusted.isEmpty()) {
            return FIRST_USE;
        }
        return trusted.stream().anyMatch(k -> SigningKeys.fingerprint(k).equals(signerFingerprint)) ? TRUSTED : NOT_TRUSTED;
    }
}

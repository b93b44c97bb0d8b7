package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;

/**
 * A kit signed by a key nobody trusts here. Its own type so that each front end can add how to trust the key in
 * its own words (the workstation's {@code --trust KEY.pub}; the agent's {@code init --trust}).
 */
public final class UntrustedSignerException extends PatchbayException {
    private static final long serialVersionUID = 1L;
    private final String signer;

    public UntrustedSignerException(String signer) {
        this(java.util.List.of(signer));
    }

    /** A kit whose every signer (in signing order) is a key nobody trusts here. */
    public UntrustedSignerException(java.util.List<String> signers) {
        super(signers.size() == 1 ? "signed by " + signers.get(0) + ", a key that is not trusted"
                : "signed by " + String.join(" and ", signers) + ", none of them a trusted key");
        this.signer = signers.get(0);
    }

    /** The (first) signer's fingerprint, {@code SHA256:...}. */
    public String signer() {
        return signer;
    }

    /** This refusal followed by how to trust the key: {@code " (if you trust it: " + how + ")"}. */
    public PatchbayException withHint(String how) {
        return new PatchbayException(getMessage() + "; if you trust it, " + how, this);
    }
}

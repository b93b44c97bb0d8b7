package io.patchbay.model.workspace;

import java.util.Locale;

/** What a delivery carries to its site. */
public enum DeliveryKind {
    /** The release's kit. */
    KIT,
    /** The release's signed pull notice: the site must not install it (design.md, "Rollout waves, pulls and holds"). */
    PULL,
    /**
     * A signed key rotation statement ({@link KeyRotations}): the site trusts the new key from then on. No release's;
     * sent before anything else, so a kit signed by the new key finds it known.
     */
    ROTATION;

    /** The word stored in the outbox and shown to a user. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeliveryKind ofWord(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return word();
    }
}

package io.patchbay.model.workspace;

import java.util.Locale;

/**
 * Where one kit's journey to one site stands (design.md, "States a user sees in the matrix"). Each
 * state has a word a user reads; colour and icon come from the client, never instead of the word.
 */
public enum DeliveryState {
    /** Waiting for a worker. */
    QUEUED,
    /** A worker is pushing it now (the matrix adds the percentage). */
    SENDING,
    /** The last try failed; the next try is scheduled (the matrix shows when and why). */
    RETRYING,
    /** The complete kit is in the site's inbox. */
    DELIVERED,
    /** The site's agent refused the kit (the matrix shows why). */
    REJECTED,
    /** A person cancelled it; the only way a delivery ends without arriving. */
    CANCELLED,
    /**
     * Handed over by bundle: written into a signed bundle a person carries to the site (no network). No worker sends
     * it; the site's report, imported with the bundle's way back, says whether it arrived.
     */
    BUNDLED;

    /** The word a user sees. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when no worker will touch it again. */
    public boolean isFinal() {
        return this == DELIVERED || this == REJECTED || this == CANCELLED || this == BUNDLED;
    }

    static DeliveryState ofWord(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return word();
    }
}

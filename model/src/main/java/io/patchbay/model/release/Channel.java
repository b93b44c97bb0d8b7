package io.patchbay.model.release;

import io.patchbay.model.PatchbayException;

import java.util.Locale;

/** The release stream a site follows. */
public enum Channel {
    STABLE, BETA;

    public static Channel parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PatchbayException("not a channel: '" + text + "' (expected stable or beta)");
        }
    }

    /** The word used in manifests, commands and screens. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return word();
    }
}

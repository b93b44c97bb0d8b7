package io.patchbay.model.policy;

import io.patchbay.model.PatchbayException;

import java.util.Locale;

/** How a site lets a patch that passed every rule go ahead. */
public enum InstallMode {
    /** Installs as soon as every rule allows. */
    AUTOMATIC,
    /** Installs at the time an operator set for that patch ({@code agent schedule}). */
    SCHEDULED,
    /** Waits for an operator's "Install now". */
    MANUAL;

    public static InstallMode parse(String text) {
        for (InstallMode m : values()) {
            if (m.word().equals(text == null ? null : text.strip().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new PatchbayException("not an install mode: '" + text + "' (expected automatic, scheduled or manual)");
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return word();
    }
}

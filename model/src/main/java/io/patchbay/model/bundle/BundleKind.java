package io.patchbay.model.bundle;

import io.patchbay.model.kit.SignedEntries;

/**
 * The two ways a bundle travels (design.md, "Deltas and sites without a network"): kits and pull notices to a site,
 * signed with the kit key; and a site's report back, signed with its agent's own key. Each has its own format word
 * and signature purpose, so neither can pass for the other.
 */
public enum BundleKind {
    /** Kits and pull notices for the sites' inboxes. */
    DELIVERY("patchbay-bundle 1", "patchbay-bundle-v1", "bundle"),
    /** One site's status reports (patches with their checks and installations, the agent's report and health). */
    REPORT("patchbay-report 1", "patchbay-report-v1", "report bundle");

    private final String format;
    private final SignedEntries signed;
    private final String word;

    BundleKind(String format, String purpose, String word) {
        this.format = format;
        this.signed = new SignedEntries(purpose, BundleLayout.SIGNATURE);
        this.word = word;
    }

    /** The manifest's {@code format}. */
    public String format() {
        return format;
    }

    SignedEntries signed() {
        return signed;
    }

    /** How messages name it: "bundle", "report bundle". */
    public String word() {
        return word;
    }

    static BundleKind ofFormat(String format) {
        for (BundleKind k : values()) {
            if (k.format.equals(format)) {
                return k;
            }
        }
        return null;
    }
}

package io.patchbay.app.ui.kit;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the wizard shows after a build: the kit, its size, entries, SHA-256 and signers (fingerprints, the builder's
 * first; two-person signing adds more), and the delta built beside it, if any.
 */
public record BuildSummary(Path kit, String title, long size, int entries, int payloadFiles, String sha256,
                           List<String> signers, DeltaPart delta) {
    public BuildSummary {
        signers = List.copyOf(signers);
    }

    /**
     * A delta kit built beside the full kit: from {@code baseTitle}, with how many payload files travel as patches,
     * whole, or not at all (the site has them).
     */
    public record DeltaPart(Path kit, String baseTitle, long size, String sha256, int patched, int whole,
                            int unchanged) {
    }

    /** The same kit after another signature was added: its bytes, and so its size and SHA-256, changed. */
    BuildSummary signedAgain(long newSize, String newSha256, List<String> newSigners) {
        return new BuildSummary(kit, title, newSize, entries, payloadFiles, newSha256, newSigners, delta);
    }

    /** The delta's size as a share of the full kit's, e.g. {@code 0.21 %}; empty without a delta. */
    public String deltaShare() {
        if (delta == null || size == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f %%", 100.0 * delta.size() / size);
    }
}

package io.patchbay.app.ui.kit;

import java.nio.file.Path;
import java.util.List;

/**
 * What the wizard shows after a build: the kit, its size, entries, SHA-256 and signers (fingerprints, the builder's
 * first; two-person signing adds more).
 */
public record BuildSummary(Path kit, String title, long size, int entries, int payloadFiles, String sha256,
                           List<String> signers) {
    public BuildSummary {
        signers = List.copyOf(signers);
    }

    /** The same kit after another signature was added: its bytes, and so its size and SHA-256, changed. */
    BuildSummary signedAgain(long newSize, String newSha256, List<String> newSigners) {
        return new BuildSummary(kit, title, newSize, entries, payloadFiles, newSha256, newSigners);
    }
}

package io.patchbay.app.ui.kit;

import java.nio.file.Path;

/** What the wizard shows after a build: the kit, its size, entries, SHA-256 and signer. */
public record BuildSummary(Path kit, String title, long size, int entries, int payloadFiles, String sha256,
                           String signerFingerprint) {
}

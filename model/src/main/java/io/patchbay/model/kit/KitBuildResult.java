package io.patchbay.model.kit;

import java.nio.file.Path;

/**
 * A kit that was built and moved into place.
 *
 * @param entries           entries in the kit, including kit.ini, the checksum list and the signature
 * @param contentBytes      bytes of all entries before packing
 * @param signerFingerprint the signing key's {@code SHA256:...} fingerprint
 */
public record KitBuildResult(Path kit, long kitSize, int entries, long contentBytes, String signerFingerprint) {
}

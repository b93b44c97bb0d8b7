package io.patchbay.model.workspace;

import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;

import java.time.Instant;

/**
 * A release recorded in the workspace, with its kit (kept in the workspace's {@code kits/} folder).
 *
 * @param pulledReason why it was pulled; null unless {@code pulled}
 * @param manifestText the kit's {@code kit.ini} exactly as signed
 * @param pullNoticeSigned the release is pulled and its pull notice is signed, so notices go out; a pull
 *                         without the signing key at hand leaves them waiting
 */
public record Release(
        long id, String product, Version version, Channel channel, boolean automatic, boolean major,
        Instant releasedAt, boolean pulled, String pulledReason, Instant pulledAt,
        String kitFile, String kitSha256, long kitSize, String signerFingerprint, String manifestText,
        Instant addedAt, boolean pullNoticeSigned) {

    /** {@code Spruce 12.10.11}, as screens and events name it. */
    public String title() {
        return product + " " + version;
    }
}

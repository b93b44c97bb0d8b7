package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.zip.ZipEntryHeader;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Whether a delta kit, already verified ({@link DeltaApplier#verify}), is a delta of exactly this release from
 * exactly this base: the release list it rebuilds is the release's full kit's checksum list byte for byte, and the
 * base list its manifest names is the base kit's. What a workstation checks before it sends a delta in place of a
 * full kit; no I/O beyond reading the three kits' small lists.
 */
public final class DeltaFit {
    private DeltaFit() {
    }

    /**
     * @param delta       the delta kit's manifest as verified (with {@code [delta]})
     * @param releaseKit  the release's full kit
     * @param baseKit     the base release's full kit
     * @return null when it fits; otherwise one line saying what does not
     */
    public static String problem(Path deltaKit, Manifest delta, Path releaseKit, Manifest release, Path baseKit)
            throws IOException {
        if (!delta.product().equals(release.product()) || !delta.version().equals(release.version())) {
            return "it is a delta of " + delta.title() + ", not of " + release.title();
        }
        String target = listSha256(deltaKit, KitLayout.DELTA_CHECKSUMS);
        if (!target.equals(listSha256(releaseKit, KitLayout.CHECKSUMS))) {
            return "its target is not the workspace's kit of " + release.title()
                    + " (the files it makes differ from that kit's checksum list)";
        }
        if (!delta.delta().checksums().equals(listSha256(baseKit, KitLayout.CHECKSUMS))) {
            return "its base is not the workspace's kit of " + release.product() + " " + delta.delta().version()
                    + " (another kit with that version)";
        }
        return null;
    }

    private static String listSha256(Path kit, String entry) throws IOException {
        try (KitReader reader = KitReader.open(kit)) {
            ZipEntryHeader e = KitVerifier.byName(reader).get(entry);
            if (e == null) {
                throw new PatchbayException(kit.getFileName() + " has no " + entry);
            }
            return DeltaBuilder.sha256(KitVerifier.readSmall(reader, e, ChecksumList.MAX_BYTES, entry + " is too large"));
        }
    }
}

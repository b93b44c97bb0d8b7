package io.patchbay.model.kit;

import io.patchbay.model.trust.RotationStatements;

import java.util.Set;

/**
 * Names and modes inside a kit (design.md, "The kit"). Every entry is a regular file, mode 644, or 755
 * for executables (hooks always; payload and data files when their owner may execute them).
 */
public final class KitLayout {
    public static final String MANIFEST = ManifestCodec.FILE;
    /** SHA-256, size and mode of every entry except itself and the signature; see {@link ChecksumList}. */
    public static final String CHECKSUMS = "checksums.sha256";
    /**
     * The same checksums in the form {@code sha256sum -c} reads ({@code <sha256 hex>  <name>}), for every entry
     * but itself, the checksum list and the signature; listed (so signed) in the checksum list. Optional: kits
     * made before it was added lack it and stay valid.
     */
    public static final String SHA256SUMS = "SHA256SUMS";
    /** The detached Ed25519 signature over the manifest and the checksum list; see {@link KitSignature}. */
    public static final String SIGNATURE = "kit.sig";
    public static final String PAYLOAD = "payload/";
    public static final String DATA = "data/";
    public static final String HOOKS = "hooks/";
    public static final Set<String> HOOK_NAMES = Set.of("pre-install", "install", "verify", "post-install");
    public static final int FILE_MODE = 0100644;
    public static final int EXECUTABLE_MODE = 0100755;

    private KitLayout() {
    }

    /** Whether {@code name} (already a safe path) may appear in a kit at all. */
    public static boolean isKnownEntry(String name) {
        return name.equals(MANIFEST) || name.equals(CHECKSUMS) || name.equals(SIGNATURE) || name.equals(SHA256SUMS)
                || name.equals(ReleaseNotes.MARKDOWN_ENTRY) || name.equals(ReleaseNotes.HTML_ENTRY)
                || (name.startsWith(PAYLOAD) && name.length() > PAYLOAD.length())
                || (name.startsWith(DATA) && name.length() > DATA.length())
                || (name.startsWith(HOOKS) && HOOK_NAMES.contains(name.substring(HOOKS.length())))
                || RotationStatements.isKitEntry(name);
    }

    public static boolean isValidMode(int mode) {
        return mode == FILE_MODE || mode == EXECUTABLE_MODE;
    }
}

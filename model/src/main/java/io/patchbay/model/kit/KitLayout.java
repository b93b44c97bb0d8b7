package io.patchbay.model.kit;

import io.patchbay.model.trust.RotationStatements;

import java.util.List;
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
    /**
     * A delta kit's own entries (see {@code DeltaBuilder}): the full release's manifest and checksum list as they
     * are, the base release's checksum list, and per entry of the release either a patch against the installed
     * base file ({@code delta/patch/payload/...}; at another path when {@code delta/patched-from} says so) or the whole
     * file ({@code delta/whole/<entry name>}).
     */
    public static final String DELTA = "delta/";
    public static final String DELTA_MANIFEST = "delta/kit.ini";
    public static final String DELTA_CHECKSUMS = "delta/checksums.sha256";
    public static final String DELTA_BASE = "delta/base.sha256";
    public static final String DELTA_PATCH = "delta/patch/";
    public static final String DELTA_WHOLE = "delta/whole/";
    /** Which base file a patch for a new path reads, when not the same path ({@link PatchedFrom}); optional. */
    public static final String DELTA_PATCHED_FROM = "delta/patched-from";
    public static final int FILE_MODE = 0100644;
    public static final int EXECUTABLE_MODE = 0100755;

    private KitLayout() {
    }

    /** Whether {@code name} (already a safe path) may appear in a kit at all. */
    public static boolean isKnownEntry(String name) {
        return name.equals(MANIFEST) || name.equals(CHECKSUMS) || name.equals(SIGNATURE) || name.equals(SHA256SUMS)
                || isContent(name) || isDeltaEntry(name) || RotationStatements.isKitEntry(name);
    }

    /** What a release installs or shows: payload, data, hooks and notes (all but the kit's own lists). */
    public static boolean isContent(String name) {
        return name.equals(ReleaseNotes.MARKDOWN_ENTRY) || name.equals(ReleaseNotes.HTML_ENTRY)
                || (name.startsWith(PAYLOAD) && name.length() > PAYLOAD.length())
                || (name.startsWith(DATA) && name.length() > DATA.length())
                || (name.startsWith(HOOKS) && HOOK_NAMES.contains(name.substring(HOOKS.length())));
    }

    private static boolean isDeltaEntry(String name) {
        return name.equals(DELTA_MANIFEST) || name.equals(DELTA_CHECKSUMS) || name.equals(DELTA_BASE)
                || name.equals(DELTA_PATCHED_FROM)
                || (name.startsWith(DELTA_PATCH + PAYLOAD) && name.length() > DELTA_PATCH.length() + PAYLOAD.length())
                || (name.startsWith(DELTA_WHOLE) && isContent(name.substring(DELTA_WHOLE.length())));
    }

    /**
     * Why these entries do not make a kit of its manifest's kind, or null: a delta kit holds its three lists and no
     * content of its own; a full kit holds no delta entries. Neither can then pass for the other.
     */
    public static String kindProblem(boolean delta, Set<String> names) {
        for (String name : names) {
            if (delta && isContent(name)) {
                return "a delta kit holds " + name + " (its files sit under " + DELTA + ")";
            }
            if (!delta && name.startsWith(DELTA)) {
                return "a full kit holds the delta entry " + name + " (its kit.ini has no [delta] section)";
            }
        }
        if (delta) {
            for (String needed : List.of(DELTA_MANIFEST, DELTA_CHECKSUMS, DELTA_BASE)) {
                if (!names.contains(needed)) {
                    return "a delta kit lacks " + needed;
                }
            }
        }
        return null;
    }

    public static boolean isValidMode(int mode) {
        return mode == FILE_MODE || mode == EXECUTABLE_MODE;
    }
}

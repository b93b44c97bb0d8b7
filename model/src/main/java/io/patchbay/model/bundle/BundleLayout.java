package io.patchbay.model.bundle;

import io.patchbay.model.kit.KitLayout;
import io.patchbay.model.kit.SignedEntries;

/**
 * Names inside a bundle (design.md, "Deltas and sites without a network"): a ZIP in the kit's canonical form with
 * {@value #MANIFEST}, the kit's {@value KitLayout#CHECKSUMS} list of every other entry but the signature, the
 * signature {@value #SIGNATURE} (the kit's signature format, made for {@value #PURPOSE}), and the files under
 * {@value #FILES}, named as they are named in a site's inbox.
 */
public final class BundleLayout {
    public static final String FORMAT = "patchbay-bundle 1";
    public static final String MANIFEST = "bundle.json";
    public static final String SIGNATURE = "bundle.sig";
    public static final String FILES = "inbox/";
    /** What a bundle's signature is made for: never valid as a kit's, nor a kit's as a bundle's. */
    public static final String PURPOSE = "patchbay-bundle-v1";
    /** A manifest of thousands of entries fits. */
    public static final int MAX_MANIFEST_BYTES = 4 << 20;
    static final SignedEntries SIGNED = new SignedEntries(PURPOSE, SIGNATURE);

    private BundleLayout() {
    }

    static boolean isKnownEntry(String name) {
        return name.equals(MANIFEST) || name.equals(KitLayout.CHECKSUMS) || name.equals(SIGNATURE)
                || (name.startsWith(FILES) && name.length() > FILES.length() && name.indexOf('/', FILES.length()) < 0);
    }
}

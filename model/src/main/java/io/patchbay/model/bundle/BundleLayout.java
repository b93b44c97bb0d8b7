package io.patchbay.model.bundle;

import io.patchbay.model.kit.KitLayout;

/**
 * Names inside a bundle of either {@link BundleKind}: a ZIP in the kit's canonical form with {@value #MANIFEST}, the
 * kit's {@value KitLayout#CHECKSUMS} list of every other entry but the signature, the signature {@value #SIGNATURE}
 * (the kit's signature format, made for the kind's purpose), and the files under {@value #FILES}, named as they are
 * named in a site's inbox or status folder.
 */
public final class BundleLayout {
    public static final String MANIFEST = "bundle.json";
    public static final String SIGNATURE = "bundle.sig";
    public static final String FILES = "files/";
    /** A manifest of thousands of entries fits. */
    public static final int MAX_MANIFEST_BYTES = 4 << 20;

    private BundleLayout() {
    }

    static boolean isKnownEntry(String name) {
        return name.equals(MANIFEST) || name.equals(KitLayout.CHECKSUMS) || name.equals(SIGNATURE)
                || (name.startsWith(FILES) && name.length() > FILES.length() && name.indexOf('/', FILES.length()) < 0);
    }
}

package io.patchbay.model.kit;

import java.util.Arrays;

/**
 * Every key {@code kit.ini} knows, with what it means: the one list behind {@code patchbay kit init}'s template
 * and the "missing key" refusals of {@link ManifestCodec}, so the two never disagree.
 */
public enum ManifestKey {
    PRODUCT("release", "product", "the product's name, as the sites' agents know it (letters, digits, space, . - _)"),
    VERSION("release", "version", "this release's version, numbers such as 12.10.11"),
    REQUIRES("release", "requires", "the lowest installed version this kit upgrades (at most the version)"),
    CHANNEL("release", "channel", "stable or beta: a site gets the releases of its own channel"),
    AUTOMATIC("release", "automatic", "true: installs by the site's policy; false: an operator must install it"),
    MAJOR("release", "major", "true: a major upgrade, installed automatically only where the site allows it"),
    RELEASED("release", "released", "when it was published, an ISO instant such as 2026-11-20T09:00:00Z; "
            + "wait days count from here"),
    BACKUP_DATA("backup", "data", "optional, default false; true: the pre-install backup includes the site's data root"),
    REMOVE("install", "remove", "optional; a path below the install root the release deletes; one per line, repeatable"),
    BUILT_BY("build", "by", "written by kit build, not by you: the Patchbay version and source commit that built the kit"),
    DELTA_BASE("delta", "base", "written by kit delta, not by you: the version of the release this delta kit patches"),
    DELTA_BASE_CHECKSUMS("delta", "base-checksums",
            "written by kit delta, not by you: the SHA-256 of that release's kit checksum list");

    private final String section;
    private final String key;
    private final String meaning;

    ManifestKey(String section, String key, String meaning) {
        this.section = section;
        this.key = key;
        this.meaning = meaning;
    }

    public String section() {
        return section;
    }

    public String key() {
        return key;
    }

    public String meaning() {
        return meaning;
    }

    static ManifestKey of(String section, String key) {
        return Arrays.stream(values()).filter(k -> k.section.equals(section) && k.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no kit.ini key " + section + "." + key));
    }
}

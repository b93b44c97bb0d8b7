package io.patchbay.model.kit;

import io.patchbay.model.release.Version;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The commented {@code kit.ini} that {@code patchbay kit init} writes: every key with its meaning above it, so a
 * newcomer never has to learn the keys from refusals. With a product and a version it builds as it is (requires
 * = the version, stable, automatic, released now); without them those two stay empty and {@code kit build} names
 * their lines.
 */
public final class KitIniTemplate {
    private KitIniTemplate() {
    }

    /** @param product null to leave empty; else a valid product name. @param version null to leave empty */
    public static String text(String product, Version version, Instant released) {
        String v = version == null ? "" : version.toString();
        StringBuilder out = new StringBuilder()
                .append("; kit.ini: which release a kit carries and how sites may install it.\n")
                .append("; Used by: patchbay kit build --manifest kit.ini ...  A value may end with a comment\n")
                .append("; after a space: channel = stable ; or beta\n");
        section(out, "release");
        key(out, ManifestKey.PRODUCT, product == null ? "" : ProductNames.check(product));
        key(out, ManifestKey.VERSION, v);
        key(out, ManifestKey.REQUIRES, v);
        key(out, ManifestKey.CHANNEL, "stable");
        key(out, ManifestKey.AUTOMATIC, "true");
        key(out, ManifestKey.MAJOR, "false");
        key(out, ManifestKey.RELEASED, released.truncatedTo(ChronoUnit.SECONDS).toString());
        section(out, "backup");
        key(out, ManifestKey.BACKUP_DATA, "false");
        section(out, "install");
        out.append("; ").append(ManifestKey.REMOVE.meaning()).append('\n')
                .append("; remove = lib/obsolete.jar\n");
        section(out, "build");
        out.append("; ").append(ManifestKey.BUILT_BY.meaning()).append('\n')
                .append("; by = Patchbay 0.1.0 (commit ...)\n");
        section(out, "delta");
        out.append("; ").append(ManifestKey.DELTA_BASE.meaning()).append('\n')
                .append("; base = 12.10.0\n")
                .append("; ").append(ManifestKey.DELTA_BASE_CHECKSUMS.meaning()).append('\n')
                .append("; base-checksums = 9f86d081...\n");
        return out.toString();
    }

    private static void section(StringBuilder out, String name) {
        out.append('\n').append('[').append(name).append("]\n");
    }

    private static void key(StringBuilder out, ManifestKey key, String value) {
        out.append("; ").append(key.meaning()).append('\n')
                .append(key.key()).append(" = ").append(value).append('\n');
    }
}

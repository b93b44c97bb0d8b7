package io.patchbay.model.kit;

import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code kit.ini} says: which release this is and how it may be installed.
 *
 * @param product    the software being shipped, e.g. "Spruce"
 * @param version    this release's version
 * @param requires   the lowest installed version this kit upgrades
 * @param channel    stable or beta
 * @param automatic  false: an operator must install it (e.g. a yearly major release)
 * @param major      a major upgrade installs automatically only where the site allows it
 * @param released   when the release was published; wait days count from here
 * @param backupData include the site's data root in the pre-install backup
 * @param remove     install-root-relative paths the release deletes
 * @param builtBy    what built the kit, as {@code kit build} stamps it (e.g. {@code Patchbay 0.1.0 (commit
 *                   f1d76ac12345, 2026-12-02 04:40 UTC)}); signed with the manifest; null in a kit.ini as written
 */
public record Manifest(
        String product,
        Version version,
        Version requires,
        Channel channel,
        boolean automatic,
        boolean major,
        Instant released,
        boolean backupData,
        List<String> remove,
        String builtBy) {

    /** A manifest as a person writes it: no builder stamped yet. */
    public Manifest(String product, Version version, Version requires, Channel channel, boolean automatic, boolean major,
                    Instant released, boolean backupData, List<String> remove) {
        this(product, version, requires, channel, automatic, major, released, backupData, remove, null);
    }

    public Manifest {
        ProductNames.check(Objects.requireNonNull(product, "product"));
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(requires, "requires");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(released, "released");
        remove = List.copyOf(remove);
        builtBy = builtBy == null || builtBy.isBlank() ? null : builtBy.strip();
    }

    /** This manifest stamped with what built the kit. */
    public Manifest withBuiltBy(String by) {
        return new Manifest(product, version, requires, channel, automatic, major, released, backupData, remove, by);
    }

    /** The name a release goes by in screens and file names: {@code Spruce 12.10.11}. */
    public String title() {
        return product + " " + version;
    }
}

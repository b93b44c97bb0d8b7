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
        List<String> remove) {

    public Manifest {
        ProductNames.check(Objects.requireNonNull(product, "product"));
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(requires, "requires");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(released, "released");
        remove = List.copyOf(remove);
    }

    /** The name a release goes by in screens and file names: {@code Spruce 12.10.11}. */
    public String title() {
        return product + " " + version;
    }
}

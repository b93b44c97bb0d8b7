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
 * @param delta      in a delta kit, the release it patches ({@code [delta]}); null in a full kit
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
        String builtBy,
        DeltaBase delta) {

    /**
     * A delta kit's base: the release whose installed files its patches read.
     *
     * @param version   the base release's version
     * @param checksums hex SHA-256 of the base kit's {@code checksums.sha256}: names exactly which build of it
     */
    public record DeltaBase(Version version, String checksums) {
        public DeltaBase {
            Objects.requireNonNull(version, "version");
            if (checksums == null || !checksums.matches("[0-9a-f]{64}")) {
                throw new io.patchbay.model.PatchbayException("a delta's base checksums must be 64 lowercase hex digits");
            }
        }
    }

    /** A manifest as a person writes it: no builder stamped yet. */
    public Manifest(String product, Version version, Version requires, Channel channel, boolean automatic, boolean major,
                    Instant released, boolean backupData, List<String> remove) {
        this(product, version, requires, channel, automatic, major, released, backupData, remove, null, null);
    }

    /** A full kit's manifest as a kit states it. */
    public Manifest(String product, Version version, Version requires, Channel channel, boolean automatic, boolean major,
                    Instant released, boolean backupData, List<String> remove, String builtBy) {
        this(product, version, requires, channel, automatic, major, released, backupData, remove, builtBy, null);
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
        return new Manifest(product, version, requires, channel, automatic, major, released, backupData, remove, by, delta);
    }

    /** This manifest as a delta kit against {@code base} states it, or as the full kit when {@code base} is null. */
    public Manifest withDelta(DeltaBase base) {
        return new Manifest(product, version, requires, channel, automatic, major, released, backupData, remove, builtBy,
                base);
    }

    /** True for a delta kit: it carries patches against {@link #delta()}'s release, not whole files. */
    public boolean isDelta() {
        return delta != null;
    }

    /** The name a release goes by in screens and file names: {@code Spruce 12.10.11}. */
    public String title() {
        return product + " " + version;
    }
}

package io.patchbay.model.bundle;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.KitPaths;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a bundle says of itself ({@value BundleLayout#MANIFEST}): the sites it is for, when it was made, and its files
 * in the order they are to be taken in (for a delivery, pull notices before kits, as the outbox sends them).
 *
 * @param format   its {@link BundleKind}'s format word
 * @param sites    every site the bundle carries files for, sorted; a report's one site
 * @param created  when it was written (by the workstation's clock, or the site's for a report)
 * @param sequence a report's number, higher with every report of its site (so an older one is not imported over a
 *                 newer one); null for a delivery
 * @param entries  its files, in order
 */
public record BundleManifest(String format, List<String> sites, Instant created, Long sequence, List<Entry> entries) {

    /**
     * One file for the sites' inboxes.
     *
     * @param file  the name it takes in a site's inbox (a kit file name, or a pull notice's)
     * @param what  how the workstation names it, e.g. "Spruce 12.10.11" or "Spruce 12.10.11 pull notice"
     * @param sites the sites it is for
     */
    public record Entry(String file, String what, List<String> sites) {
        public Entry {
            if (file == null || file.contains("/") || KitPaths.problem(file) != null) {
                throw new PatchbayException("the bundle names a file '" + file + "' that cannot be an inbox file name");
            }
            sites = List.copyOf(sites == null ? List.of() : sites);
            if (sites.isEmpty()) {
                throw new PatchbayException("the bundle's file " + file + " is for no site");
            }
        }

        /** The entry's name in the bundle archive. */
        public String archiveName() {
            return BundleLayout.FILES + file;
        }

        public boolean isFor(String site) {
            return sites.contains(site);
        }
    }

    public BundleManifest {
        if (BundleKind.ofFormat(format) == null) {
            throw new PatchbayException("not a bundle of a format this version reads: '" + format + "'");
        }
        if ((BundleKind.ofFormat(format) == BundleKind.REPORT) != (sequence != null)) {
            throw new PatchbayException(BundleLayout.MANIFEST + ": a report bundle, and only a report bundle, has a sequence");
        }
        sites = List.copyOf(sites == null ? List.of() : sites);
        entries = List.copyOf(entries == null ? List.of() : entries);
        if (sites.isEmpty() || created == null) {
            throw new PatchbayException(BundleLayout.MANIFEST + " names no site or no time");
        }
        Set<String> files = new HashSet<>();
        for (Entry e : entries) {
            if (!files.add(e.file())) {
                throw new PatchbayException(BundleLayout.MANIFEST + " lists " + e.file() + " twice");
            }
            if (!sites.containsAll(e.sites())) {
                throw new PatchbayException(BundleLayout.MANIFEST + " gives " + e.file() + " to a site it is not for");
            }
        }
    }

    /** A bundle carrying kits and pull notices to {@code sites}. */
    public static BundleManifest delivery(List<String> sites, Instant created, List<Entry> entries) {
        return new BundleManifest(BundleKind.DELIVERY.format(), sites, created, null, entries);
    }

    /** A site's report bundle, number {@code sequence}. */
    public static BundleManifest report(String site, Instant created, long sequence, List<Entry> entries) {
        return new BundleManifest(BundleKind.REPORT.format(), List.of(site), created, sequence, entries);
    }

    public BundleKind kind() {
        return BundleKind.ofFormat(format);
    }

    /** The files for {@code site}, in order. */
    public List<Entry> entriesFor(String site) {
        return entries.stream().filter(e -> e.isFor(site)).toList();
    }
}

package io.patchbay.model.bundle;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.KitPaths;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a bundle says of itself ({@value BundleLayout#MANIFEST}): the sites it is for, when it was made, and its files
 * in the order a site takes them in (pull notices before kits, as the outbox sends them).
 *
 * @param format  {@value BundleLayout#FORMAT}
 * @param sites   every site the bundle carries files for, sorted
 * @param created when the workstation wrote it
 * @param entries its files, in order
 */
public record BundleManifest(String format, List<String> sites, Instant created, List<Entry> entries) {

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
        if (!BundleLayout.FORMAT.equals(format)) {
            throw new PatchbayException("not a bundle of a format this version reads: '" + format + "' (expected '"
                    + BundleLayout.FORMAT + "')");
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

    /** The files for {@code site}, in order. */
    public List<Entry> entriesFor(String site) {
        return entries.stream().filter(e -> e.isFor(site)).toList();
    }
}

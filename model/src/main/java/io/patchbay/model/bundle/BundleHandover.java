package io.patchbay.model.bundle;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.Workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code patchbay bundle create}: writes everything the outbox holds for some sites into one bundle and marks those
 * deliveries handed over by bundle. The file is written (atomically) before the deliveries are marked, and removed
 * again if marking is refused, so there is never a marked delivery without its bundle nor a bundle whose deliveries a
 * worker also sends.
 */
public final class BundleHandover {

    /** What was written: the bundle's manifest and the deliveries it carries. */
    public record Written(Path file, BundleManifest manifest, List<Delivery> carried) {
    }

    private BundleHandover() {
    }

    public static Written create(Workspace ws, List<String> siteNames, Path out, PrivateKey key, String person)
            throws IOException {
        TreeSet<String> sites = new TreeSet<>();
        for (String name : siteNames) {
            sites.add(ws.sites().get(name).name()); // refuses a site that does not exist, naming it
        }
        if (sites.isEmpty()) {
            throw new PatchbayException("a bundle needs at least one site");
        }
        if (Files.isDirectory(out)) {
            throw new PatchbayException("--out " + out + " is a folder; name the bundle file to write");
        }
        List<Delivery> carried = ws.deliveries().forBundle(sites);
        if (carried.isEmpty()) {
            throw new PatchbayException("nothing waits in the outbox for " + String.join(", ", sites)
                    + ": no bundle written");
        }
        Map<String, List<String>> sitesByFile = new LinkedHashMap<>();
        Map<String, String> whatByFile = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        for (Delivery d : carried) {
            sitesByFile.computeIfAbsent(d.fileName(), f -> new ArrayList<>()).add(d.siteName());
            whatByFile.putIfAbsent(d.fileName(), d.what());
            files.computeIfAbsent(d.fileName(), f -> ws.fileOf(d));
        }
        List<BundleManifest.Entry> entries = new ArrayList<>();
        sitesByFile.forEach((file, to) -> entries.add(new BundleManifest.Entry(file, whatByFile.get(file),
                to.stream().sorted().distinct().toList())));
        BundleManifest manifest = BundleManifest.delivery(List.copyOf(sites), Instant.now(), entries);
        BundleWriter.write(out, manifest, files, key);
        try {
            ws.deliveries().markBundled(carried, out.getFileName().toString(), person);
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(out);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return new Written(out, manifest, carried);
    }
}

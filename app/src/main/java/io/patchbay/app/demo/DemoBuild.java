package io.patchbay.app.demo;

import io.patchbay.model.io.FileTrees;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.workspace.KitImport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's build output: a small product, Spruce, in two shapes. {@code spruce-1.0.0/} becomes the first
 * release (rolled out when the demo starts); {@code spruce-1.1.0/} is what a newcomer turns into a kit with
 * the wizard: against 1.0.0 it has changed, new and unchanged files, so "what changed since" shows all three.
 */
final class DemoBuild {
    static final String PRODUCT = "Spruce";
    static final String FIRST = "1.0.0";
    static final String NEXT = "1.1.0";

    private DemoBuild() {
    }

    /** The source folder of a version under {@code build}. */
    static Path tree(Path build, String version) {
        return build.resolve("spruce-" + version);
    }

    /** Writes both trees (a tree already there is left as it is). */
    static void write(Path build) throws IOException {
        writeTree(tree(build, FIRST), files(FIRST));
        writeTree(tree(build, NEXT), files(NEXT));
    }

    private static Map<String, String> files(String version) {
        boolean next = version.equals(NEXT);
        Map<String, String> files = new TreeMap<>();
        files.put("bin/spruce.sh", "#!/bin/sh\n# Starts Spruce " + version + "\nexec java -jar \"$(dirname \"$0\")/../lib/spruce-core.jar\" \"$@\"\n");
        files.put("lib/spruce-core.jar", lines("Spruce core " + version + ": ledger, batch and reports", 4000));
        files.put("lib/spruce-ui.jar", lines("Spruce user interface 1.0", 6000));
        files.put("config/defaults.ini", "[export]\nthreads = " + (next ? 4 : 2) + "\n[ledger]\nclose-day = 28\n");
        files.put("README.txt", "Spruce, a small product for the Patchbay demo.\n");
        if (next) {
            files.put("lib/spruce-export.jar", lines("Spruce export 1.1.0: nightly export to CSV", 2500));
        }
        return files;
    }

    private static String lines(String line, int count) {
        return (line + "\n").repeat(count);
    }

    private static void writeTree(Path root, Map<String, String> files) throws IOException {
        if (Files.isDirectory(root)) {
            return;
        }
        Path partial = root.resolveSibling(root.getFileName() + ".partial");
        FileTrees.delete(partial);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = partial.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        Files.move(partial, root);
    }

    /**
     * Builds the signed kit of the first release into {@code build/}: released now, stable, automatic,
     * requiring nothing (it is the first Spruce the demo sites get).
     */
    static Path buildFirstKit(Path build, Path signingKey) throws IOException {
        Manifest m = new Manifest(PRODUCT, Version.parse(FIRST), Version.parse("0"), Channel.STABLE, true, false,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), false, List.of());
        Path notes = Files.writeString(build.resolve("release-notes-" + FIRST + ".md"),
                "# Spruce " + FIRST + "\n\nThe first release on the demo sites.\n\n- Ledger with month-end close\n"
                        + "- Nightly batch\n");
        Path kit = build.resolve(KitImport.kitFileName(PRODUCT, FIRST));
        Files.deleteIfExists(kit);
        new KitBuilder(1).build(new KitInputs(tree(build, FIRST), m, notes, null, null,
                SigningKeys.readPrivate(signingKey), kit));
        return kit;
    }
}

package io.patchbay.bench;

import io.patchbay.model.io.FileHashes;
import io.patchbay.model.io.FileTrees;
import io.patchbay.model.kit.DeltaApplier;
import io.patchbay.model.kit.DeltaBuilder;
import io.patchbay.model.kit.DeltaSummary;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInfo;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's real pair: two consecutive releases of Apache Maven (a jar-heavy Java distribution), the published
 * {@code apache-maven-VERSION-bin.tar.gz} artifacts resolved through Maven by the {@code delta-real-pair} profile
 * (versions: {@code -Dpatchbay.bench.realOld}, {@code -Dpatchbay.bench.realNew}). Each is unpacked into a release
 * tree, both are built into full kits, and the delta between them: prints the sizes and the delta/full ratio, the
 * build times, what changed, and bsdiff / xdelta3 / zstd --patch-from on the same changed files when installed.
 * Fails, never skips, when the artifacts are not there. Run: {@code .ci/bench delta-real}.
 */
@Tag("benchmark")
class DeltaRealPairBenchmark {
    @Test
    void deltaBetweenTwoConsecutiveMavenReleases() throws Exception {
        Path artifacts = Path.of(System.getProperty("patchbay.bench.realPair", "target/delta-real"));
        String oldVersion = System.getProperty("patchbay.bench.realOld", "3.9.15");
        String newVersion = System.getProperty("patchbay.bench.realNew", "3.9.16");
        Path oldTar = artifacts.resolve("apache-maven-" + oldVersion + "-bin.tar.gz");
        Path newTar = artifacts.resolve("apache-maven-" + newVersion + "-bin.tar.gz");
        assertTrue(Files.isRegularFile(oldTar) && Files.isRegularFile(newTar),
                "the real pair is resolved by the delta-real-pair profile: run .ci/bench delta-real (missing "
                        + oldTar + " or " + newTar + ")");

        Path root = Path.of(System.getProperty("patchbay.bench.dir", "target/bench")).toAbsolutePath().resolve("real");
        FileTrees.delete(root);
        Path base = unpack(oldTar, root.resolve("old"));
        Path release = unpack(newTar, root.resolve("new"));
        KeyPair key = SigningKeys.generate();
        Path baseKit = root.resolve("maven-" + oldVersion + ".kit");
        Path releaseKit = root.resolve("maven-" + newVersion + ".kit");
        Path delta = root.resolve("maven-" + oldVersion + "-" + newVersion + ".delta.kit");
        new KitBuilder().build(inputs(base, oldVersion, oldVersion, key, baseKit));

        double full = 0;
        double build = 0;
        DeltaBuilder.Result r = null;
        for (int round = 0; round < 2; round++) { // the first round warms the JIT and the page cache
            long t = System.nanoTime();
            new KitBuilder().build(inputs(release, newVersion, oldVersion, key, releaseKit));
            full = DeltaBenchmark.seconds(t);
            t = System.nanoTime();
            r = new DeltaBuilder().build(new DeltaBuilder.Inputs(baseKit, releaseKit, List.of(key.getPublic()),
                    key.getPrivate(), delta));
            build = DeltaBenchmark.seconds(t);
        }
        List<Path> changed = changed(base, release);
        // The same pair with every patch reading its own path (renamed jars whole), as before patched-from, same run.
        Path perPath = root.resolve("maven-" + oldVersion + "-" + newVersion + ".per-path.delta.kit");
        DeltaBuilder.Result perPathResult = new DeltaBuilder(Runtime.getRuntime().availableProcessors(), false).build(
                new DeltaBuilder.Inputs(baseKit, releaseKit, List.of(key.getPublic()), key.getPrivate(), perPath));
        // Applied to the base tree, the delta gives exactly the release's files (the site's own check, run here).
        Path applied = root.resolve("applied");
        long t = System.nanoTime();
        DeltaApplier.apply(delta, List.of(key.getPublic()), base, Version.parse(oldVersion), applied);
        double apply = DeltaBenchmark.seconds(t);
        for (Path f : changed) {
            assertEquals(FileHashes.sha256(release.resolve(f.toString())),
                    FileHashes.sha256(applied.resolve("payload").resolve(f.toString())), f + " as the delta made it");
        }

        long fullSize = Files.size(releaseKit);
        long deltaSize = Files.size(delta);
        DeltaSummary carried = KitInfo.inspect(delta).delta();
        System.out.printf(Locale.ROOT, "%ndelta kit, real pair: Apache Maven %s -> %s (apache-maven-VERSION-bin.tar.gz)%n",
                oldVersion, newVersion);
        System.out.printf(Locale.ROOT, "  full kit %-10s  : %d bytes (%d files)%n", newVersion, fullSize, count(release));
        System.out.printf(Locale.ROOT, "  delta kit            : %d bytes (%d patched, %d of them against a renamed base "
                + "file, %d whole, %d unchanged)%n", deltaSize, r.patched(), r.renamed(), r.whole(), r.unchanged());
        System.out.printf(Locale.ROOT, "  per-path delta kit   : %d bytes (%d patched, %d whole): %.2f%% of the full kit, "
                + "same run%n", Files.size(perPath), perPathResult.patched(), perPathResult.whole(), 100.0 * Files.size(perPath) / fullSize);
        System.out.printf(Locale.ROOT, "  changed or new files : %d of %d%n", changed.size(), count(release));
        System.out.printf(Locale.ROOT, "  size ratio           : %.2f%%%n", 100.0 * deltaSize / fullSize);
        System.out.printf(Locale.ROOT, "  build full / delta   : %.2f s / %.2f s, ratio %.2f%n", full, build, build / full);
        System.out.printf(Locale.ROOT, "  apply delta to base  : %.2f s (every changed file checked against the release)%n",
                apply);
        System.out.printf(Locale.ROOT, "  patchbay (zstd-jni)    : %d bytes of patches + %d bytes whole%n",
                carried.patchBytes(), carried.wholeBytes());
        DeltaBenchmark.compareTools(base, release, changed.stream().filter(p -> Files.exists(base.resolve(p.toString())))
                .toList(), root.resolve("tools"));
        // Jars named by version (lib/maven-core-3.9.16.jar) are new paths, which the delta patches from the base file
        // they replace (delta/patched-from): what the same tools make of them against the base's file of the same
        // name but the version.
        Path renamedBase = root.resolve("renamed-base");
        List<Path> renamed = new ArrayList<>();
        for (Path p : changed) {
            Path was = base.resolve(p.toString().replace(newVersion, oldVersion));
            if (!Files.exists(base.resolve(p.toString())) && Files.isRegularFile(was)) {
                Files.createDirectories(renamedBase.resolve(p.toString()).getParent());
                Files.copy(was, renamedBase.resolve(p.toString()));
                renamed.add(p);
            }
        }
        long renamedBytes = 0;
        for (Path p : renamed) {
            renamedBytes += Files.size(release.resolve(p.toString()));
        }
        System.out.printf(Locale.ROOT, "  renamed by version     : %d files, %d bytes (the name with the old version); "
                + "against their base namesakes:%n", renamed.size(), renamedBytes);
        DeltaBenchmark.compareTools(renamedBase, release, renamed, root.resolve("tools-renamed"));
        System.out.println();
    }

    /** The tarball unpacked without its top folder (apache-maven-VERSION/), so both releases share their paths. */
    private static Path unpack(Path tar, Path tree) throws Exception {
        Files.createDirectories(tree);
        Process p = new ProcessBuilder("tar", "-xzf", tar.toAbsolutePath().toString(), "--strip-components=1",
                "-C", tree.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "tar -xzf " + tar + ": " + out);
        return tree;
    }

    private static KitInputs inputs(Path tree, String version, String requires, KeyPair key, Path out) {
        Manifest m = new Manifest("Maven", Version.parse(version), Version.parse(requires), Channel.STABLE, true, false,
                Instant.parse("2026-11-20T09:00:00Z"), false, List.of());
        return new KitInputs(tree, m, null, null, null, key.getPrivate(), out);
    }

    /** The release's files that the base lacks or holds with other bytes, relative to the tree. */
    private static List<Path> changed(Path base, Path release) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var walk = Files.walk(release)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = release.relativize(p);
                Path was = base.resolve(relative.toString());
                if (!Files.isRegularFile(was) || !FileHashes.sha256(was).equals(FileHashes.sha256(p))) {
                    out.add(relative);
                }
            }
        }
        return out;
    }

    private static long count(Path tree) throws IOException {
        try (var walk = Files.walk(tree)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}

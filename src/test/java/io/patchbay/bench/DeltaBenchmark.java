package io.patchbay.bench;

import io.patchbay.agent.install.FileOps;
import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.install.InstallRequest;
import io.patchbay.agent.install.Installer;
import io.patchbay.agent.install.StagedKit;
import io.patchbay.model.kit.DeltaApplier;
import io.patchbay.model.kit.DeltaBuilder;
import io.patchbay.model.kit.DeltaSummary;
import io.patchbay.model.kit.KitInfo;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitExtractor;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.KitReader;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.io.FileTrees;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 12's targets for delta kits, on a generated release ({@link BenchTree}: 1 GiB / 10,000 files by default;
 * smaller with {@code -Dpatchbay.bench.files=N -Dpatchbay.bench.mb=M}) where every 100th file changes by one to three
 * edits of 1 byte to 4 KiB (a third of them insertions, which shift the rest of the file). Prints the full kit's and
 * the delta's sizes and their ratio (target <= 2%), the build time of the delta against the full kit's (target <=),
 * the site's side on a copy of the base release each: apply + verify of the delta and its install against extract +
 * verify of the full kit and its install (target <= 1.5; the same installer, journal and backups), and the sizes
 * bsdiff, xdelta3 and the zstd CLI's --patch-from make for the same changed files, when installed. Everything runs
 * once to warm up, then once measured. Asserts only that both installs end with the same files (the machine is
 * shared). Run: {@code .ci/bench delta}.
 */
@Tag("benchmark")
class DeltaBenchmark {
    private static final int FILES = Integer.getInteger("patchbay.bench.files", 10_000);
    private static final long TOTAL = Long.getLong("patchbay.bench.mb", 1024L) << 20;

    @Test
    void deltaAgainstFullKit() throws Exception {
        Path root = Path.of(System.getProperty("patchbay.bench.dir", "target/bench")).toAbsolutePath();
        Path base = root.resolve("delta-base");
        BenchTree.generate(base, FILES, TOTAL);
        Path release = root.resolve("delta-new");
        FileTrees.delete(release);
        List<Path> changed = changeOnePercent(base, release);
        KeyPair key = SigningKeys.generate();
        Path baseKit = root.resolve("delta-base.kit");
        Path releaseKit = root.resolve("delta-new.kit");
        Path delta = root.resolve("delta.kit");
        new KitBuilder().build(inputs(base, "1.0.0", key, baseKit));

        double full = 0;
        double build = 0;
        DeltaBuilder.Result r = null;
        for (int round = 0; round < 2; round++) { // the first round warms the JIT and the page cache
            long t = System.nanoTime();
            new KitBuilder().build(inputs(release, "1.0.1", key, releaseKit));
            full = seconds(t);
            t = System.nanoTime();
            r = new DeltaBuilder().build(new DeltaBuilder.Inputs(baseKit, releaseKit, List.of(key.getPublic()),
                    key.getPrivate(), delta));
            build = seconds(t);
        }

        SiteTimes times = null;
        for (int round = 0; round < 2; round++) {
            times = installBoth(root, base, releaseKit, delta, key);
        }
        // The way every delta was applied before it checked unchanged files in place: each copied into staging.
        FileTrees.delete(root.resolve("staging-copied"));
        long copying = System.nanoTime();
        DeltaApplier.apply(delta, List.of(key.getPublic()), base, Version.parse("1.0.0"), root.resolve("staging-copied"),
                DeltaApplier.Unchanged.COPIED, DeltaApplier.Progress.NONE);
        double copied = seconds(copying);
        FileTrees.delete(root.resolve("staging-copied"));
        long fullSize = Files.size(releaseKit);
        long deltaSize = Files.size(delta);
        System.out.printf(Locale.ROOT, "%ndelta kit benchmark: %d files, %.2f GiB, %d changed, %d cores%n", FILES,
                TOTAL / (double) (1L << 30), changed.size(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  full kit             : %d bytes%n", fullSize);
        System.out.printf(Locale.ROOT, "  delta kit            : %d bytes (%d patched, %d whole, %d unchanged)%n", deltaSize,
                r.patched(), r.whole(), r.unchanged());
        System.out.printf(Locale.ROOT, "  size ratio           : %.3f%% (target <= 2%%)%n", 100.0 * deltaSize / fullSize);
        System.out.printf(Locale.ROOT, "  build full / delta   : %.2f s / %.2f s, ratio %.2f (target <= 1)%n", full, build,
                build / full);
        System.out.printf(Locale.ROOT, "  stage full / delta   : %.2f s / %.2f s, ratio %.2f (extract + verify / apply + "
                + "verify)%n", times.extract(), times.apply(), times.apply() / times.extract());
        System.out.printf(Locale.ROOT, "  stage delta, copying : %.2f s, ratio %.2f to the full kit's staging (every "
                + "unchanged file copied into staging, as before)%n", copied, copied / times.extract());
        System.out.printf(Locale.ROOT, "  install full / delta : %.2f s / %.2f s, ratio %.2f (target <= 1.5; staging + "
                + "backup + apply + post-install backup)%n", times.full(), times.delta(), times.delta() / times.full());
        DeltaSummary carried = KitInfo.inspect(delta).delta();
        System.out.printf(Locale.ROOT, "  patchbay (zstd-jni)    : %d bytes of patches + %d bytes whole for the changed files%n",
                carried.patchBytes(), carried.wholeBytes());
        compareTools(base, release, changed, root.resolve("delta-tools"));
        System.out.println();
        for (String left : List.of("site-full", "site-delta", "home-full", "home-delta")) {
            FileTrees.delete(root.resolve(left));
        }
    }

    /**
     * Seconds to stage, and to stage and install, the release on a site running the base: from its full kit (extract,
     * then the install moves every file into place, backing up every old one) and from the delta (applied with the
     * unchanged files checked in place, then the install changes only what the release changed). Each site is a fresh
     * copy of the base with an agent home of its own; the copies are made before the clocks start.
     */
    private static SiteTimes installBoth(Path root, Path base, Path releaseKit, Path delta, KeyPair key)
            throws IOException {
        Path[] sites = {root.resolve("site-full"), root.resolve("site-delta")};
        for (Path site : sites) {
            FileTrees.delete(site);
            FileOps.copyTree(base, site.resolve("root"));
        }
        FileTrees.delete(root.resolve("home-full"));
        FileTrees.delete(root.resolve("home-delta"));
        Manifest release = KitReader.verify(releaseKit, List.of(key.getPublic())).manifest();

        Path fullStaging = sites[0].resolve("staging");
        long t = System.nanoTime();
        KitExtractor.extract(releaseKit, List.of(key.getPublic()), fullStaging);
        double extract = seconds(t);
        InstallOutcome full = new Installer(root.resolve("home-full")).install(new InstallRequest(release, fullStaging,
                sites[0].resolve("root"), null, null, releaseKit));
        double fullSeconds = seconds(t);

        Path deltaStaging = sites[1].resolve("staging");
        t = System.nanoTime();
        StagedKit.ready(deltaStaging, delta, List.of(key.getPublic()), new StagedKit.InstalledRelease(
                sites[1].resolve("root"), Version.parse("1.0.0")), DeltaApplier.Unchanged.VERIFIED_IN_PLACE);
        double apply = seconds(t);
        InstallOutcome fromDelta = new Installer(root.resolve("home-delta")).install(new InstallRequest(release,
                deltaStaging, sites[1].resolve("root"), null, null, null));
        double deltaSeconds = seconds(t);

        assertEquals(List.of(true, true), List.of(full.installed(), fromDelta.installed()),
                full.reason() + " / " + fromDelta.reason());
        return new SiteTimes(extract, fullSeconds, apply, deltaSeconds);
    }

    /** Every file below {@code root}: its SHA-256, and " x" when executable. */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (var files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), FileHashes.sha256(p) + (Files.isExecutable(p) ? " x" : ""));
            }
        }
        return out;
    }

    private record SiteTimes(double extract, double full, double apply, double delta) {
    }

    private static KitInputs inputs(Path tree, String version, KeyPair key, Path out) {
        Manifest m = new Manifest("Bench", Version.parse(version), Version.parse("1.0.0"), Channel.STABLE, true, false,
                Instant.parse("2026-11-20T09:00:00Z"), false, List.of());
        return new KitInputs(tree, m, null, null, null, key.getPrivate(), out);
    }

    /** The new release: unchanged files hard-linked (nothing rewrites them), every 100th file edited. */
    private static List<Path> changeOnePercent(Path base, Path release) throws IOException {
        SplittableRandom random = new SplittableRandom(12);
        List<Path> files;
        try (var walk = Files.walk(base)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> changed = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path relative = base.relativize(files.get(i));
            Path to = release.resolve(relative.toString());
            Files.createDirectories(to.getParent());
            if (i % 100 != 50) {
                Files.createLink(to, files.get(i));
                continue;
            }
            byte[] bytes = Files.readAllBytes(files.get(i));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int length = Math.min(bytes.length, 1 + (int) Math.exp(random.nextDouble() * Math.log(4096)));
                byte[] edit = new byte[length];
                random.nextBytes(edit);
                int at = random.nextInt(Math.max(1, bytes.length - length));
                if (e % 3 == 2) {
                    byte[] longer = new byte[bytes.length + length];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    System.arraycopy(edit, 0, longer, at, length);
                    System.arraycopy(bytes, at, longer, at + length, bytes.length - at);
                    bytes = longer;
                } else {
                    System.arraycopy(edit, 0, bytes, at, length);
                }
            }
            Files.write(to, bytes);
            changed.add(relative);
        }
        return changed;
    }

    /** Sums of bsdiff's, xdelta3's and zstd --patch-from's patch sizes over the changed files, where installed. */
    static void compareTools(Path base, Path release, List<Path> changed, Path work) throws Exception {
        FileTrees.delete(work);
        Files.createDirectories(work);
        String[][] tools = {
                {"bsdiff", "bsdiff %s %s %s", "bsdiff"},
                {"xdelta3", "xdelta3 -e -f -s %s %s %s", "xdelta3 -e"},
                {"zstd", "zstd -q -f --patch-from=%s %s -o %s", "zstd --patch-from (-3)"},
                {"zstd", "zstd -q -f -19 --patch-from=%s %s -o %s", "zstd -19 --patch-from"},
        };
        long raw = 0;
        for (Path p : changed) {
            raw += Files.size(release.resolve(p.toString()));
        }
        System.out.printf(Locale.ROOT, "  changed files          : %d bytes in all%n", raw);
        for (String[] tool : tools) {
            if (!installed(tool[0])) {
                System.out.printf(Locale.ROOT, "  %-22s : not installed (apt-get install %s)%n", tool[2], tool[0]);
                continue;
            }
            long sum = 0;
            long t = System.nanoTime();
            for (Path p : changed) {
                Path patch = work.resolve("patch");
                String command = String.format(tool[1], base.resolve(p.toString()), release.resolve(p.toString()), patch);
                Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
                try (InputStream out = process.getInputStream()) {
                    out.transferTo(java.io.OutputStream.nullOutputStream());
                }
                if (process.waitFor() != 0) {
                    throw new IllegalStateException(command + " failed");
                }
                sum += Files.size(patch);
            }
            System.out.printf(Locale.ROOT, "  %-22s : %d bytes of patches, %.2f s%n", tool[2], sum, seconds(t));
        }
    }

    private static boolean installed(String tool) throws Exception {
        return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}

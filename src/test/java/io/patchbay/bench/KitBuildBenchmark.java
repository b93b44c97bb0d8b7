package io.patchbay.bench;

import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.KitReader;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue 2's speed target: building a kit from a 1 GiB / 10,000-file tree takes at most half as long as
 * {@code zip -qr -1} plus {@code sha256sum} of every file, on the same tree, in the same run.
 *
 * <p>The tree (deterministic seed; sizes log-uniform from 1 KiB to 8 MiB, scaled to 1 GiB; half the
 * files random like jars, half repetitive text) is made under {@code -Dpatchbay.bench.dir} or
 * {@code target/bench} and reused while its marker file says it is complete. Everything runs once to
 * warm the JIT and the page cache; then our build runs three times (median) and the baseline once.
 * Prints the figures; asserts nothing about time (the machine is shared). Run: {@code .ci/bench kit}.
 */
@Tag("benchmark")
class KitBuildBenchmark {
    private static final int FILES = 10_000;
    private static final long TOTAL = 1L << 30;

    @Test
    void kitBuildAgainstZipAndSha256sum() throws Exception {
        Path root = Path.of(System.getProperty("patchbay.bench.dir", "target/bench")).toAbsolutePath();
        Path tree = root.resolve("tree");
        BenchTree.generate(tree, FILES, TOTAL);
        KeyPair key = SigningKeys.generate();
        Manifest manifest = new Manifest("Bench", Version.parse("1.0.0"), Version.parse("1.0.0"), Channel.STABLE,
                true, false, Instant.parse("2026-11-20T09:00:00Z"), false, List.of());
        Path kit = root.resolve("bench.kit");
        KitInputs inputs = new KitInputs(tree, manifest, null, null, null, key.getPrivate(), kit);

        // Warm-up: JIT, page cache, and the baseline's binaries.
        new KitBuilder().build(inputs);
        baselineZip(tree, root);
        baselineSha(tree);

        double[] ours = new double[3];
        for (int i = 0; i < ours.length; i++) {
            long t = System.nanoTime();
            new KitBuilder().build(inputs);
            ours[i] = seconds(t);
        }
        Arrays.sort(ours);
        long t = System.nanoTime();
        baselineZip(tree, root);
        double zip = seconds(t);
        t = System.nanoTime();
        baselineSha(tree);
        double sha = seconds(t);

        long verifyStart = System.nanoTime();
        KitReader.verify(kit, List.of(key.getPublic()));
        double verify = seconds(verifyStart);

        double baseline = zip + sha;
        System.out.printf(Locale.ROOT, "%nkit build benchmark: %d files, %.2f GiB, %d cores%n", FILES,
                TOTAL / (double) (1L << 30), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  patchbay kit build  : %.2f s (median of %s)%n", ours[1], Arrays.toString(ours));
        System.out.printf(Locale.ROOT, "  zip -qr -1          : %.2f s%n", zip);
        System.out.printf(Locale.ROOT, "  sha256sum (all)     : %.2f s%n", sha);
        System.out.printf(Locale.ROOT, "  baseline total      : %.2f s%n", baseline);
        System.out.printf(Locale.ROOT, "  ratio ours/baseline : %.3f (target <= 0.5)%n", ours[1] / baseline);
        System.out.printf(Locale.ROOT, "  (kit verify         : %.2f s; kit %d bytes)%n%n", verify, Files.size(kit));
        Files.deleteIfExists(kit);
        Files.deleteIfExists(root.resolve("baseline.zip"));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void baselineZip(Path tree, Path root) throws Exception {
        Path zip = root.resolve("baseline.zip");
        Files.deleteIfExists(zip);
        run(tree, "zip", "-qr", "-1", zip.toString(), ".");
    }

    private static void baselineSha(Path tree) throws Exception {
        run(tree, "bash", "-c", "find . -type f -print0 | xargs -0 sha256sum > /dev/null");
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO()
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
    }
}

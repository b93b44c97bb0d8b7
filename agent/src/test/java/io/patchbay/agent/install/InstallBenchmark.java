package io.patchbay.agent.install;

import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitExtractor;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.PatchState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Install + backup of a generated 1 GiB / 10,000-file release over an install root holding an older version
 * of the same files, against {@code cp -a} of the same tree in the same run. Target: at most 1.5 times
 * cp -a. The release arrives as the agent has it: a signed kit, received and extracted (untimed), then
 * installed (timed: plan, backup, apply, hooks, post-install backup, commit). Size with -Dbench.files and
 * -Dbench.mib. Run:
 * {@code mvn -B -ntp -Pbench -pl transport -am test -Dtest=InstallBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class InstallBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(InstallBenchmark.class);

    @TempDir
    Path dir;

    @Test
    void installAndBackupAgainstCpA() throws Exception {
        int files = Integer.getInteger("bench.files", 10_000);
        long totalBytes = Long.getLong("bench.mib", 1024L) << 20;
        Path installRoot = dir.resolve("site/spruce");
        Path release = dir.resolve("build/release");
        Path home = dir.resolve("home");
        Path kit = home.resolve("patches/spruce-12.10.11/Spruce-12.10.11.kit");
        Path staging = kit.resolveSibling("kit");
        generate(installRoot, files, totalBytes, 1);
        generate(release, files, totalBytes, 2);
        Manifest manifest = new Manifest("Spruce", Version.parse("12.10.11"), Version.parse("12.10.0"),
                Channel.STABLE, true, false, Instant.now(), false, List.of());
        KeyPair key = SigningKeys.generate();
        Files.createDirectories(kit.getParent());
        new KitBuilder().build(new KitInputs(release, manifest, null, null, null, key.getPrivate(), kit));
        KitExtractor.extract(kit, List.of(key.getPublic()), staging);
        sync();

        // cp -a once before and once after the install: this machine is shared, so one run can be noisy.
        long[] cpBefore = timeCpA(release, dir.resolve("cp-before"));
        long installStart = System.nanoTime();
        InstallOutcome outcome = new Installer(home, new InstallSettings(Duration.ZERO, 3,
                Integer.getInteger("bench.threads", InstallSettings.defaults().applyThreads()),
                InstallSettings.DEFAULT_KEPT_BACKUPS, java.time.Clock.systemUTC()))
                .install(new InstallRequest(manifest, staging, installRoot, null, Duration.ofMinutes(5), kit));
        long installNanos = System.nanoTime() - installStart;
        assertEquals(PatchState.INSTALLED, outcome.state(), outcome.reason());
        assertEquals(contents(release), contents(installRoot), "the install root holds the release's bytes");

        long[] cpAfter = timeCpA(release, dir.resolve("cp-after"));
        long cpNanos = (cpBefore[0] + cpAfter[0]) / 2;
        long cpSyncNanos = (cpBefore[1] + cpAfter[1]) / 2;
        String report = String.format("install + backup of %d files / %d MiB: %.2f s; cp -a: %.2f s and %.2f s "
                        + "(ratio %.2f to their mean); cp -a + sync: %.2f s and %.2f s (ratio %.2f)",
                files, totalBytes >> 20, seconds(installNanos), seconds(cpBefore[0]), seconds(cpAfter[0]),
                (double) installNanos / cpNanos, seconds(cpBefore[1]), seconds(cpAfter[1]),
                (double) installNanos / cpSyncNanos);
        LOG.warn(report);
        Files.writeString(Path.of("target", "install-benchmark.txt"), report + "\n");
    }

    /** {@code files} files in 100 folders, {@code total} bytes in all, content depending on {@code seed}. */
    private static void generate(Path root, int files, long total, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] block = new byte[1 << 20];
        random.nextBytes(block);
        long each = total / files;
        for (int i = 0; i < files; i++) {
            Path file = root.resolve(String.format("module%02d/lib/file%05d.jar", i % 100, i));
            Files.createDirectories(file.getParent());
            // sizes vary around the mean; the offsets make every file's bytes different
            long size = Math.max(1, each / 2 + (long) (random.nextDouble() * each));
            try (OutputStream out = Files.newOutputStream(file)) {
                long left = size;
                int offset = random.nextInt(block.length);
                while (left > 0) {
                    int n = (int) Math.min(left, block.length - offset);
                    out.write(block, offset, n);
                    left -= n;
                    offset = 0;
                }
            }
        }
    }

    /** Each path with its last digest word: the SHA-256 of a file, the mode of a folder. */
    private static Map<String, String> contents(Path root) {
        Map<String, String> out = new TreeMap<>();
        TreeDigest.of(root).forEach((path, digest) -> out.put(path, digest.substring(digest.lastIndexOf(' ') + 1)));
        return out;
    }

    /** Nanoseconds of {@code cp -a}, and of cp -a followed by sync (what it takes to be on disk). */
    private static long[] timeCpA(Path from, Path to) throws Exception {
        long start = System.nanoTime();
        run("cp", "-a", from.toString(), to.toString());
        long copied = System.nanoTime() - start;
        sync();
        return new long[]{copied, System.nanoTime() - start};
    }

    private static void sync() throws Exception {
        run("sync");
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}

package io.patchbay.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** The generated release tree the kit and delta benchmarks share. */
final class BenchTree {
    private BenchTree() {
    }

    /**
     * Writes the tree unless a complete one of this size is already there: deterministic (fixed seed), sizes
     * log-uniform from 1 KiB to 8 MiB scaled to {@code total}, even files random like jars, odd ones repetitive text.
     */
    static void generate(Path tree, int files, long total) throws IOException {
        Path marker = tree.resolveSibling(tree.getFileName() + ".complete");
        String made = files + " files, " + total + " bytes\n";
        if (Files.exists(marker) && Files.readString(marker).equals(made)) {
            return;
        }
        Files.deleteIfExists(marker);
        if (Files.exists(tree)) {
            try (var walk = Files.walk(tree)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        SplittableRandom random = new SplittableRandom(20261122L);
        double[] weights = new double[files];
        double sum = 0;
        for (int i = 0; i < files; i++) {
            weights[i] = Math.exp(Math.log(1024) + random.nextDouble() * (Math.log(8 << 20) - Math.log(1024)));
            sum += weights[i];
        }
        byte[] words = "patchbay spruce release kit payload install verify rollback site ring channel "
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] buffer = new byte[1 << 20];
        long written = 0;
        for (int i = 0; i < files; i++) {
            long size = i == files - 1 ? total - written : (long) (weights[i] / sum * total);
            written += size;
            Path file = tree.resolve(String.format("d%02d/s%03d/f%05d.%s", i % 40, i % 7, i, i % 2 == 0 ? "jar" : "txt"));
            Files.createDirectories(file.getParent());
            boolean compressible = i % 2 == 1;
            try (OutputStream out = Files.newOutputStream(file)) {
                long left = size;
                while (left > 0) {
                    int n = (int) Math.min(buffer.length, left);
                    if (compressible) {
                        for (int j = 0; j < n; j++) {
                            buffer[j] = words[(j + random.nextInt(4)) % words.length];
                        }
                    } else {
                        for (int j = 0; j < n; j += 8) {
                            long r = random.nextLong();
                            for (int k = 0; k < 8 && j + k < n; k++) {
                                buffer[j + k] = (byte) (r >>> (8 * k));
                            }
                        }
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
        }
        Files.writeString(marker, made);
    }
}

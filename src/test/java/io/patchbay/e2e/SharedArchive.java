package io.patchbay.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks on the class-data-sharing archive a launcher maps, for the distribution's tests and the packages': run with
 * {@code -Xshare:on}, the JVM refuses to start when it cannot map the archive the launcher names, and the
 * class-loading log says where the command's main class came from.
 */
public final class SharedArchive {
    private SharedArchive() {
    }

    /**
     * Runs {@code --version} of the distribution at {@code dist} with {@code -Xshare:on} (start with the archive or
     * fail), and checks the class-loading log: the launcher's main class came from the archive.
     */
    public static void mapsIt(Path dist, Map<String, String> env, Path log) throws Exception {
        version(dist, env, "-Xshare:on -Xlog:class+load=info:file=" + log);
        assertTrue(Files.readString(log).contains("io.patchbay.app.Main source: shared objects file"),
                "the launcher's main class is not from the archive");
    }

    /** Runs {@code --version} as a person would: no extra JVM options. */
    public static void version(Path dist, Map<String, String> env) throws Exception {
        version(dist, env, null);
    }

    private static void version(Path dist, Map<String, String> env, String javaOpts) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/patchbay").toString(), "--version")
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().remove("PATCHBAY_JAVA_OPTS");
        if (javaOpts != null) {
            pb.environment().put("PATCHBAY_JAVA_OPTS", javaOpts);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "hung");
        assertEquals(0, p.exitValue(), (javaOpts == null ? "" : "with " + javaOpts + ": ") + out);
        assertTrue(out.startsWith("patchbay "), out);
    }

    /** The archive the first run makes in the background (a busy machine takes its time), once it is in place. */
    public static Path awaitOne(Path cache) throws Exception {
        long end = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < end) {
            List<Path> made = archives(cache);
            boolean making = Files.isDirectory(cache) && list(cache).anyMatch(p -> p.toString().endsWith(".making"));
            if (made.size() == 1 && !making) {
                return made.get(0);
            }
            Thread.sleep(200);
        }
        return fail("no archive in " + cache + " within 4 minutes");
    }

    public static List<Path> archives(Path cache) throws IOException {
        return Files.isDirectory(cache) ? list(cache).filter(p -> p.toString().endsWith(".jsa")).toList() : List.of();
    }

    private static Stream<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

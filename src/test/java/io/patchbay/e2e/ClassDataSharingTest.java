package io.patchbay.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: a short command maps a class-data-sharing archive wherever the distribution is. JDK 17 maps an archive
 * only beside the jar paths it was made with, so the build's {@code lib/patchbay.jsa} serves the build's folder, and a
 * moved copy (as the packages are) makes its own in the user's cache on first use. {@code -Xshare:on} makes the JVM
 * refuse to start when it cannot map the archive the launcher names, and the class-loading log says where the
 * command's own main class came from.
 */
class ClassDataSharingTest {
    private static final Path DIST = Path.of(System.getProperty("patchbay.launcher")).getParent().getParent();

    @TempDir
    Path dir;

    @Test
    void theBuiltDistributionMapsItsOwnArchive() throws Exception {
        Path log = dir.resolve("classes.log");
        SharedArchive.mapsIt(DIST, Map.of("HOME", dir.resolve("home").toString()), log);
        assertTrue(!Files.exists(dir.resolve("home/.cache")), "no archive made in the cache beside the build's own");
    }

    @Test
    void aMovedCopyMakesAnArchiveInTheUsersCacheOnFirstUseAndMapsItAfter() throws Exception {
        Path moved = dir.resolve("elsewhere/patchbay");
        Files.createDirectories(moved.getParent());
        Process cp = new ProcessBuilder("cp", "-a", DIST.toString(), moved.toString()).inheritIO().start();
        assertTrue(cp.waitFor(2, TimeUnit.MINUTES) && cp.exitValue() == 0, "cp -a");
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString());
        Path cache = dir.resolve("home/.cache/patchbay/cds");

        SharedArchive.version(moved, env);
        Path archive = SharedArchive.awaitOne(cache);

        Path log = dir.resolve("classes.log");
        SharedArchive.mapsIt(moved, env, log);
        assertEquals(List.of(archive), SharedArchive.archives(cache), "one archive, used again");
    }
}

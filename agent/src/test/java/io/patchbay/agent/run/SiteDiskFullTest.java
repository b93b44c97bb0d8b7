package io.patchbay.agent.run;

import io.patchbay.agent.registry.RegistryStore;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.policy.InstallWindow;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real full disk: the agent home lives on a 5 MB tmpfs and a 3 MB kit cannot be extracted beside itself. The
 * kit is this machine's problem, not the kit's: it stays in the inbox, the report says "site disk full", and once
 * there is room the running agent takes it by itself. Needs root to mount; without it the test fails.
 */
class SiteDiskFullTest {
    private static final int PAYLOAD = 3 << 20;

    @TempDir
    Path dir;

    @Test
    void aValidKitThatDoesNotFitIsKeptReportedAsSiteDiskFullAndInstalledOnceThereIsRoom() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        run("mount", "-t", "tmpfs", "-o", "size=5m", "patchbay-test", small.toString());
        try {
            AgentSite site = new AgentSite(small, null);
            site.policy(p -> p.withWindow(InstallWindow.ANY));
            Path kit = bigKit(site, dir.resolve("build"));
            String sha = FileHashes.sha256(kit);
            String name = kit.getFileName().toString();
            try (AgentDaemon daemon = AgentDaemon.start(site.agent(Clock.systemUTC()), Clock.systemUTC())) {
                site.deliver(kit);

                PatchReport failed = waitForReport(site, name, PatchState.SITE_FAILURE, Duration.ofSeconds(60));
                assertTrue(failed.reason().startsWith("site disk full while "), failed.reason());
                assertEquals(1, failed.reason().lines().count());
                assertEquals(sha, FileHashes.sha256(site.inbox.resolve(name)), "the kit stays in the inbox, whole");
                try (var rejected = Files.list(site.home.rejected())) {
                    assertEquals(List.of(), rejected.toList(), "nothing was refused");
                }
                assertTrue(new RegistryStore(site.home.patches()).read().patches().isEmpty(), "nothing registered");

                run("mount", "-o", "remount,size=32m", small.toString());

                waitForReport(site, name, PatchState.INSTALLED, Duration.ofSeconds(120));
            }
            assertEquals(sha, new RegistryStore(site.home.patches()).read().patches().get(0).kitSha256());
            assertEquals(PAYLOAD, Files.size(site.installRoot.resolve("bin/data.bin")));
        } finally {
            run("umount", "-l", small.toString());
        }
    }

    /** A kit with 3 MB of incompressible payload, built outside the small file system. */
    private static Path bigKit(AgentSite site, Path work) throws IOException {
        Path payload = Files.createDirectories(work.resolve("payload/bin"));
        Files.writeString(payload.resolve("app.jar"), "app 12.10.11", StandardCharsets.UTF_8);
        byte[] noise = new byte[PAYLOAD];
        new Random(42).nextBytes(noise);
        Files.write(payload.resolve("data.bin"), noise);
        Path out = work.resolve("Spruce-12.10.11.kit");
        new KitBuilder().build(new KitInputs(work.resolve("payload"),
                AgentSite.manifest("12.10.11", true, Instant.now().minus(Duration.ofDays(1))), null, null, null,
                site.key.getPrivate(), out));
        return out;
    }

    private static PatchReport waitForReport(AgentSite site, String kit, PatchState state, Duration limit)
            throws Exception {
        Path file = site.home.status().resolve(StatusReports.patchFileName(kit));
        Instant deadline = Instant.now().plus(limit);
        PatchReport last = null;
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(file)) {
                last = site.report(kit);
                if (last.state() == state) {
                    return last;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + state.word() + " report for " + kit + " within " + limit + "; last: "
                + (last == null ? "none" : last.state().word() + ": " + last.reason()));
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + out
                    + "; this test needs root (or CAP_SYS_ADMIN) to mount a small file system");
        }
    }
}

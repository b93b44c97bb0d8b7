package io.patchbay.e2e;

import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.report.StatusReports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent as a site runs it: {@code patchbay agent init} and {@code agent run} as separate processes of the
 * built launcher, kits dropped into the inbox the way SFTP does, and an operator's {@code agent install} and
 * {@code agent rollback} in yet another process while the daemon runs.
 */
class AgentProcessTest {
    @TempDir
    Path dir;
    private Launcher launcher;
    private Launcher.Running daemon;

    @AfterEach
    void stopDaemon() throws Exception {
        if (daemon != null && daemon.process.isAlive()) {
            daemon.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKitDroppedIntoTheInboxOfARunningAgentIsInstalledAndAnOperatorCanActMeanwhile() throws Exception {
        launcher = new Launcher(dir.resolve("logs"));
        Path keys = dir.resolve("keys");
        assertEquals(0, patchbay("keys", "init", "--dir", keys.toString()).exit());
        Path root = Files.createDirectories(dir.resolve("site/spruce/bin"));
        Files.writeString(root.resolve("app.jar"), "app 12.10.10");
        Path home = dir.resolve("site/agent");
        Launcher.Result init = patchbay("agent", "init", "--home", home.toString(), "--install-root", dir.resolve("site/spruce").toString(),
                "--trust", keys.resolve("signing.pub").toString(), "--installed", "Spruce=12.10.10", "--tick", "1");
        assertEquals(0, init.exit(), init.err());
        assertEquals(0, patchbay("agent", "policy", "--home", home.toString(), "--set", "window=any").exit());

        daemon = launcher.start("agent", "run", "--home", home.toString());

        deliver(kit(keys, "12.10.11"), home.resolve("inbox"));
        PatchReport first = awaitState(home, "Spruce-12.10.11.kit", PatchState.INSTALLED);
        assertEquals("automatic", first.installations().get(0).trigger());
        assertEquals("app 12.10.11", Files.readString(root.resolve("app.jar")));

        // Manual mode: the running agent registers the next kit but leaves it to an operator.
        assertEquals(0, patchbay("agent", "policy", "--home", home.toString(), "--set", "mode=manual").exit());
        deliver(kit(keys, "12.10.12"), home.resolve("inbox"));
        PatchReport waiting = awaitState(home, "Spruce-12.10.12.kit", PatchState.WAITING);
        assertTrue(waiting.reason().contains("manual mode"), waiting.reason());

        Launcher.Result install = patchbay("agent", "install", "--home", home.toString(), "12.10.12");
        assertEquals(0, install.exit(), install.err() + "\n" + daemon.out() + daemon.err());
        assertEquals("installed Spruce 12.10.12\n", install.out());
        assertEquals("app 12.10.12", Files.readString(root.resolve("app.jar")));
        assertEquals(PatchState.INSTALLED, report(home, "Spruce-12.10.12.kit").state());

        Launcher.Result rollback = patchbay("agent", "rollback", "--home", home.toString());
        assertEquals(0, rollback.exit(), rollback.err());
        assertEquals("app 12.10.11", Files.readString(root.resolve("app.jar")));
        Launcher.Result list = patchbay("agent", "list", "--home", home.toString());
        assertTrue(list.out().contains("installed: Spruce 12.10.11"), list.out());

        assertTrue(daemon.process.isAlive(), "the agent kept running: " + daemon.out() + daemon.err());
        daemon.process.destroy(); // SIGTERM
        assertTrue(daemon.process.waitFor(30, TimeUnit.SECONDS), "the agent stops on SIGTERM");
        String output = daemon.out() + daemon.err();
        assertTrue(output.contains("agent running: home " + home), output);
    }

    private Launcher.Result patchbay(String... args) throws IOException, InterruptedException {
        return launcher.run(args);
    }

    private Path kit(Path keys, String version) throws IOException {
        Path work = Files.createDirectories(dir.resolve("build-" + version + "/payload/bin"));
        Files.writeString(work.resolve("app.jar"), "app " + version, StandardCharsets.UTF_8);
        Manifest m = new Manifest("Spruce", Version.parse(version), Version.parse("12.10.0"), Channel.STABLE, true, false,
                Instant.now().minus(Duration.ofDays(1)), false, List.of());
        Path out = dir.resolve("Spruce-" + version + ".kit");
        new KitBuilder().build(new KitInputs(work.getParent(), m, null, null, null,
                SigningKeys.readPrivate(keys.resolve("signing.key")), out));
        return out;
    }

    /** As SFTP delivers: written under {@code .partial/}, renamed into the inbox when complete. */
    private static void deliver(Path kit, Path inbox) throws IOException {
        Path partial = Files.createDirectories(inbox.resolve(".partial")).resolve(kit.getFileName() + ".part");
        Files.copy(kit, partial);
        Files.move(partial, inbox.resolve(kit.getFileName()));
    }

    private static PatchReport awaitState(Path home, String kit, PatchState wanted) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        PatchReport last = null;
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(home.resolve("status").resolve(StatusReports.patchFileName(kit)))) {
                last = report(home, kit);
                if (last.state() == wanted) {
                    return last;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(kit + " never reached " + wanted + "; last report: " + last);
    }

    private static PatchReport report(Path home, String kit) throws IOException {
        Path file = home.resolve("status").resolve(StatusReports.patchFileName(kit));
        return StatusReports.parsePatch(file.toString(), Files.readAllBytes(file));
    }
}

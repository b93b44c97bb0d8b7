package io.patchbay.agent.run;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.patchbay.agent.cli.AgentMain;
import io.patchbay.model.policy.InstallWindow;
import io.patchbay.model.report.StatusReports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code patchbay-agent run} and an operator's {@code patchbay-agent install} as two real processes on one home,
 * both flushing the notice outbox into a real SMTP server: every notice arrives exactly once.
 */
class NoticesOnceAcrossProcessesTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final TestSmtp smtp = new TestSmtp();
    private Process daemon;

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    @Test
    void anOperatorInstallBesideARunningAgentSendsEachNoticeOnce() throws Exception {
        AgentSite site = new AgentSite(dir, smtp.settings());
        site.policy(p -> p.withWindow(InstallWindow.ANY));
        // Manual-only, so the daemon leaves the installation to the operator but flushes notices every second.
        Path kit = site.kit(AgentSite.manifest("12.10.11", false, Instant.now().minus(Duration.ofDays(1))), null);
        daemon = agent(dir.resolve("run.log"), "run", "--home", site.home.dir().toString()).start();

        // A delivery starts: the partial file alone is announced.
        Path partial = Files.createDirectories(site.inbox.resolve(".partial")).resolve(kit.getFileName() + ".part");
        Files.write(partial, new byte[0]);
        awaitSubjects(1, Duration.ofSeconds(60));
        Files.copy(kit, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, site.inbox.resolve(kit.getFileName()));
        awaitSubjects(3, Duration.ofSeconds(60)); // received, then manual installation required

        Process install = agent(dir.resolve("install.log"), "install", "--home", site.home.dir().toString(),
                "12.10.11").start();
        assertEquals(0, install.waitFor(), Files.readString(dir.resolve("install.log")));
        awaitSubjects(4, Duration.ofSeconds(60));
        // Give the daemon three more ticks, each of which flushes the outbox, to send anything twice.
        Path agentReport = site.home.status().resolve(StatusReports.AGENT_FILE);
        for (int tick = 0; tick < 3; tick++) {
            FileTime before = Files.getLastModifiedTime(agentReport);
            await(() -> modifiedAfter(agentReport, before), Duration.ofSeconds(60), "a daemon tick");
        }

        List<String> subjects = smtp.subjects();
        assertEquals(List.of("[acme-paris] Downloading Spruce-12.10.11.kit",
                "[acme-paris] Received Spruce 12.10.11",
                "[acme-paris] Manual installation required for Spruce 12.10.11",
                "[acme-paris] Installed Spruce 12.10.11"), subjects);
        String manual = GreenMailUtil.getBody(smtp.server().getReceivedMessages()[2]);
        assertTrue(manual.contains("patchbay agent install --home " + site.home.dir() + " 12.10.11"), manual);
        String received = GreenMailUtil.getBody(smtp.server().getReceivedMessages()[1]);
        assertTrue(!received.contains("60 minutes"), "a manual-only kit does not install by itself: " + received);
    }

    private void awaitSubjects(int count, Duration limit) throws Exception {
        await(() -> smtp.server().getReceivedMessages().length >= count, limit, count + " mails (have "
                + smtp.subjects() + ")");
    }

    private static boolean modifiedAfter(Path file, FileTime before) {
        try {
            return Files.getLastModifiedTime(file).compareTo(before) > 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void await(BooleanSupplier condition, Duration limit, String what) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + what + " within " + limit + "; agent log:\n"
                        + Files.readString(dir.resolve("run.log"), StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
    }

    /** The agent's launcher as a child JVM of this class path. */
    static ProcessBuilder agent(Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AgentMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    }
}

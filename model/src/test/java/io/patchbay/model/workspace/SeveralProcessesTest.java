package io.patchbay.model.workspace;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** design.md, "Several processes, one workspace": a second process must work, never fail with "database in use". */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SeveralProcessesTest {
    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void twoWorkspacesOnOneFolderSeeEachOthersWrites() {
        try (Workspace first = Workspace.open(dir); Workspace second = Workspace.open(dir)) {
            Fixtures.addSite(first, "alpha");
            Fixtures.addSite(second, "beta");
            assertEquals(List.of("alpha", "beta"), first.sites().list().stream().map(Site::name).toList());
            assertEquals(List.of("alpha", "beta"), second.sites().list().stream().map(Site::name).toList());
        }
    }

    @Test
    void aSecondProcessWritesWhileThisOneHoldsTheWorkspace() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            Fixtures.addSite(ws, "alpha");
            Process child = start("add-site", "beta");
            BufferedReader out = reader(child);
            assertEquals("DONE 2", out.readLine());
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue(), "second process failed");
            assertEquals(List.of("alpha", "beta"), ws.sites().list().stream().map(Site::name).toList());
            assertEquals(1, ws.events().find(EventQuery.all().kind(EventKind.SITE_ADDED).subject("beta")).size());
        }
    }

    @Test
    void theWorkspaceOutlivesTheProcessThatServedIt() throws Exception {
        Process holder = start("hold");
        BufferedReader out = reader(holder);
        assertEquals("READY", out.readLine());
        try (Workspace ws = Workspace.open(dir)) {
            Fixtures.addSite(ws, "alpha");
            holder.getOutputStream().close();
            assertEquals("BYE 1", out.readLine());
            assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
            // The serving process is gone: this one carries on and takes the file over.
            Fixtures.addSite(ws, "beta");
            assertEquals(List.of("alpha", "beta"), ws.sites().list().stream().map(Site::name).toList());
        }
        try (Workspace ws = Workspace.open(dir)) {
            assertEquals(2, ws.sites().list().size());
        }
    }

    @Test
    void aCommittedChangeSurvivesItsProcessBeingKilled() throws Exception {
        Process child = start("add-site-and-hang", "alpha");
        assertEquals("COMMITTED", reader(child).readLine());
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        try (Workspace ws = Workspace.open(dir)) {
            assertEquals("alpha", ws.sites().get("alpha").name());
        }
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Xmx128m",
                "-Dorg.slf4j.simpleLogger.logFile=System.err",
                WorkspaceChild.class.getName(), dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectError(dir.resolveSibling(dir.getFileName() + "-child.err").toFile())
                .start();
        started.add(p);
        return p;
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }
}

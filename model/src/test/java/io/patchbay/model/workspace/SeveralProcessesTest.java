package io.patchbay.model.workspace;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    /** The team database the children open, or null for the folder's own. */
    private TeamDatabase database;

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
    void shortLivedProcessesOpeningAtOnceAllGetIn() throws Exception {
        // Commands in a terminal, a worker and the client come and go: whichever process serves the database
        // leaves while others are opening it. None of them may fail with "in use" or a lock error.
        try (Workspace ws = Workspace.open(dir)) {
            assertEquals(0, ws.sites().list().size());
        }
        int processes = 4;
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            children.add(start("add-site", "site-" + i));
        }
        for (Process child : children) {
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "a process hung");
            String said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), "a process failed: " + said + Files.readString(
                    dir.resolveSibling(dir.getFileName() + "-child.err")));
            assertTrue(said.startsWith("DONE "), said);
        }
        try (Workspace ws = Workspace.open(dir)) {
            assertEquals(processes, ws.sites().list().size());
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    void workersInTwoProcessesNeverTakeTheSameDelivery(Backend backend) throws Exception {
        int sites = 40;
        List<Long> mine = new ArrayList<>();
        List<Long> theirs = new ArrayList<>();
        database = backend.location(dir).database();
        try (Workspace ws = Workspace.open(backend.location(dir))) {
            Release release = Fixtures.addRelease(ws, "12.10.11");
            for (int i = 0; i < sites; i++) {
                Fixtures.addSite(ws, "site-" + i);
                ws.deliveries().enqueue(release.id(), "site-" + i, Fixtures.PERSON);
            }
            Process child = start("claim-all", "child-worker");
            BufferedReader out = reader(child);
            assertEquals("READY", out.readLine());
            child.getOutputStream().write("GO\n".getBytes(StandardCharsets.UTF_8));
            child.getOutputStream().flush();
            // Start claiming only once the child is claiming too, so the two really run side by side
            // however slowly a loaded machine starts the child.
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("CLAIMED "), "child said: " + first);
            theirs.add(Long.parseLong(first.substring("CLAIMED ".length())));
            List<Delivery> got;
            while (!(got = ws.deliveries().claim("parent-worker", 1, java.time.Duration.ofMinutes(5))).isEmpty()) {
                got.forEach(d -> mine.add(d.id()));
                Thread.sleep(25); // "sending": gives the other worker its turns
            }
            for (String line = out.readLine(); !"END".equals(line); line = out.readLine()) {
                assertTrue(line != null && line.startsWith("CLAIMED "), "child said: " + line);
                theirs.add(Long.parseLong(line.substring("CLAIMED ".length())));
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue());
            assertTrue(!mine.isEmpty() && !theirs.isEmpty(), "both workers should have taken rows: mine " + mine
                    + " theirs " + theirs);
            java.util.Set<Long> all = new java.util.HashSet<>(mine);
            all.addAll(theirs);
            assertEquals(sites, mine.size() + theirs.size(), "mine " + mine + " theirs " + theirs);
            assertEquals(sites, all.size(), "a delivery was taken twice: mine " + mine + " theirs " + theirs);
            for (Delivery d : ws.deliveries().list()) {
                assertEquals(theirs.contains(d.id()) ? "child-worker" : "parent-worker", d.leaseOwner());
            }
        }
    }

    @Test
    void aOneOffReadJoinsTheProcessThatHoldsTheWorkspace() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            Fixtures.addSite(ws, "alpha");
        }
        Process holder = start("hold"); // the desktop client or a deliver worker
        BufferedReader out = reader(holder);
        assertEquals("READY", out.readLine());
        assertTrue(server() != null, "the holder serves the file to other processes");

        try (Workspace read = Workspace.openOneOff(WorkspaceLocation.folder(dir))) {
            assertEquals(List.of("alpha"), read.sites().list().stream().map(Site::name).toList());
        }

        holder.getOutputStream().close();
        assertEquals("BYE 1", out.readLine(), "the holder carried on");
        assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, holder.exitValue());
    }

    @Test
    void aProcessThatStartsDuringAOneOffReadGetsInOnceTheReadIsDone() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            Fixtures.addSite(ws, "alpha");
        }
        Process worker;
        try (Workspace read = Workspace.openOneOff(WorkspaceLocation.folder(dir))) {
            assertEquals(null, server(), "a one-off read starts no server");
            worker = start("add-site", "beta"); // opens as the client and the worker do, while the read holds the file
            for (int i = 0; i < 5; i++) {
                assertEquals(List.of("alpha"), read.sites().list().stream().map(Site::name).toList());
                Thread.sleep(100);
            }
        }
        assertTrue(worker.waitFor(120, TimeUnit.SECONDS), "the worker hung");
        String said = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, worker.exitValue(), "the worker failed: " + said
                + Files.readString(dir.resolveSibling(dir.getFileName() + "-child.err")));
        assertEquals("DONE 2", said.strip());
        try (Workspace read = Workspace.openOneOff(WorkspaceLocation.folder(dir))) {
            assertEquals(List.of("alpha", "beta"), read.sites().list().stream().map(Site::name).toList());
        }
    }

    /** The address of the H2 server through which other processes reach the workspace, from H2's lock file; or null. */
    private String server() throws IOException {
        Path lock = dir.resolve(Workspace.DATABASE_NAME + ".lock.db");
        if (!Files.exists(lock)) {
            return null; // H2 opened without AUTO_SERVER locks the file itself instead
        }
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(lock)) {
            p.load(in);
        }
        return p.getProperty("server");
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
                "-Dorg.slf4j.simpleLogger.logFile=System.err"));
        if (database != null) {
            command.add("-D" + WorkspaceChild.DATABASE + "=" + database.url());
            command.add("-D" + WorkspaceChild.PASSWORD_FILE + "=" + database.passwordFile());
        }
        command.addAll(List.of(WorkspaceChild.class.getName(), dir.toString()));
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

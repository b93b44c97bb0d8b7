package io.patchbay.app.demo;

import io.patchbay.agent.home.AgentHome;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.policy.PolicyStore;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.workspace.KitImport;
import io.patchbay.model.workspace.MatrixCell;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo end to end without a window: real agent homes, the in-process SFTP server, real agents that
 * install in a child JVM, and the outbox worker, all on one workspace.
 */
class DemoSitesTest {
    /** Generous: a loaded 2-core machine starts a child JVM per install. Conditions are polled, never slept on. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String PERSON = "alice";

    @TempDir
    Path tmp;

    @Test
    void aRolloutToTheDemoSitesReachesInstalledOnEveryAutomaticSite() throws Exception {
        Path dir = tmp.resolve("workspace");
        List<String> steps = new ArrayList<>();
        try (Workspace ws = Workspace.open(dir);
             DemoSites demo = DemoSites.create(ws, PERSON, (done, total, what) -> steps.add(done + "/" + total + " " + what))) {
            assertTrue(DemoSites.isDemo(dir));
            assertEquals("7/7 demo sites running", steps.get(steps.size() - 1));
            Map<String, String> rings = new TreeMap<>();
            ws.sites().list().forEach(s -> rings.put(s.name(), s.ring()));
            assertEquals(Map.of("clinic-aachen", "pilot", "hospital-dijon", "early", "practice-graz", "broad",
                    "practice-hamm", "broad"), rings);
            Site graz = ws.sites().get("practice-graz");
            assertEquals("sftp://practice-graz@127.0.0.1:" + demo.port() + "/", graz.spec().endpoint().toString());
            assertEquals(null, graz.spec().knownHostsFile(), "the host key is pinned in the database, not a file");
            assertEquals(List.of(demo.hostKeyFingerprint()), ws.hostKeyPins().of("[127.0.0.1]:" + demo.port()).stream()
                    .map(io.patchbay.model.workspace.PinnedHostKey::fingerprint).toList());
            assertTrue(PolicyStore.read(new AgentHome(demo.agentHome("practice-graz")).policy()).window().isAllDay(),
                    "demo agents install at any hour");
            assertEquals("manual", PolicyStore.read(new AgentHome(demo.agentHome("practice-hamm")).policy()).mode().word());

            // The first release was rolled out by the demo itself; the newcomer's own comes from the build tree.
            Release first = ws.releases().find("Spruce", Version.parse("1.0.0")).orElseThrow();
            Release next = addRelease(ws, demo, "1.1.0");
            ws.rollouts().start(next.id(), ws.sites().list().stream().map(Site::name).toList(),
                    List.of("pilot", "early", "broad"), null, PERSON);

            Map<String, String> automatic = Map.of("clinic-aachen", "installed", "hospital-dijon", "installed",
                    "practice-graz", "installed");
            awaitWords(ws, next, automatic);
            awaitWords(ws, first, automatic);
            // The manual site has both kits and waits for an operator.
            awaitWords(ws, next, Map.of("practice-hamm", "waiting"));
            assertEquals(Files.readString(demo.nextBuild().resolve("lib/spruce-export.jar")),
                    Files.readString(demo.agentHome("clinic-aachen").resolveSibling("spruce/lib/spruce-export.jar")),
                    "1.1.0's new file is installed on the site");
        }
    }

    @Test
    void reopeningADemoWorkspaceRestartsItOnAnotherPortWhenItsOwnIsTaken() throws Exception {
        Path dir = tmp.resolve("workspace");
        int oldPort;
        try (Workspace ws = Workspace.open(dir); DemoSites demo = DemoSites.create(ws, PERSON, DemoSites.Progress.NONE)) {
            oldPort = demo.port();
            // Closed once idle: a close during an install waits for the agents' ticks (see AgentDaemon#close).
            awaitWords(ws, ws.releases().list().get(0), Map.of("clinic-aachen", "installed", "hospital-dijon", "installed",
                    "practice-graz", "installed"));
        }
        try (ServerSocket squatter = new ServerSocket(oldPort, 1, InetAddress.getByName("127.0.0.1"));
             Workspace ws = Workspace.open(dir);
             DemoSites demo = DemoSites.resume(ws, PERSON, DemoSites.Progress.NONE)) {
            assertFalse(demo.port() == oldPort, "moved off the taken port " + squatter.getLocalPort());
            PatchbayException twice = assertThrows(PatchbayException.class,
                    () -> DemoSites.resume(ws, PERSON, DemoSites.Progress.NONE));
            assertTrue(twice.getMessage().contains("already run in another Patchbay client"), twice.getMessage());
            assertTrue(ws.sites().list().stream().allMatch(s -> s.spec().endpoint().getPort() == demo.port()),
                    "every site names the new port");
            // The moved sites still work end to end: a new release is delivered and installed.
            Release next = addRelease(ws, demo, "1.1.0");
            ws.rollouts().start(next.id(), List.of("clinic-aachen"), List.of("pilot"), null, PERSON);
            awaitWords(ws, next, Map.of("clinic-aachen", "installed"));
        }
    }

    @Test
    void refusesAWorkspaceThatIsNotEmpty() {
        try (Workspace ws = Workspace.open(tmp.resolve("workspace"))) {
            io.patchbay.app.ui.workspace.TestWorkspaces.addSite(ws, "alpha", "pilot");
            PatchbayException refused = assertThrows(PatchbayException.class,
                    () -> DemoSites.create(ws, PERSON, DemoSites.Progress.NONE));
            assertTrue(refused.getMessage().contains("empty workspace"), refused.getMessage());
            assertFalse(Files.exists(DemoSites.folder(ws.dir())), "nothing written");
        }
    }

    /** Builds Spruce {@code version} from the demo's build tree and adds it, as the wizard does. */
    static Release addRelease(Workspace ws, DemoSites demo, String version) throws Exception {
        Manifest m = new Manifest("Spruce", Version.parse(version), Version.parse("1.0.0"), Channel.STABLE, true, false,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), false, List.of());
        Path kit = ws.dir().resolve("build").resolve(KitImport.kitFileName("Spruce", version));
        Files.createDirectories(kit.getParent());
        new KitBuilder(1).build(new KitInputs(demo.nextBuild(), m, null, null, null,
                SigningKeys.readPrivate(demo.signingKey()), kit));
        return KitImport.add(ws, kit, List.of(SigningKeys.readPublic(demo.signingKey()
                .resolveSibling(SigningKeys.PUBLIC_FILE))), PERSON).release();
    }

    /** Polls the matrix until each named site's cell of the release shows the word. */
    static void awaitWords(Workspace ws, Release release, Map<String, String> expected) throws InterruptedException {
        Supplier<Map<String, String>> now = () -> {
            Map<String, String> words = new TreeMap<>();
            for (MatrixCell c : ws.matrix().cells()) {
                if (c.releaseId() == release.id() && expected.containsKey(c.siteName())) {
                    words.put(c.siteName(), c.word());
                }
            }
            return words;
        };
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Map<String, String> seen = now.get();
        while (!seen.equals(new TreeMap<>(expected))) {
            if (System.nanoTime() > deadline) {
                assertEquals(new TreeMap<>(expected), seen, release.title() + " after " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(200);
            seen = now.get();
        }
    }
}

package io.patchbay.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.json.Json;
import io.patchbay.transport.fixtures.OpenSshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delta kits from workstation to sites, every part a real process of the built launcher over a real OpenSSH sshd:
 * alpha and beta run Spruce 12.10.11 (rolled out and installed by their agents), beta with a hand-changed
 * {@code lib/app.jar}; gamma runs 12.10.10, installed by hand. 12.10.12 is added with {@code --delta-from 12.10.11}
 * and rolled out by a running {@code patchbay deliver}: alpha gets the delta and installs it; beta gets the delta,
 * refuses it ("needs the full kit: payload/lib/app.jar: ..."), and the worker sends it the full kit by itself; gamma
 * gets the full kit at once. Every site ends with exactly the release's files, and the counters say sent 2, applied
 * 1, fell back 1, with beta's reason.
 */
class DeltaRolloutTest {
    @TempDir
    Path dir;
    private OpenSshServer sshd;
    private final List<Launcher.Running> running = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Launcher.Running r : running) {
            SpruceShipment.stop(r);
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void theSiteOnTheBaseInstallsTheDeltaAChangedSiteFallsBackToTheFullKitByItselfAndAnotherVersionGetsTheFullKit()
            throws Exception {
        sshd = OpenSshServer.start(dir.resolve("sshd"));
        SpruceShipment s = new SpruceShipment(dir);
        byte[] jar = new byte[400_000];
        new SplittableRandom(7).nextBytes(jar);
        Files.createDirectories(dir.resolve("build/lib"));
        Files.write(dir.resolve("build/lib/app.jar"), jar);
        s.addRelease("");
        Map<String, SpruceShipment.SiteHome> sites = new TreeMap<>();
        for (String name : List.of("alpha", "beta", "gamma")) {
            SpruceShipment.SiteHome site = s.site(name);
            sites.put(name, site);
            s.initAgent(site);
            s.pb.run("agent", "policy", "--home", site.agentHome().toString(), "--set", "window=any").ok();
            running.add(s.pb.start("agent", "run", "--home", site.agentHome().toString()));
            s.workstation("site", "add", name, "--sftp", sshd.url(site.agentHome()), "--identity",
                    sshd.userKey().toString(), "--known-hosts", sshd.knownHosts().toString()).ok();
        }
        s.workstation("rollout", "start", "12.10.11", "--sites", "alpha,beta").ok();
        s.workstation("deliver", "--until-done").ok();
        for (String name : List.of("alpha", "beta")) {
            assertEquals("installed", s.awaitStatus(name, "installed", Duration.ofSeconds(120)), agentLogs());
        }
        Path hotfixed = sites.get("beta").installRoot().resolve("lib/app.jar");
        byte[] local = Files.readAllBytes(hotfixed);
        local[10] ^= 1; // beta's operator patched the jar by hand
        Files.write(hotfixed, local);

        for (int at : new int[]{1_000, 200_000, 399_000}) {
            jar[at] ^= 0x5a;
        }
        Files.write(dir.resolve("build/lib/app.jar"), jar);
        Path kit = s.buildVersion("12.10.12", "");
        JsonNode added = Json.mapper().readTree(s.workstation("release", "add", kit.toString(), "--delta-from",
                "12.10.11", "--key", s.signingKey().toString(), "--json").ok().out());
        JsonNode delta = added.get("deltas").get(0);
        String deltaFile = "Spruce-12.10.11-12.10.12.delta.kit";
        assertEquals(List.of(deltaFile, "12.10.11", true), List.of(delta.get("kitFile").asText(),
                delta.get("base").asText(), delta.get("added").asBoolean()));
        assertTrue(delta.get("kitBytes").asLong() * 10 < Files.size(kit), "a tenth of the full kit at most: " + delta);

        s.workstation("rollout", "start", "12.10.12", "--all").ok();
        running.add(s.pb.start("deliver", "--harvest-every", "1", "--workspace", s.workspace.toString()));
        for (String name : sites.keySet()) {
            assertEquals("installed", s.awaitStatus(name, "installed", Duration.ofSeconds(180)), agentLogs());
        }

        Map<String, String> release = tree(dir.resolve("build"));
        for (SpruceShipment.SiteHome site : sites.values()) {
            assertEquals(release, tree(site.installRoot()), site.name() + " holds exactly 12.10.12's files");
        }
        Map<String, JsonNode> cells = new TreeMap<>();
        for (JsonNode row : Json.mapper().readTree(s.workstation("status", "--json").ok().out())) {
            if (row.get("release").asText().equals("Spruce 12.10.12")) {
                cells.put(row.get("site").asText(), row);
            }
        }
        String why = "needs the full kit: payload/lib/app.jar: the installed file is not Spruce 12.10.11's "
                + "(changed on this site?)";
        assertEquals(List.of("delta", deltaFile, "null"), sent(cells.get("alpha")));
        assertEquals(List.of("full", "Spruce-12.10.12.kit", why), sent(cells.get("beta")));
        assertEquals(List.of("full", "Spruce-12.10.12.kit", "null"), sent(cells.get("gamma")));
        JsonNode counts = cells.get("alpha").get("deltas");
        assertEquals(List.of(2, 1, 1, why, 1), List.of(counts.get("sent").asInt(), counts.get("applied").asInt(),
                counts.get("fellBack").asInt(), counts.get("reasons").get(0).get("reason").asText(),
                counts.get("reasons").get(0).get("sites").asInt()));

        String text = s.workstation("status").ok().out();
        assertTrue(text.contains("Spruce 12.10.12: deltas sent 2, applied 1, fell back 1\n  1 x " + why), text);
        assertTrue(text.contains("installed (delta)") && text.contains("installed (full kit after the delta)"), text);
    }

    private static List<String> sent(JsonNode cell) {
        JsonNode sent = cell.get("sent");
        return List.of(sent.get("kind").asText(), sent.get("kit").asText(), sent.get("fallbackReason").asText());
    }

    private String agentLogs() {
        StringBuilder b = new StringBuilder("processes:\n");
        running.forEach(r -> b.append(r.out()).append(r.err()));
        return b.toString();
    }

    /** Each file under {@code root} (relative path, forward slashes) with its SHA-256. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(f).toString().replace('\\', '/'), FileHashes.sha256(f));
            }
        }
        return files;
    }
}

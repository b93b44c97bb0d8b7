package io.patchbay.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchbay.model.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A site without a network, both ways, every step a real process of the built launcher and nothing but files
 * between the two sides: the workstation writes a bundle for the site ({@code bundle create}); the site's agent
 * imports it from a read-only folder ({@code agent import}), installs, and writes a signed report bundle
 * ({@code agent report}); the workstation imports that ({@code status import}) and its matrix says installed. Then
 * the refusals: a bundle for another site, a truncated bundle, a replayed, a foreign and a tampered report.
 */
class OfflineSiteTest {
    @TempDir
    Path dir;

    @Test
    void kitsGoOutOnAStickAndTheSitesSignedReportComesBackTheSameWay() throws Exception {
        SpruceShipment s = new SpruceShipment(dir);
        Launcher pb = s.pb;
        Path home = s.agentHome;
        s.addRelease("");
        String init = pb.run("agent", "init", "--home", home.toString(), "--install-root", s.installRoot.toString(),
                "--trust", s.signingPub().toString(), "--site", "acme").ok().out();
        assertTrue(init.contains("agent key SHA256:") && init.contains(home.resolve("agent.pub").toString()), init);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("agent.key"))));

        // acme is an offline site: it has no address. lyon has one the workstation never reaches here.
        Path noKey = Files.writeString(dir.resolve("unused_id"), "never used: the site has no network\n");
        Launcher.Result keyed = s.workstation("site", "add", "acme", "--offline", "--identity", noKey.toString());
        assertEquals(2, keyed.exit(), keyed.out() + keyed.err());
        assertTrue(keyed.err().contains("an offline site has no address: --identity, --known-hosts, "
                + "--accept-host-key, --token-file and --ca do not apply"), keyed.err());
        assertTrue(s.workstation("site", "add", "acme", "--offline", "--agent-key", home.resolve("agent.pub").toString())
                .ok().out().startsWith("added site acme: offline:by-bundle"));
        s.workstation("site", "add", "lyon", "--sftp", "sftp://patchbay@192.0.2.2:22/patchbay", "--identity",
                noKey.toString()).ok();
        s.workstation("rollout", "start", "12.10.11", "--all").ok();
        assertEquals("waiting for a bundle", state(s, "acme"));
        Path stick = Files.createDirectories(dir.resolve("stick"));
        s.workstation("bundle", "create", "--site", "lyon", "--out", stick.resolve("lyon.bundle").toString(),
                "--key", s.signingKey().toString()).ok();
        // deliver never tries the offline site, and does not wait for it either
        s.workstation("deliver", "--until-done", "--harvest-every", "0", "--timeout", "60s").ok();
        assertEquals("waiting for a bundle", state(s, "acme"));
        Launcher.Result test = s.workstation("site", "test", "acme");
        assertEquals(1, test.exit(), test.out() + test.err());
        assertTrue(test.err().startsWith("patchbay: site acme is offline: there is no connection to test"), test.err());

        String created = s.workstation("bundle", "create", "--site", "acme", "--out", stick.resolve("acme.bundle")
                .toString(), "--key", s.signingKey().toString()).ok().out();
        assertTrue(created.contains("Spruce 12.10.11 (Spruce-12.10.11.kit) -> acme"), created);
        assertEquals("handed over by bundle", state(s, "acme"));
        byte[] whole = Files.readAllBytes(stick.resolve("acme.bundle"));
        Files.write(dir.resolve("cut.bundle"), Arrays.copyOf(whole, whole.length - 200));
        for (Path p : Files.list(stick).toList()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r--r--r--"));
        }
        Files.setPosixFilePermissions(stick, PosixFilePermissions.fromString("r-xr-xr-x"));

        // At the site: a bundle for another site and a cut one are refused, and change nothing.
        Launcher.Result foreign = pb.run("agent", "import", "--home", home.toString(), stick.resolve("lyon.bundle").toString());
        assertEquals(1, foreign.exit(), foreign.out() + foreign.err());
        assertEquals("patchbay: bundle lyon.bundle refused: a bundle for lyon, not for this site (acme)\n", foreign.err());
        Launcher.Result cut = pb.run("agent", "import", "--home", home.toString(), dir.resolve("cut.bundle").toString());
        assertEquals(1, cut.exit(), cut.out() + cut.err());
        assertTrue(cut.err().startsWith("patchbay: bundle cut.bundle refused: ") && cut.err().lines().count() == 1, cut.err());
        assertTrue(pb.run("agent", "list", "--home", home.toString()).ok().out().lines().noneMatch(l -> l.contains("12.10.11")));

        String imported = pb.run("agent", "import", "--home", home.toString(), stick.resolve("acme.bundle").toString())
                .ok().out();
        assertTrue(imported.contains("Spruce 12.10.11 (Spruce-12.10.11.kit): registered"), imported);
        pb.run("agent", "install", "--home", home.toString(), "12.10.11").ok();
        assertEquals("echo spruce 12.10.11\n", Files.readString(s.installRoot.resolve("bin/spruce.sh")));
        Path back = Files.createDirectories(dir.resolve("back"));
        String reported = pb.run("agent", "report", "--home", home.toString(), "--out", back.resolve("r1.bundle").toString())
                .ok().out();
        assertTrue(reported.startsWith("wrote report 1 of site acme"), reported);

        // Back at the workstation.
        String done = s.workstation("status", "import", back.resolve("r1.bundle").toString()).ok().out();
        assertTrue(done.startsWith("imported report 1 of site acme"), done);
        assertEquals("installed", state(s, "acme"));
        assertEquals("handed over by bundle", state(s, "lyon"));

        // A newer report, then the older one again: a replay.
        pb.run("agent", "report", "--home", home.toString(), "--out", back.resolve("r2.bundle").toString()).ok();
        s.workstation("status", "import", back.resolve("r2.bundle").toString()).ok();
        Launcher.Result replay = s.workstation("status", "import", back.resolve("r1.bundle").toString());
        assertEquals(1, replay.exit(), replay.out() + replay.err());
        assertEquals("patchbay: an older report of acme (number 1) than the last one imported (number 2): refused as "
                + "a replay\n", replay.err());

        // A report naming acme but signed by another agent's key; one asked for as another site's; a tampered one.
        Path other = dir.resolve("other/agent");
        pb.run("agent", "init", "--home", other.toString(), "--install-root", s.installRoot.toString(),
                "--trust", s.signingPub().toString(), "--site", "acme").ok();
        pb.run("agent", "report", "--home", other.toString(), "--out", back.resolve("impostor.bundle").toString()).ok();
        Launcher.Result impostor = s.workstation("status", "import", back.resolve("impostor.bundle").toString());
        assertEquals(1, impostor.exit(), impostor.out() + impostor.err());
        assertEquals("patchbay: report bundle impostor.bundle refused: not signed by the agent key recorded for its "
                + "site\n", impostor.err());
        Launcher.Result asLyon = s.workstation("status", "import", back.resolve("r2.bundle").toString(), "--site", "lyon");
        assertEquals(1, asLyon.exit(), asLyon.out() + asLyon.err());
        assertEquals("patchbay: report bundle r2.bundle refused: a report of site acme, not of lyon\n", asLyon.err());
        byte[] report = Files.readAllBytes(back.resolve("r2.bundle"));
        report[report.length / 2] ^= 1;
        Files.write(back.resolve("tampered.bundle"), report);
        Launcher.Result tampered = s.workstation("status", "import", back.resolve("tampered.bundle").toString());
        assertEquals(1, tampered.exit(), tampered.out() + tampered.err());
        assertTrue(tampered.err().startsWith("patchbay: report bundle tampered.bundle refused: "), tampered.err());
        assertEquals("installed", state(s, "acme"));
    }

    /** The site's cell in {@code status --json} (no refresh: nothing is reachable). */
    private static String state(SpruceShipment s, String site) throws Exception {
        JsonNode rows = Json.mapper().readTree(s.workstation("status", "--json").ok().out());
        for (JsonNode r : rows) {
            if (r.get("site").asText().equals(site)) {
                return r.get("state").asText();
            }
        }
        return null;
    }
}

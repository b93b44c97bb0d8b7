package io.patchbay.app.cli;

import io.patchbay.model.json.Json;
import io.patchbay.model.kit.ManifestKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The keys and kit commands, run through the real command line on real files. */
class KitCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PatchbayCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** {@code dir/kit.ini} for Spruce 12.10.11. */
    static Path manifest(Path dir) throws Exception {
        return Files.writeString(dir.resolve("kit.ini"), """
                [release]
                product = Spruce
                version = 12.10.11
                requires = 12.10.0
                channel = stable
                automatic = true
                major = false
                released = 2026-11-20T09:00:00Z
                [backup]
                data = true
                """);
    }

    private Path buildKit() throws Exception {
        assertEquals(0, run("keys", "init", "--dir", dir.resolve("keys").toString()).exit());
        Path src = Files.createDirectories(dir.resolve("src/lib"));
        Files.writeString(src.resolve("app.jar"), "jar");
        Path notes = Files.writeString(dir.resolve("notes.md"), "# Notes\n");
        Path kit = dir.resolve("spruce.kit");
        Run r = run("kit", "build", "--source", dir.resolve("src").toString(), "--manifest", manifest(dir).toString(),
                "--notes", notes.toString(), "--key", dir.resolve("keys/signing.key").toString(), "--out", kit.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("built " + kit + ": Spruce 12.10.11, 7 entries, "), r.out());
        assertEquals(1, r.out().lines().count());
        return kit;
    }

    @Test
    void kitDeltaBuildsASignedDeltaThatShowAndVerifyDescribe() throws Exception {
        assertEquals(0, run("keys", "init", "--dir", dir.resolve("keys").toString()).exit());
        String key = dir.resolve("keys/signing.key").toString();
        Path src = Files.createDirectories(dir.resolve("src/lib"));
        String jar = "class Spruce { int version = 12; }\n".repeat(3000);
        Files.writeString(src.resolve("app.jar"), jar);
        Path baseIni = Files.writeString(dir.resolve("base.ini"), Files.readString(manifest(dir)).replace("12.10.11", "12.10.0"));
        Path base = dir.resolve("spruce-12.10.0.kit");
        assertEquals(0, run("kit", "build", "--source", src.getParent().toString(), "--manifest", baseIni.toString(),
                "--key", key, "--out", base.toString()).exit());
        Files.writeString(src.resolve("app.jar"), jar.replaceFirst("12", "13"));
        Path release = dir.resolve("spruce-12.10.11.kit");
        assertEquals(0, run("kit", "build", "--source", src.getParent().toString(), "--manifest", manifest(dir).toString(),
                "--key", key, "--out", release.toString()).exit());

        Path delta = dir.resolve("spruce.delta.kit");
        Run built = run("kit", "delta", "--from", base.toString(), "--to", release.toString(), "--key", key,
                "--out", delta.toString());
        assertEquals(0, built.exit(), built.err());
        assertTrue(built.out().startsWith("built " + delta + ": Spruce 12.10.11 from 12.10.0, 1 patched, 0 whole, "
                + "0 unchanged, "), built.out());

        Run verified = run("kit", "verify", delta.toString(), "--trust", dir.resolve("keys/signing.pub").toString());
        assertEquals(0, verified.exit(), verified.err());
        assertTrue(verified.out().startsWith("valid: delta kit Spruce 12.10.11 from 12.10.0 (stable), 1 patched, 0 whole, "),
                verified.out());
        var shown = Json.mapper().readTree(run("kit", "show", delta.toString(), "--json").out());
        assertEquals("12.10.0", shown.get("deltaBase").asText());
        assertEquals(1, shown.get("patched").asInt());
        assertTrue(shown.get("patchBytes").asLong() < 1000, shown.toString());
        assertEquals(0, shown.get("whole").asInt());

        Run missing = run("kit", "delta", "--from", dir.resolve("nope.kit").toString(), "--to", release.toString(),
                "--key", key, "--out", dir.resolve("x.kit").toString());
        assertEquals(3, missing.exit(), "not found");
        assertEquals("patchbay: no such kit: " + dir.resolve("nope.kit") + "\n", missing.err());
    }

    @Test
    void keysInitWritesOwnerOnlyPrivateKeyAndRefusesToOverwrite() throws Exception {
        Path keys = dir.resolve("keys");
        Run first = run("keys", "init", "--dir", keys.toString());
        assertEquals(0, first.exit());
        assertTrue(first.out().contains("fingerprint SHA256:"), first.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("signing.key"))));
        Run again = run("keys", "init", "--dir", keys.toString());
        assertEquals(1, again.exit());
        assertEquals("patchbay: refusing to overwrite the existing key " + keys.resolve("signing.key") + "\n", again.err());
    }

    @Test
    void builtKitVerifiesWithItsPublicKey() throws Exception {
        Path kit = buildKit();
        Run r = run("kit", "verify", kit.toString(), "--trust", dir.resolve("keys/signing.pub").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("valid: Spruce 12.10.11 (stable), 7 entries, signed by SHA256:"), r.out());
    }

    @Test
    void qaAddsASecondSignatureThatVerifyAndShowName() throws Exception {
        Path kit = buildKit();
        assertEquals(0, run("keys", "init", "--dir", dir.resolve("qa").toString()).exit());
        Run sign = run("kit", "sign", kit.toString(), "--key", dir.resolve("qa/signing.key").toString());
        assertEquals(0, sign.exit(), sign.err());
        assertTrue(sign.out().matches("signed " + java.util.regex.Pattern.quote(kit.toString())
                + ": 2 signatures, by SHA256:\\S+ and SHA256:\\S+\n"), sign.out());

        Run both = run("kit", "verify", kit.toString(), "--trust", dir.resolve("keys/signing.pub").toString(),
                "--trust", dir.resolve("qa/signing.pub").toString());
        assertEquals(0, both.exit(), both.err());
        assertTrue(both.out().matches("valid: .* signed by SHA256:\\S+ and SHA256:\\S+\n"), both.out());
        Run show = run("kit", "show", kit.toString(), "--json");
        assertEquals(2, Json.mapper().readTree(show.out()).get("signers").size(), show.out());

        Run again = run("kit", "sign", kit.toString(), "--key", dir.resolve("qa/signing.key").toString());
        assertEquals(1, again.exit());
        assertTrue(again.err().startsWith("patchbay: the kit is already signed by SHA256:"), again.err());
    }

    @Test
    void verifyWithAnotherKeyExitsOneWithTheReason() throws Exception {
        Path kit = buildKit();
        assertEquals(0, run("keys", "init", "--dir", dir.resolve("other").toString()).exit());
        Run r = run("kit", "verify", kit.toString(), "--trust", dir.resolve("other/signing.pub").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().matches("patchbay: signed by SHA256:\\S+, a key that is not trusted; if you trust it, "
                + "name its public key with --trust KEY.pub\n"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void verifyWithoutTrustUsesTheSignersTheWorkspaceTrusts() throws Exception {
        Path kit = buildKit();
        String ws = dir.resolve("ws").toString();
        assertEquals(0, run("release", "add", kit.toString(), "--workspace", ws).exit());
        Run r = run("kit", "verify", kit.toString(), "--workspace", ws);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("valid: Spruce 12.10.11 (stable), 7 entries, signed by SHA256:"), r.out());
        var json = io.patchbay.model.json.Json.mapper().readTree(run("kit", "verify", kit.toString(), "--json",
                "--workspace", ws).out());
        assertTrue(json.get("valid").asBoolean());
        assertEquals("12.10.11", json.get("version").asText());
        assertEquals(7, json.get("entries").asInt());
    }

    @Test
    void verifyWithoutTrustOrWorkspaceSaysWhatIsMissing() throws Exception {
        Path kit = buildKit();
        Path none = dir.resolve("no-workspace");
        Run r = run("kit", "verify", kit.toString(), "--workspace", none.toString());
        assertEquals(1, r.exit());
        assertEquals("patchbay: no key to verify against: name the signer's public key with --trust KEY.pub (there is "
                + "no workspace at " + none + " whose signers to use)\n", r.err());
        assertFalse(Files.exists(none));
    }

    @Test
    void verifyRefusesAChangedKit() throws Exception {
        Path kit = buildKit();
        byte[] bytes = Files.readAllBytes(kit);
        int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("app.jarjar") + "app.jar".length();
        bytes[at] = 'J';
        Files.write(kit, bytes);
        Run r = run("kit", "verify", kit.toString(), "--trust", dir.resolve("keys/signing.pub").toString());
        assertEquals(1, r.exit());
        assertEquals("patchbay: payload/lib/app.jar was changed: its SHA-256 does not match checksums.sha256\n", r.err());
    }

    @Test
    void showPrintsManifestAndSignerAsJson() throws Exception {
        Path kit = buildKit();
        Run r = run("kit", "show", kit.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        var node = io.patchbay.model.json.Json.mapper().readTree(r.out());
        assertEquals("Spruce", node.get("product").asText());
        assertEquals("12.10.11", node.get("version").asText());
        assertEquals(7, node.get("entries").asInt());
        assertEquals(Files.size(kit), node.get("kitBytes").asLong());
        assertEquals(64, node.get("sha256").asText().length());
        assertTrue(node.get("signer").asText().startsWith("SHA256:"));
    }

    @Test
    void showAsText() throws Exception {
        Run r = run("kit", "show", buildKit().toString());
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("product:      Spruce\n"), r.out());
    }

    @Test
    void badManifestIsOneLineNamingKeyAndLine() throws Exception {
        assertEquals(0, run("keys", "init", "--dir", dir.resolve("keys").toString()).exit());
        Files.createDirectories(dir.resolve("src"));
        Path bad = Files.writeString(dir.resolve("bad.ini"), Files.readString(manifest(dir)).replace("major = false", "major = maybe"));
        Run r = run("kit", "build", "--source", dir.resolve("src").toString(), "--manifest", bad.toString(),
                "--key", dir.resolve("keys/signing.key").toString(), "--out", dir.resolve("x.kit").toString());
        assertEquals(1, r.exit());
        assertEquals("patchbay: kit.ini line 7: major: not a boolean: 'maybe' (expected true or false)\n", r.err());
        assertTrue(Files.notExists(dir.resolve("x.kit")));
    }

    @Test
    void kitInitWritesATemplateThatBuildsAsIs() throws Exception {
        assertEquals(0, run("keys", "init", "--dir", dir.resolve("keys").toString()).exit());
        Files.writeString(Files.createDirectories(dir.resolve("src")).resolve("app.jar"), "jar");
        Path ini = dir.resolve("kit.ini");
        Run init = run("kit", "init", "--product", "Spruce", "--version", "12.10.11", "--out", ini.toString());
        assertEquals(0, init.exit(), init.err());
        assertEquals("", init.err());
        String text = Files.readString(ini);
        assertTrue(text.contains("; " + ManifestKey.CHANNEL.meaning() + "\nchannel = stable\n"), text);
        Run build = run("kit", "build", "--source", dir.resolve("src").toString(), "--manifest", ini.toString(),
                "--key", dir.resolve("keys/signing.key").toString(), "--out", dir.resolve("x.kit").toString());
        assertEquals(0, build.exit(), build.err());
        assertTrue(build.out().startsWith("built " + dir.resolve("x.kit") + ": Spruce 12.10.11, "), build.out());
    }

    @Test
    void kitInitRefusesToOverwriteAndLeavesTheFileAsItWas() throws Exception {
        Path ini = Files.writeString(dir.resolve("kit.ini"), "mine\n");
        Run r = run("kit", "init", "--product", "Spruce", "--version", "1.0", "--out", ini.toString());
        assertEquals(1, r.exit());
        assertEquals("patchbay: refusing to overwrite the existing " + ini + "\n", r.err());
        assertEquals("mine\n", Files.readString(ini));
    }

    @Test
    void kitInitRefusesABadVersionAndWritesNothing() {
        Run r = run("kit", "init", "--product", "Spruce", "--version", "12.x", "--out", dir.resolve("kit.ini").toString());
        assertEquals(1, r.exit());
        assertEquals("patchbay: not a version: '12.x' (expected numbers such as 12.10.11)\n", r.err());
        assertTrue(Files.notExists(dir.resolve("kit.ini")));
    }

    @Test
    void buildReportsEveryProblemOfTheManifestAtOnceWithItsLine() throws Exception {
        assertEquals(0, run("keys", "init", "--dir", dir.resolve("keys").toString()).exit());
        Files.createDirectories(dir.resolve("src"));
        Path ini = dir.resolve("kit.ini");
        assertEquals(0, run("kit", "init", "--out", ini.toString()).exit());
        List<String> lines = Files.readAllLines(ini);
        Run r = run("kit", "build", "--source", dir.resolve("src").toString(), "--manifest", ini.toString(),
                "--key", dir.resolve("keys/signing.key").toString(), "--out", dir.resolve("x.kit").toString());
        assertEquals(1, r.exit());
        assertEquals(List.of(
                "patchbay: kit.ini line " + (lines.indexOf("product = ") + 1) + ": product: the product name is empty",
                "patchbay: kit.ini line " + (lines.indexOf("version = ") + 1)
                        + ": version: not a version: '' (expected numbers such as 12.10.11)",
                "patchbay: kit.ini line " + (lines.indexOf("requires = ") + 1)
                        + ": requires: not a version: '' (expected numbers such as 12.10.11)"),
                r.err().lines().toList());
        assertTrue(Files.notExists(dir.resolve("x.kit")));
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        Run r = run("kit", "build", "--source", "x");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Missing required options"), r.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][]{{"keys", "--help"}, {"keys", "init", "--help"}, {"kit", "--help"},
                {"kit", "init", "--help"}, {"kit", "build", "--help"}, {"kit", "verify", "--help"}, {"kit", "show", "--help"}}) {
            Run r = run(args);
            assertEquals(0, r.exit(), String.join(" ", args));
            assertTrue(r.out().startsWith("Usage: patchbay " + args[0]), r.out());
        }
    }
}

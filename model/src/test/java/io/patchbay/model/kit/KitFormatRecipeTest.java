package io.patchbay.model.kit;

import io.patchbay.model.kit.sign.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand check in docs/kit-format.md, run exactly as the page prints it (with unzip, sha256sum and openssl,
 * which CI installs; missing tools fail the test), on a kit the builder made: the format page is true.
 */
class KitFormatRecipeTest {
    private static final Path PAGE = Path.of("..", "docs", "kit-format.md");

    @TempDir
    Path dir;
    final KeyPair key = SigningKeys.generate();

    @Test
    void theRecipeVerifiesABuiltKitWithTheSignersKey() throws Exception {
        Path kit = built();
        Result r = recipe(kit, publicKey(key, "vendor.pub"));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().endsWith("kit verified\n"), r.output());
    }

    @Test
    void theRecipeFindsTheSecondSignersSignatureInACoSignedKit() throws Exception {
        Path kit = built();
        KeyPair qa = SigningKeys.generate();
        KitCosigner.addSignature(kit, qa.getPrivate());
        Result r = recipe(kit, publicKey(qa, "qa.pub"));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().endsWith("kit verified\n"), r.output());
    }

    @Test
    void theRecipeRefusesAKitSignedByAnotherKey() throws Exception {
        Result r = recipe(built(), publicKey(SigningKeys.generate(), "other.pub"));
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("no signature by") && !r.output().contains("kit verified"), r.output());
    }

    @Test
    void theRecipeRefusesAKitWithOneChangedPayloadByte() throws Exception {
        Path kit = built();
        byte[] bytes = Files.readAllBytes(kit);
        int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("pretend jar");
        try (FileChannel ch = FileChannel.open(kit, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[]{'P'}), at);
        }
        Result r = recipe(kit, publicKey(key, "vendor.pub"));
        assertNotEquals(0, r.exit(), r.output());
        // unzip's CRC check or sha256sum, whichever sees it first, names the file.
        assertTrue(r.output().contains("app.jar") && !r.output().contains("kit verified"), r.output());
    }

    private Path built() throws IOException {
        Path kit = dir.resolve("spruce.kit");
        new KitBuilder().build(TestKits.inputs(dir, key, kit));
        return kit;
    }

    private Path publicKey(KeyPair pair, String name) throws IOException {
        Path file = dir.resolve(name);
        SigningKeys.writePublic(file, pair.getPublic());
        return file;
    }

    private record Result(int exit, String output) {
    }

    private Result recipe(Path kit, Path pub) throws Exception {
        String page = Files.readString(PAGE);
        int section = page.indexOf("## Checking a kit by hand");
        int start = page.indexOf("```sh\n", section) + "```sh\n".length();
        String script = page.substring(start, page.indexOf("```", start));
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        pb.environment().put("KIT", kit.toAbsolutePath().toString());
        pb.environment().put("PUB", pub.toAbsolutePath().toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the recipe ended");
        return new Result(p.exitValue(), output);
    }
}

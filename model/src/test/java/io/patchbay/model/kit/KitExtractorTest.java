package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.sign.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;

import static io.patchbay.model.kit.TestKits.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KitExtractorTest {
    @TempDir
    Path dir;
    final KeyPair key = SigningKeys.generate();

    @Test
    void extractsEveryEntryWithItsModes() throws Exception {
        Path kit = dir.resolve("spruce.kit");
        new KitBuilder().build(TestKits.inputs(dir, key, kit));
        Path target = dir.resolve("site/staging/spruce");
        VerifiedKit v = KitExtractor.extract(kit, List.of(key.getPublic()), target);
        assertEquals("pretend jar ".repeat(1000), Files.readString(target.resolve("payload/lib/app.jar")));
        assertTrue(Files.isExecutable(target.resolve("hooks/install")));
        assertEquals(TestKits.manifest().withBuiltBy(KitBuilder.builtBy()), v.manifest());
        assertEquals(v.checksums(), ChecksumList.parse(Files.readAllBytes(target.resolve(KitLayout.CHECKSUMS))),
                "the verified checksum list goes along with the entries");
        try (var left = Files.list(dir.resolve("site/staging"))) {
            assertEquals(List.of(target), left.toList());
        }
    }

    @Test
    void failedVerificationLeavesNothingBehind() throws Exception {
        // The bad entry sorts last, so earlier entries were already written to staging when it fails.
        Path kit = TestKits.signedKit(dir.resolve("bad.kit"), key,
                Map.of("payload/a.txt", utf8("fine"), "payload/z.txt", utf8("good")), l -> { },
                e -> e.replaceAll(r -> r.name().equals("payload/z.txt") ? TestKits.Raw.stored(r.name(), utf8("evil")) : r));
        Path parent = Files.createDirectories(dir.resolve("site/staging"));
        Path target = parent.resolve("bad");
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> KitExtractor.extract(kit, List.of(key.getPublic()), target));
        assertEquals("payload/z.txt was changed: its SHA-256 does not match checksums.sha256", e.getMessage());
        try (var left = Files.list(parent)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void refusesToExtractOverAnExistingFolder() throws Exception {
        Path kit = dir.resolve("spruce.kit");
        new KitBuilder().build(TestKits.inputs(dir, key, kit));
        Path target = Files.createDirectories(dir.resolve("there"));
        assertThrows(PatchbayException.class, () -> KitExtractor.extract(kit, List.of(key.getPublic()), target));
    }
}

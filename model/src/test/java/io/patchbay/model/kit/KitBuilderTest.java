package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.sign.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KitBuilderTest {
    @TempDir
    Path dir;
    final KeyPair key = SigningKeys.generate();

    @Test
    void builtKitVerifiesWithItsKeyAndListsEveryEntry() throws Exception {
        Path kit = dir.resolve("out/spruce.kit");
        KitBuildResult result = new KitBuilder().build(TestKits.inputs(dir, key, kit));
        VerifiedKit verified = KitReader.verify(kit, List.of(key.getPublic()));
        assertEquals(TestKits.manifest().withBuiltBy(KitBuilder.builtBy()), verified.manifest());
        assertTrue(verified.manifest().builtBy().startsWith("Patchbay "), verified.manifest().builtBy());
        assertEquals(SigningKeys.fingerprint(key.getPublic()), verified.signerFingerprint());
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(kit.toFile())) {
            zip.stream().map(ZipEntry::getName).forEach(names::add);
        }
        assertEquals(List.of("SHA256SUMS", "checksums.sha256", "data/export.csv", "hooks/install", "kit.ini", "kit.sig",
                "notes/release-notes.html", "notes/release-notes.md", "payload/empty.bin", "payload/lib/app.jar",
                "payload/lib/nested/b.txt", "payload/start.sh"), names);
        assertEquals(12, result.entries());
        assertEquals(Files.size(kit), result.kitSize());
    }

    @Test
    void aBuildTreeWithNamesDifferingOnlyInCaseIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path kit = dir.resolve("out/spruce.kit");
        KitInputs in = TestKits.inputs(dir, key, kit);
        Files.writeString(in.source().resolve("lib/APP.jar"), "the other one");
        PatchbayException e = assertThrows(PatchbayException.class, () -> new KitBuilder().build(in));
        assertEquals("entries 'payload/lib/APP.jar' and 'payload/lib/app.jar' name the same file on a case-insensitive "
                + "or normalising file system", e.getMessage());
        assertTrue(Files.notExists(kit));
    }

    @Test
    void theKitsSha256sumsListingIsWhatSha256sumChecksAndItIsSigned() throws Exception {
        Path kit = dir.resolve("spruce.kit");
        new KitBuilder().build(TestKits.inputs(dir, key, kit));
        VerifiedKit verified = KitReader.verify(kit, List.of(key.getPublic()));
        try (ZipFile zip = new ZipFile(kit.toFile())) {
            String sums = new String(zip.getInputStream(zip.getEntry("SHA256SUMS")).readAllBytes());
            assertEquals(verified.checksums().lines().size() - 1, sums.lines().count(), sums);
            String app = verified.checksums().byName().get("payload/lib/app.jar").sha256();
            assertTrue(sums.contains(app + "  payload/lib/app.jar\n"), sums);
            assertTrue(verified.checksums().byName().containsKey("SHA256SUMS"), "covered by the signature");
        }
    }

    @Test
    void standardZipToolsReadTheKit() throws Exception {
        Path kit = dir.resolve("spruce.kit");
        new KitBuilder().build(TestKits.inputs(dir, key, kit));
        try (ZipFile zip = new ZipFile(kit.toFile())) {
            assertEquals("pretend jar ".repeat(1000),
                    new String(zip.getInputStream(zip.getEntry("payload/lib/app.jar")).readAllBytes()));
            String html = new String(zip.getInputStream(zip.getEntry("notes/release-notes.html")).readAllBytes());
            assertTrue(html.contains("<del>bugs</del>"), html);
        }
    }

    @Test
    void sameInputsGiveByteIdenticalKits() throws Exception {
        KitInputs in = TestKits.inputs(dir, key, dir.resolve("a.kit"));
        new KitBuilder(1).build(in);
        new KitBuilder(4).build(new KitInputs(in.source(), in.manifest(), in.notes(), in.data(), in.hooks(), in.key(),
                dir.resolve("b.kit")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.kit")), Files.readAllBytes(dir.resolve("b.kit")));
    }

    @Test
    void hooksAndExecutablePayloadKeepTheExecutableFlag() throws Exception {
        Path kit = dir.resolve("spruce.kit");
        new KitBuilder().build(TestKits.inputs(dir, key, kit));
        var lines = KitReader.verify(kit, List.of(key.getPublic())).checksums().byName();
        assertEquals(KitLayout.EXECUTABLE_MODE, lines.get("hooks/install").mode());
        assertEquals(KitLayout.EXECUTABLE_MODE, lines.get("payload/start.sh").mode());
        assertEquals(KitLayout.FILE_MODE, lines.get("payload/lib/app.jar").mode());
    }

    @Test
    void progressReachesTheTotal() throws Exception {
        AtomicLong last = new AtomicLong();
        AtomicLong total = new AtomicLong();
        new KitBuilder().build(TestKits.inputs(dir, key, dir.resolve("spruce.kit")), (done, all, current) -> {
            last.accumulateAndGet(done, Math::max);
            total.set(all);
        }, () -> false);
        assertTrue(total.get() > 12_000);
        assertEquals(total.get(), last.get());
    }

    @Test
    void cancelledBuildLeavesNoFileBehind() throws Exception {
        KitInputs in = TestKits.inputs(dir, key, dir.resolve("out/spruce.kit"));
        assertThrows(KitBuildCancelledException.class, () -> new KitBuilder().build(in, KitBuildListener.NONE, () -> true));
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void symlinkInTheSourceIsRefusedAndNothingIsWritten() throws Exception {
        KitInputs in = TestKits.inputs(dir, key, dir.resolve("out/spruce.kit"));
        Files.createSymbolicLink(in.source().resolve("lib/link"), Path.of("/etc/passwd"));
        PatchbayException e = assertThrows(PatchbayException.class, () -> new KitBuilder().build(in));
        assertTrue(e.getMessage().startsWith("refusing the symlink"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("out")) || Files.list(dir.resolve("out")).count() == 0);
    }

    @Test
    void unknownHookNameIsRefused() throws Exception {
        KitInputs in = TestKits.inputs(dir, key, dir.resolve("spruce.kit"));
        Files.writeString(in.hooks().resolve("setup.sh"), "x");
        assertEquals("the hooks folder may hold only pre-install, install, verify and post-install; found setup.sh",
                assertThrows(PatchbayException.class, () -> new KitBuilder().build(in)).getMessage());
    }

    @Test
    void missingSourceFolderIsRefused() throws Exception {
        KitInputs in = TestKits.inputs(dir, key, dir.resolve("spruce.kit"));
        KitInputs bad = new KitInputs(dir.resolve("nope"), in.manifest(), null, null, null, in.key(), in.out());
        PatchbayException e = assertThrows(PatchbayException.class, () -> new KitBuilder().build(bad));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertEquals(Set.of(), Set.copyOf(Files.exists(in.out()) ? List.of(in.out()) : List.of()));
    }
}

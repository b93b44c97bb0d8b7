package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Version;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delta kits built from two real kits and applied to a real installed base: the result, and every refusal. */
class DeltaKitTest {
    @TempDir
    Path dir;
    final KeyPair key = SigningKeys.generate();
    DeltaFixture f;

    @BeforeEach
    void build() throws IOException {
        f = new DeltaFixture(dir, key);
    }

    @Test
    void appliedDeltaGivesExactlyTheStagingFolderOfTheFullKit() throws Exception {
        VerifiedKit full = KitExtractor.extract(f.releaseKit, List.of(key.getPublic()), dir.resolve("full"));
        VerifiedKit applied = DeltaApplier.apply(f.delta, List.of(key.getPublic()), f.installRoot, DeltaFixture.BASE,
                dir.resolve("applied"));

        assertEquals(full.manifest(), applied.manifest());
        assertEquals(full.checksums(), applied.checksums());
        assertEquals(tree(dir.resolve("full")), tree(dir.resolve("applied")));
        assertTrue(Files.isExecutable(dir.resolve("applied/payload/start.sh")), "the release made start.sh executable");
        assertTrue(Files.isExecutable(dir.resolve("applied/hooks/install")));
    }

    @Test
    void appliedInPlaceStagesOnlyWhatTheReleaseChangesAndChecksTheRestWhereItIsInstalled() throws Exception {
        KitExtractor.extract(f.releaseKit, List.of(key.getPublic()), dir.resolve("full"));
        List<Integer> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        VerifiedKit applied = DeltaApplier.apply(f.delta, List.of(key.getPublic()), f.installRoot, DeltaFixture.BASE,
                dir.resolve("applied"), DeltaApplier.Unchanged.VERIFIED_IN_PLACE, (done, total) -> told.add(total));

        Map<String, String> full = tree(dir.resolve("full"));
        full.remove("payload/readme.txt"); // the same bytes and mode as installed: checked there, not staged
        Map<String, String> staged = tree(dir.resolve("applied"));
        assertEquals(java.util.Set.of("payload/readme.txt"), stampedNames(dir.resolve("applied")),
                "the install rechecks the file checked in place by its size and time");
        staged.remove(InPlaceStamps.FILE);
        assertEquals(full, staged, "start.sh is staged: the release gives it another mode");
        assertEquals(KitReader.verify(f.releaseKit, List.of(key.getPublic())).checksums(), applied.checksums(),
                "the staged list is the release's whole list");
        int lines = applied.checksums().lines().size();
        assertEquals(java.util.Collections.nCopies(lines, lines), told, "every file of the release is told once");
    }

    @Test
    void aChangedUnpatchedFileCheckedInPlaceNeedsTheFullKit() throws Exception {
        Files.writeString(f.installRoot.resolve("readme.txt"), "edited on site\n");
        assertInPlaceNeedsTheFullKit("payload/readme.txt");
    }

    @Test
    void carriesAPatchForTheEditedFileAndTheNewOnesWhole() throws Exception {
        assertEquals(2, f.built.patched(), "lib/app.jar, and lib/core-1.1.jar against lib/core-1.0.jar");
        // lib/added.txt, start.sh's mode travels in the list only, so it is unchanged; the hook and both notes.
        assertEquals(4, f.built.whole());
        assertEquals(2, f.built.unchanged(), "readme.txt and start.sh are copied from the installed base");
        Map<String, byte[]> entries = DeltaFixture.entries(f.delta);
        assertTrue(entries.get("delta/patch/payload/lib/app.jar").length < 300_000 / 50,
                "three 500-byte edits of a 300 kB file make a patch of a few kB, not "
                        + entries.get("delta/patch/payload/lib/app.jar").length);
        assertTrue(Files.size(f.delta) < Files.size(f.releaseKit) / 5, Files.size(f.delta) + " vs " + Files.size(f.releaseKit));
        Manifest m = KitReader.verify(f.delta, List.of(key.getPublic())).manifest();
        assertEquals(new Manifest.DeltaBase(DeltaFixture.BASE, DeltaBuilder.sha256(checksumsOf(f.baseKit))), m.delta());
        assertEquals(DeltaFixture.RELEASE, m.version());
    }

    @Test
    void aJarRenamedByItsVersionIsPatchedAgainstItsNamesakeInTheBase() throws Exception {
        assertEquals(1, f.built.renamed());
        Map<String, byte[]> entries = DeltaFixture.entries(f.delta);
        assertEquals("payload/lib/core-1.1.jar\tpayload/lib/core-1.0.jar\n",
                new String(entries.get(KitLayout.DELTA_PATCHED_FROM), java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(entries.get("delta/patch/payload/lib/core-1.1.jar").length < 2_000,
                "one flipped byte in 200 kB: " + entries.get("delta/patch/payload/lib/core-1.1.jar").length);
        assertFalse(entries.containsKey("delta/whole/payload/lib/core-1.1.jar"));

        applyInPlace(dir.resolve("applied"));
        KitExtractor.extract(f.releaseKit, List.of(key.getPublic()), dir.resolve("full"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("full/payload/lib/core-1.1.jar")),
                Files.readAllBytes(dir.resolve("applied/payload/lib/core-1.1.jar")));
    }

    @Test
    void aChangedNamesakeInTheBaseNeedsTheFullKit() throws Exception {
        byte[] core = Files.readAllBytes(f.installRoot.resolve("lib/core-1.0.jar"));
        core[5] ^= 1; // same size: only the checksum tells
        Files.write(f.installRoot.resolve("lib/core-1.0.jar"), core);
        assertInPlaceNeedsTheFullKit("payload/lib/core-1.0.jar");
    }

    @Test
    void aPatchFromABasePathTrickIsRefused() throws Exception {
        Path bad = f.resigned("fromtrick.kit", HostileDeltas.patchedFrom("payload/lib/core-1.1.jar",
                "payload/../../etc/shadow"));
        assertRefused(bad, "the delta patches payload/lib/core-1.1.jar from 'payload/../../etc/shadow', which has "
                + "a '..' segment");
    }

    @Test
    void aPatchFromAPathTheBaseDoesNotHaveIsRefused() throws Exception {
        Path bad = f.resigned("fromnothing.kit", HostileDeltas.patchedFrom("payload/lib/core-1.1.jar",
                "payload/lib/core-0.9.jar"));
        assertRefused(bad, "the delta patches payload/lib/core-1.1.jar from payload/lib/core-0.9.jar, which the base "
                + "release does not have");
    }

    @Test
    void aPatchFromAnotherPathForAFileTheBaseHasIsRefused() throws Exception {
        Path bad = f.resigned("fromother.kit", HostileDeltas.patchedFrom("payload/lib/app.jar", "payload/lib/core-1.0.jar"));
        assertRefused(bad, "the delta patches payload/lib/app.jar from payload/lib/core-1.0.jar, but the base release "
                + "has payload/lib/app.jar itself");
    }

    @Test
    void buildingTwiceGivesTheSameBytes() throws Exception {
        Path again = dir.resolve("again.kit");
        new DeltaBuilder(1).build(new DeltaBuilder.Inputs(f.baseKit, f.releaseKit, List.of(key.getPublic()),
                key.getPrivate(), again));
        assertArrayEquals(Files.readAllBytes(f.delta), Files.readAllBytes(again));
    }

    @Test
    void aDeltaKitIsNeverExtractedAsIfItWereTheRelease() {
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> KitExtractor.extract(f.delta, List.of(key.getPublic()), dir.resolve("x")));
        assertEquals("this is a delta kit against Spruce 12.10.0: it is applied to the installed files, not extracted",
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void aFullKitHoldingDeltaEntriesIsRefused() throws Exception {
        Path kit = TestKits.signedKit(dir.resolve("mixed.kit"), key,
                Map.of("payload/a.txt", TestKits.utf8("a"), "delta/whole/payload/b.txt", TestKits.utf8("b")), l -> { }, e -> { });
        PatchbayException e = assertThrows(PatchbayException.class, () -> KitReader.verify(kit, List.of(key.getPublic())));
        assertEquals("a full kit holds the delta entry delta/whole/payload/b.txt (its kit.ini has no [delta] section)",
                e.getMessage());
    }

    @Test
    void aDeltaKitHoldingReleaseFilesOfItsOwnIsRefused() throws Exception {
        Path kit = f.resigned("smuggled.kit", files -> files.put("payload/extra.txt", TestKits.utf8("extra")));
        PatchbayException e = assertThrows(PatchbayException.class, () -> KitReader.verify(kit, List.of(key.getPublic())));
        assertEquals("a delta kit holds payload/extra.txt (its files sit under delta/)", e.getMessage());
    }

    @Test
    void anotherInstalledVersionNeedsTheFullKit() {
        NeedsFullKitException e = assertThrows(NeedsFullKitException.class, () -> apply(Version.parse("12.9.0")));
        assertEquals("needs the full kit: the delta patches Spruce 12.10.0, but 12.9.0 is installed", e.getMessage());
        assertNothingLeft();
    }

    @Test
    void aLocallyChangedBaseFileNeedsTheFullKit() throws Exception {
        byte[] jar = Files.readAllBytes(f.installRoot.resolve("lib/app.jar"));
        jar[10] ^= 1; // a local hotfix
        Files.write(f.installRoot.resolve("lib/app.jar"), jar);
        NeedsFullKitException e = assertThrows(NeedsFullKitException.class, () -> apply(DeltaFixture.BASE));
        assertEquals("needs the full kit: payload/lib/app.jar: the installed file is not Spruce 12.10.0's "
                + "(changed on this site?)", e.getMessage());
        assertEquals("payload/lib/app.jar", e.file());
        assertNothingLeft();
    }

    @Test
    void aChangedUnpatchedFileNeedsTheFullKit() throws Exception {
        Files.writeString(f.installRoot.resolve("readme.txt"), "edited on site\n");
        NeedsFullKitException e = assertThrows(NeedsFullKitException.class, () -> apply(DeltaFixture.BASE));
        assertEquals("needs the full kit: payload/readme.txt: the installed file is not Spruce 12.10.0's "
                + "(changed on this site?)", e.getMessage());
        assertNothingLeft();
    }

    @Test
    void aMissingBaseFileNeedsTheFullKit() throws Exception {
        Files.delete(f.installRoot.resolve("lib/app.jar"));
        NeedsFullKitException e = assertThrows(NeedsFullKitException.class, () -> apply(DeltaFixture.BASE));
        assertEquals("needs the full kit: payload/lib/app.jar: the installed file is missing", e.getMessage());
        assertNothingLeft();
    }

    @Test
    void aCorruptPatchNeedsTheFullKit() throws Exception {
        Path bad = f.resigned("corrupt.kit", HostileDeltas.corruptPatch("payload/lib/app.jar"));
        NeedsFullKitException e = assertThrows(NeedsFullKitException.class,
                () -> DeltaApplier.apply(bad, List.of(key.getPublic()), f.installRoot, DeltaFixture.BASE, dir.resolve("t")));
        assertEquals("payload/lib/app.jar", e.file(), e.getMessage());
        assertTrue(e.getMessage().startsWith("needs the full kit: payload/lib/app.jar: "), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void aPatchThatInflatesPastTheDeclaredSizeIsRefused() throws Exception {
        byte[] base = Files.readAllBytes(f.installRoot.resolve("lib/app.jar"));
        Path bad = f.resigned("bomb.kit", HostileDeltas.inflatingPatch("payload/lib/app.jar", base, 64 << 20));
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> DeltaApplier.apply(bad, List.of(key.getPublic()), f.installRoot, DeltaFixture.BASE, dir.resolve("t")));
        assertFalse(e instanceof NeedsFullKitException, "a hostile delta is refused, not a reason to fall back");
        assertEquals("the patch for payload/lib/app.jar inflates past the 300000 bytes the release declares "
                + "(its frame claims 67108864)", e.getMessage());
        assertNothingLeft();
    }

    @Test
    void aPatchForAFileTheBaseDoesNotHaveIsRefused() throws Exception {
        Path bad = f.resigned("nobase.kit", HostileDeltas.patchForANewFile("payload/lib/added.txt"));
        assertRefused(bad, "the delta patches payload/lib/added.txt, which the base release does not have");
    }

    @Test
    void aPathTrickInTheReleaseListIsRefused() throws Exception {
        Path bad = f.resigned("trick.kit", HostileDeltas.pathTrick("payload/lib/added.txt", "payload/../../etc/cron.d/x"));
        assertRefused(bad, "the release lists 'payload/../../etc/cron.d/x', which has a '..' segment");
    }

    @Test
    void aBaseListOtherThanTheManifestNamesIsRefused() throws Exception {
        Path bad = f.resigned("otherbase.kit", files -> {
            byte[] list = files.get(KitLayout.DELTA_BASE);
            files.put(KitLayout.DELTA_BASE, Arrays.copyOf(list, list.length - 1));
        });
        assertRefused(bad, "delta/base.sha256 is not the checksum list its kit.ini names");
    }

    @Test
    void aReleaseManifestOtherThanTheDeltasIsRefused() throws Exception {
        Path bad = f.resigned("othermanifest.kit", files -> files.put(KitLayout.DELTA_MANIFEST,
                ManifestCodec.writeBytes(DeltaFixture.manifest(Version.parse("12.11.0"), List.of()))));
        assertRefused(bad, "delta/kit.ini does not say what the delta's kit.ini says");
    }

    @Test
    void aChangedFileWithoutBytesInTheDeltaIsRefused() throws Exception {
        Path bad = f.resigned("missing.kit", files -> files.remove("delta/whole/payload/lib/added.txt"));
        assertRefused(bad, "the delta has no bytes for payload/lib/added.txt, which changed since the base");
    }

    @Test
    void refusesKitsOfDifferentProductsOrOrder() {
        PatchbayException e = assertThrows(PatchbayException.class, () -> new DeltaBuilder().build(new DeltaBuilder.Inputs(
                f.releaseKit, f.baseKit, List.of(key.getPublic()), key.getPrivate(), dir.resolve("back.kit"))));
        assertEquals("the new kit's version 12.10.0 is not newer than the base's 12.10.11", e.getMessage());
        PatchbayException d = assertThrows(PatchbayException.class, () -> new DeltaBuilder().build(new DeltaBuilder.Inputs(
                f.baseKit, f.delta, List.of(key.getPublic()), key.getPrivate(), dir.resolve("dd.kit"))));
        assertEquals(f.delta + " is itself a delta kit; a delta is made from two full kits", d.getMessage());
        assertFalse(Files.exists(dir.resolve("back.kit")));
    }

    @Test
    void refusesAnInputKitNoTrustedKeySigned() {
        KeyPair other = SigningKeys.generate();
        PatchbayException e = assertThrows(PatchbayException.class, () -> new DeltaBuilder().build(new DeltaBuilder.Inputs(
                f.baseKit, f.releaseKit, List.of(other.getPublic()), key.getPrivate(), dir.resolve("u.kit"))));
        assertTrue(e.getMessage().startsWith(f.baseKit + ": signed by SHA256:"), e.getMessage());
    }

    @Test
    void aSoundDeltaIsCheckedWithoutTheInstalledFilesAndKnownByItsEntries() throws Exception {
        Files.delete(f.installRoot.resolve("lib/app.jar")); // what a site checks on receipt reads no installed file
        VerifiedKit checked = DeltaApplier.verify(f.delta, List.of(key.getPublic()));
        assertEquals(DeltaFixture.BASE, checked.manifest().delta().version());
        assertEquals(DeltaFixture.RELEASE, checked.manifest().version());
        assertTrue(DeltaApplier.isDeltaKit(f.delta));
        assertFalse(DeltaApplier.isDeltaKit(f.releaseKit));
        PatchbayException full = assertThrows(PatchbayException.class,
                () -> DeltaApplier.verify(f.releaseKit, List.of(key.getPublic())));
        assertEquals(f.releaseKit.getFileName() + " is a full kit, not a delta kit", full.getMessage());
    }

    @Test
    void aFileCheckedInPlaceAndChangedBeforeTheInstallStopsItWhenRechecked() throws Exception {
        Path staging = dir.resolve("applied");
        applyInPlace(staging);
        InPlaceStamps.recheck(staging, f.installRoot); // as checked: passes

        Path readme = f.installRoot.resolve("readme.txt");
        Files.setLastModifiedTime(readme, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(readme).toMillis() + 2_000)); // touched by hand, same size
        PatchbayException e = assertThrows(PatchbayException.class, () -> InPlaceStamps.recheck(staging, f.installRoot));
        assertEquals("payload/readme.txt changed on this site after the delta checked it (size or time differ); "
                + "nothing was installed", e.getMessage());
        Files.delete(readme);
        e = assertThrows(PatchbayException.class, () -> InPlaceStamps.recheck(staging, f.installRoot));
        assertEquals("payload/readme.txt went missing on this site after the delta checked it; nothing was installed",
                e.getMessage());
    }

    private VerifiedKit applyInPlace(Path target) throws IOException {
        return DeltaApplier.apply(f.delta, List.of(key.getPublic()), f.installRoot, DeltaFixture.BASE, target,
                DeltaApplier.Unchanged.VERIFIED_IN_PLACE, DeltaApplier.Progress.NONE);
    }

    /** Applied with the unchanged files checked in place: "needs the full kit" for {@code file}, and nothing left. */
    private void assertInPlaceNeedsTheFullKit(String file) {
        NeedsFullKitException e = assertThrows(NeedsFullKitException.class, () -> applyInPlace(dir.resolve("t")));
        assertEquals("needs the full kit: " + file + ": the installed file is not Spruce 12.10.0's (changed on this "
                + "site?)", e.getMessage());
        assertNothingLeft();
    }

    private static java.util.Set<String> stampedNames(Path staging) throws IOException {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(staging.resolve(InPlaceStamps.FILE))) {
            names.add(line.split(" ", 3)[2]);
        }
        return names;
    }

    /** Refused both when applied and when checked on receipt ({@link DeltaApplier#verify}), with the same reason. */
    private void assertRefused(Path bad, String reason) {
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> DeltaApplier.apply(bad, List.of(key.getPublic()), f.installRoot, DeltaFixture.BASE, dir.resolve("t")));
        assertFalse(e instanceof NeedsFullKitException, e.getMessage());
        assertEquals(reason, e.getMessage());
        assertNothingLeft();
        PatchbayException onReceipt = assertThrows(PatchbayException.class,
                () -> DeltaApplier.verify(bad, List.of(key.getPublic())));
        assertEquals(reason, onReceipt.getMessage());
    }

    private VerifiedKit apply(Version installed) throws IOException {
        return DeltaApplier.apply(f.delta, List.of(key.getPublic()), f.installRoot, installed, dir.resolve("t"));
    }

    /** No target and no staging folder beside it. */
    private void assertNothingLeft() {
        try (var left = Files.list(dir)) {
            List<String> names = left.map(p -> p.getFileName().toString()).filter(n -> n.equals("t") || n.contains("staging"))
                    .toList();
            assertEquals(List.of(), names);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] checksumsOf(Path kit) throws IOException {
        try (KitReader reader = KitReader.open(kit)) {
            var e = reader.archive().entries().stream().filter(h -> h.name().equals(KitLayout.CHECKSUMS)).findFirst().orElseThrow();
            try (var in = reader.open(e, e.size())) {
                return in.readAllBytes();
            }
        }
    }

    /** Every file below {@code root}: its bytes' hash and whether it is executable. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (var files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), DeltaBuilder.sha256(Files.readAllBytes(p)) + (Files.isExecutable(p) ? " x" : ""));
            }
        }
        return out;
    }
}

package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.kit.zip.ZipEntryHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.patchbay.model.kit.TestKits.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KitVerifierTest {
    @TempDir
    Path dir;
    final KeyPair key = SigningKeys.generate();
    final Map<String, byte[]> files = Map.of("payload/a.txt", utf8("hello"), "payload/b.txt", utf8("world"));

    private String refusal(Path kit) {
        return assertThrows(PatchbayException.class, () -> KitReader.verify(kit, List.of(key.getPublic()))).getMessage();
    }

    private Path kit(java.util.function.Consumer<List<ChecksumList.Line>> lines,
                     java.util.function.Consumer<List<TestKits.Raw>> entries) throws Exception {
        return TestKits.signedKit(dir.resolve("k.kit"), key, files, lines, entries);
    }

    @Test
    void honestHandMadeKitVerifies() throws Exception {
        VerifiedKit v = KitReader.verify(kit(l -> { }, e -> { }), List.of(key.getPublic()));
        assertEquals(3, v.checksums().lines().size());
    }

    @Test
    void everySingleChangedByteIsRefused() throws Exception {
        // A small but complete kit (payload, hook, notes), so every byte can be tried in a few seconds.
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "a");
        Path hooks = Files.createDirectories(dir.resolve("hooks"));
        Files.writeString(hooks.resolve("verify"), "#!/bin/sh\n");
        Path notes = Files.writeString(dir.resolve("n.md"), "n");
        Path kit = dir.resolve("real.kit");
        new KitBuilder().build(new KitInputs(src, TestKits.manifest(), notes, null, hooks, key.getPrivate(), kit));
        byte[] good = Files.readAllBytes(kit);
        Path changed = dir.resolve("changed.kit");
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            Files.write(changed, bad);
            int at = i;
            assertThrows(PatchbayException.class, () -> KitReader.verify(changed, List.of(key.getPublic())),
                    "flipping byte " + at + " was not noticed");
        }
    }

    @Test
    void changedPayloadByteIsRefusedByItsHash() throws Exception {
        Path kit = kit(l -> { }, e -> e.replaceAll(r -> r.name().equals("payload/a.txt")
                ? TestKits.Raw.stored("payload/a.txt", utf8("hellO")) : r));
        assertEquals("payload/a.txt was changed: its SHA-256 does not match checksums.sha256", refusal(kit));
    }

    @Test
    void missingEntryIsRefused() throws Exception {
        assertEquals("missing entry payload/b.txt (listed in checksums.sha256)",
                refusal(kit(l -> { }, e -> e.removeIf(r -> r.name().equals("payload/b.txt")))));
    }

    @Test
    void unlistedEntryIsRefused() throws Exception {
        assertEquals("unlisted entry payload/extra (not in checksums.sha256)",
                refusal(kit(l -> { }, e -> {
                    e.add(TestKits.Raw.stored("payload/extra", utf8("x")));
                    e.sort(java.util.Comparator.comparing(TestKits.Raw::name));
                })));
    }

    @Test
    void duplicateNamesAreRefused() throws Exception {
        assertEquals("duplicate entry payload/a.txt",
                refusal(kit(l -> { }, e -> e.add(1, TestKits.Raw.stored("payload/a.txt", utf8("evil"))))));
    }

    @Test
    void symlinkEntryIsRefused() throws Exception {
        assertEquals("entry payload/b.txt is a symlink", refusal(kit(l -> { }, e -> e.replaceAll(
                r -> r.name().equals("payload/b.txt") ? r.withMode(0120777) : r))));
    }

    @Test
    void sizeThatDisagreesWithTheListIsRefused() throws Exception {
        assertEquals("the size of payload/a.txt (5 bytes) disagrees with checksums.sha256 (4 bytes)",
                refusal(kit(l -> l.replaceAll(x -> x.name().equals("payload/a.txt")
                        ? new ChecksumList.Line(x.name(), x.sha256(), 4, x.mode()) : x), e -> { })));
    }

    @Test
    void entryThatInflatesFarPastItsDeclaredSizeIsStopped() throws Exception {
        byte[] bomb = new byte[20 << 20];
        Deflater deflater = new Deflater(9, true);
        deflater.setInput(bomb);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!deflater.finished()) {
            compressed.write(buf, 0, deflater.deflate(buf));
        }
        byte[] declared = new byte[100];
        Map<String, byte[]> withBomb = Map.of("payload/bomb", declared);
        Path kit = TestKits.signedKit(dir.resolve("bomb.kit"), key, withBomb, l -> { }, e -> e.replaceAll(
                r -> r.name().equals("payload/bomb") ? new TestKits.Raw(r.name(), ZipEntryHeader.DEFLATED, r.mode(),
                        compressed.toByteArray(), 100, r.crc()) : r));
        assertEquals("payload/bomb inflates past its declared size of 100 bytes", refusal(kit));
    }

    @Test
    void missingSignatureIsRefused() throws Exception {
        assertEquals("the kit is not signed: no kit.sig",
                refusal(kit(l -> { }, e -> e.removeIf(r -> r.name().equals("kit.sig")))));
    }

    @Test
    void signatureByAnUntrustedKeyIsRefused() throws Exception {
        Path kit = kit(l -> { }, e -> { });
        KeyPair other = SigningKeys.generate();
        String message = assertThrows(PatchbayException.class,
                () -> KitReader.verify(kit, List.of(other.getPublic()))).getMessage();
        assertEquals("signed by " + SigningKeys.fingerprint(key.getPublic()) + ", a key that is not trusted", message);
    }

    @Test
    void listChangedAfterSigningIsRefused() throws Exception {
        Path kit = kit(l -> { }, e -> e.replaceAll(r -> r.name().equals("checksums.sha256")
                ? TestKits.Raw.stored(r.name(), new String(r.stored()).replace("payload/b.txt", "payload/c.txt").getBytes()) : r));
        assertEquals("the signature does not match the manifest and checksum list (changed after signing)", refusal(kit));
    }

    @Test
    void malformedSignedManifestIsRefusedWithKeyAndLine() throws Exception {
        Path kit = TestKits.signedKit(dir.resolve("m.kit"), key, Map.of("kit.ini",
                utf8(ManifestCodec.write(TestKits.manifest()).replace("channel = stable", "channel = nightly"))),
                l -> { }, e -> { });
        assertEquals("kit.ini line 5: channel: not a channel: 'nightly' (expected stable or beta)", refusal(kit));
    }

    @Test
    void oversizedManifestIsRefused() throws Exception {
        byte[] big = utf8(ManifestCodec.write(TestKits.manifest()) + ";" + "x".repeat(70_000) + "\n");
        Path kit = TestKits.signedKit(dir.resolve("m.kit"), key, Map.of("kit.ini", big), l -> { }, e -> { });
        assertTrue(refusal(kit).startsWith("kit.ini is too large"));
    }

    private Path javaZip(String name) throws Exception {
        Path file = dir.resolve("hostile.kit");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(utf8("owned"));
            zip.closeEntry();
        }
        return file;
    }

    private Path signed(String... names) throws Exception {
        Map<String, byte[]> named = new java.util.TreeMap<>();
        for (String n : names) {
            named.put(n, utf8("content of " + n));
        }
        return TestKits.signedKit(dir.resolve("names.kit"), key, named, l -> { }, e -> { });
    }

    @Test
    void aSignedKitWhoseNamesDifferOnlyInCaseIsRefusedNamingBoth() throws Exception {
        assertEquals("entries 'payload/bin/APP.txt' and 'payload/bin/app.txt' name the same file on a case-insensitive "
                + "or normalising file system", refusal(signed("payload/bin/app.txt", "payload/bin/APP.txt")));
    }

    @Test
    void aSignedKitWithOneNameInNfcAndInNfdIsRefusedNamingBoth() throws Exception {
        String nfc = "payload/caf\u00e9.txt";
        String nfd = "payload/cafe\u0301.txt";
        String refusal = refusal(signed(nfc, nfd));
        assertTrue(refusal.contains("'" + nfc + "'") && refusal.contains("'" + nfd + "'"), refusal);
        assertTrue(refusal.endsWith("name the same file on a case-insensitive or normalising file system"), refusal);
    }

    @Test
    void aNameWithARightToLeftOverrideOrAZeroWidthCharacterIsRefused() throws Exception {
        assertEquals("entry 'payload/report\u202Efdp.exe' has an invisible format character (U+202E)",
                refusal(signed("payload/report\u202Efdp.exe")));
        assertEquals("entry 'payload/app\u200B.jar' has an invisible format character (U+200B)",
                refusal(signed("payload/app\u200B.jar")));
    }

    @Test
    void namesThatOnlyLookAlikeInDifferentFoldersStillVerify() throws Exception {
        VerifiedKit v = KitReader.verify(signed("payload/bin/app.txt", "payload/lib/APP.txt"), List.of(key.getPublic()));
        assertEquals(3, v.checksums().lines().size());
    }

    @Test
    void aSignedSha256sumsListingThatDisagreesWithTheChecksumListIsRefused() throws Exception {
        Map<String, byte[]> withSums = new java.util.TreeMap<>(files);
        withSums.put("SHA256SUMS", utf8(TestKits.sha(utf8("hello")) + "  payload/a.txt\n"));
        Path kit = TestKits.signedKit(dir.resolve("sums.kit"), key, withSums, l -> { }, e -> { });
        assertEquals("SHA256SUMS disagrees with checksums.sha256", refusal(kit));
    }

    @Test
    void absolutePathIsRefused() throws Exception {
        assertEquals("entry '/etc/passwd' has an absolute path", refusal(javaZip("/etc/passwd")));
    }

    @Test
    void dotDotIsRefused() throws Exception {
        assertEquals("entry 'payload/../../x' has a '..' segment", refusal(javaZip("payload/../../x")));
    }

    @Test
    void backslashIsRefused() throws Exception {
        assertEquals("entry 'payload\\x' has a backslash", refusal(javaZip("payload\\x")));
    }

    @Test
    void driveLetterIsRefused() throws Exception {
        assertEquals("entry 'C:/Windows/x' has a drive letter", refusal(javaZip("C:/Windows/x")));
    }

    @Test
    void foreignZipIsRefusedAsNotCanonical() throws Exception {
        assertTrue(refusal(javaZip("payload/x")).startsWith("entry payload/x is not a regular file")
                || refusal(javaZip("payload/x")).startsWith("not a canonical kit"));
    }

    @Test
    void truncatedFileIsRefused() throws Exception {
        Path kit = kit(l -> { }, e -> { });
        byte[] bytes = Files.readAllBytes(kit);
        Files.write(kit, java.util.Arrays.copyOf(bytes, bytes.length - 30));
        assertTrue(refusal(kit).startsWith("not a kit"));
    }
}

package io.patchbay.model.bundle;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.KitReader;
import io.patchbay.model.kit.sign.SigningKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundleVerifierTest {
    @TempDir
    Path dir;
    KeyPair key;
    Path bundle;
    byte[] kitBytes = "pretend kit bytes".repeat(1000).getBytes(StandardCharsets.UTF_8);
    byte[] noticeBytes = "{\"a pull notice\": 1}".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void writeBundle() throws IOException {
        key = SigningKeys.generate();
        Path kit = Files.write(dir.resolve("Spruce-12.10.11.kit"), kitBytes);
        Path notice = Files.write(dir.resolve("Spruce-12.10.10.pull"), noticeBytes);
        BundleManifest manifest = BundleManifest.delivery(List.of("alpha", "beta"),
                Instant.parse("2026-12-02T08:00:00Z"), List.of(
                new BundleManifest.Entry("Spruce-12.10.10.pull", "Spruce 12.10.10 pull notice", List.of("alpha")),
                new BundleManifest.Entry("Spruce-12.10.11.kit", "Spruce 12.10.11", List.of("alpha", "beta"))));
        bundle = dir.resolve("out/alpha.bundle");
        BundleWriter.write(bundle, manifest, Map.of("Spruce-12.10.11.kit", kit, "Spruce-12.10.10.pull", notice),
                key.getPrivate());
    }

    private Map<String, byte[]> verify(Path file, String site, KeyPair trusted) throws IOException {
        Map<String, ByteArrayOutputStream> got = new LinkedHashMap<>();
        try (KitReader reader = KitReader.open(file)) {
            BundleVerifier.verify(reader, BundleKind.DELIVERY, List.of(trusted.getPublic()), site,
                    e -> got.computeIfAbsent(e.file(), f -> new ByteArrayOutputStream()));
        }
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        got.forEach((k, v) -> bytes.put(k, v.toByteArray()));
        return bytes;
    }

    @Test
    void aSiteReceivesItsFilesInTheBundlesOrderByteForByte() throws IOException {
        Map<String, byte[]> alpha = verify(bundle, "alpha", key);
        assertEquals(List.of("Spruce-12.10.10.pull", "Spruce-12.10.11.kit"), List.copyOf(alpha.keySet()));
        assertArrayEquals(noticeBytes, alpha.get("Spruce-12.10.10.pull"));
        assertArrayEquals(kitBytes, alpha.get("Spruce-12.10.11.kit"));
        assertEquals(List.of("Spruce-12.10.11.kit"), List.copyOf(verify(bundle, "beta", key).keySet()));
    }

    @Test
    void aBundleForOtherSitesIsRefusedNamingThem() {
        PatchbayException e = assertThrows(PatchbayException.class, () -> verify(bundle, "gamma", key));
        assertEquals("a bundle for alpha, beta, not for this site (gamma)", e.getMessage());
    }

    @Test
    void aBundleSignedByAKeyTheSiteDoesNotTrustIsRefused() {
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> verify(bundle, "alpha", SigningKeys.generate()));
        assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
    }

    @Test
    void aTruncatedBundleIsRefused() throws IOException {
        byte[] all = Files.readAllBytes(bundle);
        Path cut = Files.write(dir.resolve("cut.bundle"), java.util.Arrays.copyOf(all, all.length / 2));
        assertThrows(PatchbayException.class, () -> verify(cut, "alpha", key));
    }

    @Test
    void aChangedByteInACarriedKitIsRefusedNamingTheFile() throws IOException {
        byte[] all = Files.readAllBytes(bundle);
        int at = indexOf(all, kitBytes) + 100;
        all[at] ^= 1;
        Path tampered = Files.write(dir.resolve("tampered.bundle"), all);
        PatchbayException e = assertThrows(PatchbayException.class, () -> verify(tampered, "alpha", key));
        assertEquals("files/Spruce-12.10.11.kit was changed: its SHA-256 does not match checksums.sha256",
                e.getMessage());
    }

    @Test
    void aChangedSiteListInTheManifestBreaksTheSignature() throws IOException {
        byte[] all = Files.readAllBytes(bundle);
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"beta\"");
        all[at + 1] = 'g'; // "beta" -> "geta": the manifest no longer matches what was signed
        Path tampered = Files.write(dir.resolve("tampered.bundle"), all);
        PatchbayException e = assertThrows(PatchbayException.class, () -> verify(tampered, "alpha", key));
        assertTrue(e.getMessage().startsWith("the signature does not match"), e.getMessage());
    }

    @Test
    void aDeliveryBundleNeverPassesForAReportEvenSignedByTheSameKey() {
        PatchbayException e = assertThrows(PatchbayException.class, () -> {
            try (KitReader reader = KitReader.open(bundle)) {
                BundleVerifier.verify(reader, BundleKind.REPORT, List.of(key.getPublic()), "alpha", null);
            }
        });
        assertTrue(e.getMessage().startsWith("the signature does not match"), e.getMessage());
    }

    @Test
    void writingLeavesNoTemporaryFileBeside() throws IOException {
        try (var files = Files.list(bundle.getParent())) {
            assertEquals(List.of(bundle), files.toList());
        }
    }

    private static int indexOf(byte[] all, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= all.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (all[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}

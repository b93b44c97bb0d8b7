package io.patchbay.model.kit;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.kit.sign.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Two-person signing: the release manager builds and signs, QA adds a signature. */
class KitCosignerTest {
    @TempDir
    Path dir;
    final KeyPair releaseManager = SigningKeys.generate();
    final KeyPair qa = SigningKeys.generate();

    private Path built() throws Exception {
        Path kit = dir.resolve("spruce.kit");
        new KitBuilder().build(TestKits.inputs(dir, releaseManager, kit));
        return kit;
    }

    @Test
    void aSecondSignatureIsCountedWhereItsKeyIsTrustedAndTheKitStaysIntact() throws Exception {
        Path kit = built();
        ChecksumList before = KitReader.verify(kit, List.of(releaseManager.getPublic())).checksums();

        KitSignature now = KitCosigner.addSignature(kit, qa.getPrivate());

        String rm = SigningKeys.fingerprint(releaseManager.getPublic());
        String q = SigningKeys.fingerprint(qa.getPublic());
        assertEquals(List.of(rm, q), now.signerFingerprints());
        assertEquals(List.of(rm, q), KitReader.verify(kit, List.of(releaseManager.getPublic(), qa.getPublic())).signers());
        assertEquals(List.of(rm), KitReader.verify(kit, List.of(releaseManager.getPublic())).signers());
        assertEquals(List.of(q), KitReader.verify(kit, List.of(qa.getPublic())).signers());
        assertEquals(before, KitReader.verify(kit, List.of(qa.getPublic())).checksums(), "every other entry unchanged");
        assertEquals(List.of(rm, q), KitInfo.inspect(kit).signers());
    }

    @Test
    void theSameSignerCannotCountTwice() throws Exception {
        Path kit = built();
        String hash = FileHashes.sha256(kit);
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> KitCosigner.addSignature(kit, releaseManager.getPrivate()));
        assertEquals("the kit is already signed by " + SigningKeys.fingerprint(releaseManager.getPublic()), e.getMessage());
        assertEquals(hash, FileHashes.sha256(kit));
    }

    @Test
    void aChangedKitIsNotSignedAndStaysAsItWas() throws Exception {
        Path kit = built();
        int at = new String(Files.readAllBytes(kit), StandardCharsets.ISO_8859_1).indexOf("pretend jar");
        try (FileChannel ch = FileChannel.open(kit, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[]{'P'}), at);
        }
        String hash = FileHashes.sha256(kit);
        PatchbayException e = assertThrows(PatchbayException.class, () -> KitCosigner.addSignature(kit, qa.getPrivate()));
        assertEquals("payload/lib/app.jar was changed: its SHA-256 does not match checksums.sha256", e.getMessage());
        assertEquals(hash, FileHashes.sha256(kit));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(), "no leftover");
        }
    }

    @Test
    void aKitSignedOnlyByKeysNotTrustedHereIsRefusedNamingThem() throws Exception {
        Path kit = built();
        KitCosigner.addSignature(kit, qa.getPrivate());
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> KitReader.verify(kit, List.of(SigningKeys.generate().getPublic())));
        assertEquals("signed by " + SigningKeys.fingerprint(releaseManager.getPublic()) + " and "
                + SigningKeys.fingerprint(qa.getPublic()) + ", none of them a trusted key", e.getMessage());
    }
}

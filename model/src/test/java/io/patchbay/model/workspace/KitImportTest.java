package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.trust.RotationStatement;
import io.patchbay.model.trust.RotationStatements;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@OnEachDatabase
class KitImportTest extends WorkspaceTestSupport {
    private final KeyPair key = SigningKeys.generate();

    @Override
    Path workspaceFolder() {
        return dir.resolve("ws");
    }

    @Test
    void aVerifiedKitIsCopiedIntoKitsAndRecordedWithItsSigner() throws Exception {
        Path kit = kit("12.10.11");

        Release r = KitImport.add(ws, kit, List.of(key.getPublic()), "alice").release();

        assertEquals("Spruce 12.10.11", r.title());
        assertEquals("Spruce-12.10.11.kit", r.kitFile());
        assertEquals(Files.size(kit), Files.size(ws.kitsDir().resolve(r.kitFile())));
        assertEquals(SigningKeys.fingerprint(key.getPublic()), r.signerFingerprint());
        assertTrue(r.manifestText().contains("version = 12.10.11"), r.manifestText());
    }

    @Test
    void aKitSignedByAnUntrustedKeyIsRefusedAndNothingIsLeft() throws Exception {
        Path kit = kit("12.10.11");

        assertThrows(PatchbayException.class,
                () -> KitImport.add(ws, kit, List.of(SigningKeys.generate().getPublic()), "alice"));

        assertTrue(ws.releases().list().isEmpty());
        assertFalse(Files.exists(ws.kitsDir().resolve("Spruce-12.10.11.kit")));
    }

    @Test
    void theSameKitTwiceChangesNothingButAnotherKitWithThatVersionIsRefused() throws Exception {
        Path kit = kit("12.10.11");
        Release first = KitImport.add(ws, kit, List.of(key.getPublic()), "alice").release();

        KitImport.Result again = KitImport.add(ws, kit, List.of(key.getPublic()), "alice");
        assertTrue(again.alreadyPresent());
        assertEquals(first.id(), again.release().id());

        Path rebuilt = dir.resolve("other/Spruce-12.10.11.kit");
        Files.createDirectories(rebuilt.getParent());
        Files.writeString(dir.resolve("src-12.10.11/extra.txt"), "a file the first kit did not have");
        Files.move(kit("12.10.11"), rebuilt);
        PatchbayException e = assertThrows(PatchbayException.class,
                () -> KitImport.add(ws, rebuilt, List.of(key.getPublic()), "alice"));
        assertTrue(e.getMessage().startsWith("release already in the workspace: Spruce 12.10.11 (with a different kit"),
                e.getMessage());
    }

    @Test
    void theFirstKitPinsItsSignerInTheDatabaseNotInAFolder() throws Exception {
        KitImport.Result r = KitImport.add(ws, kit("12.10.11"), List.of(), "alice");

        assertEquals(SigningKeys.fingerprint(key.getPublic()), r.newlyTrustedSigner());
        assertTrue(ws.trustedSigners().trusts(key.getPublic()));
        assertFalse(Files.exists(ws.dir().resolve(TrustedSigners.FOLDER)));
        assertEquals(1, ws.events().find(new EventQuery(EventKind.SIGNER_TRUSTED, null, null, null, 0, 10)).size());
    }

    @Test
    void aSignerPinnedAsAFileByAWorkspaceFromBeforeTheDatabaseIsStillTrusted() throws Exception {
        SigningKeys.writePublic(Files.createDirectories(ws.dir().resolve(TrustedSigners.FOLDER)).resolve("old.pub"),
                key.getPublic());

        KitImport.Result r = KitImport.add(ws, kit("12.10.11"), List.of(), "alice");

        assertEquals(List.of(key.getPublic()), ws.trustedSigners().keys());
        assertEquals(null, r.newlyTrustedSigner());
        assertThrows(PatchbayException.class,
                () -> KitImport.add(ws, Fixtures.signedKit(dir, "12.10.12", SigningKeys.generate()), List.of(), "alice"),
                "not a first use: the file already trusts a signer");
    }

    @Test
    void aKitCarryingItsSignersRotationTeachesTheWorkspaceTheNewKey() throws Exception {
        ws.trustedSigners().pin(key.getPublic(), "alice");
        KeyPair next = SigningKeys.generate();
        byte[] statement = RotationStatements.sign(new RotationStatement(SigningKeys.fingerprint(key.getPublic()),
                next.getPublic(), 1, ZonedDateTime.parse("2026-12-02T10:00:00+01:00[Europe/Paris]"), false),
                key.getPrivate(), next.getPrivate());
        Path source = Files.createDirectories(dir.resolve("src-next"));
        Files.writeString(source.resolve("app.jar"), "jar");
        Path kit = dir.resolve("Spruce-12.10.12.kit");
        new KitBuilder(1).build(new KitInputs(source, new Manifest("Spruce", Version.parse("12.10.12"),
                Version.parse("12.0"), Channel.STABLE, true, false, Instant.parse("2026-12-03T09:00:00Z"), false,
                List.of()), null, null, null, next.getPrivate(), kit, List.of(statement)));

        Release r = KitImport.add(ws, kit, List.of(), "alice").release();

        assertEquals(SigningKeys.fingerprint(next.getPublic()), r.signerFingerprint());
        assertTrue(ws.trustedSigners().trusts(next.getPublic()));
        // Without the statement the new key is a stranger: its kit is refused and nothing is learnt.
        KeyPair stranger = SigningKeys.generate();
        assertThrows(PatchbayException.class, () -> KitImport.add(ws, Fixtures.signedKit(dir, "12.10.13", stranger),
                List.of(), "alice"));
        assertFalse(ws.trustedSigners().trusts(stranger.getPublic()));
    }

    @Test
    void afterARevokingRotationAKitSignedOnlyByTheOldKeyAndMadeAfterItIsRefusedAndNothingIsLeft() throws Exception {
        ws.trustedSigners().pin(key.getPublic(), "alice");
        KeyPair next = SigningKeys.generate();
        ws.keyRotations().record(revoking(next), "key-rotation-000001.rotation", "alice");
        Path late = kit("12.10.12", Instant.parse("2026-12-02T09:00:01Z"), key, List.of());

        PatchbayException refused = assertThrows(PatchbayException.class, () -> KitImport.add(ws, late, List.of(), "alice"));

        assertEquals("Spruce-12.10.12.kit is refused: signed only by " + SigningKeys.fingerprint(key.getPublic())
                + ", revoked by key rotation 1 (" + SigningKeys.fingerprint(key.getPublic()) + " to "
                + SigningKeys.fingerprint(next.getPublic()) + ", revoking the old key) made 2026-12-02T10:00:00+01:00"
                + "[Europe/Paris]; this kit was made after it (released 2026-12-02T09:00:01Z): a revoked key signs nothing "
                + "new (" + SigningKeys.fingerprint(next.getPublic()) + " signs from then on)", refused.getMessage());
        assertTrue(ws.releases().list().isEmpty());
        assertFalse(Files.exists(ws.kitsDir().resolve("Spruce-12.10.12.kit")));
        // Made before the statement, the old key's kit stays good; the new key's kit is good at any time.
        KitImport.add(ws, kit("12.10.11", Instant.parse("2026-12-02T08:59:59Z"), key, List.of()), List.of(), "alice");
        KitImport.add(ws, kit("12.10.13", Instant.parse("2026-12-03T09:00:00Z"), next, List.of()), List.of(), "alice");
        assertEquals(List.of("12.10.11", "12.10.13"), ws.releases().list().stream().map(r -> r.version().toString())
                .sorted().toList());
    }

    @Test
    void aRevocationLearntFromAKitIsRecordedAndRefusesTheOldKeysLaterKits() throws Exception {
        ws.trustedSigners().pin(key.getPublic(), "alice");
        Fixtures.addSite(ws, "alpha");
        KeyPair next = SigningKeys.generate();
        byte[] statement = revoking(next);
        KitImport.add(ws, kit("12.10.12", Instant.parse("2026-12-03T09:00:00Z"), next, List.of(statement)), List.of(),
                "alice");

        assertEquals(List.of(1L), ws.keyRotations().list().stream().map(r -> r.statement().sequence()).toList());
        assertEquals(List.of("alpha"), ws.deliveries().rotationNotices().stream().map(Delivery::siteName).toList(),
                "the statement goes to every site as a notice");
        assertThrows(PatchbayException.class, () -> KitImport.add(ws,
                kit("12.10.13", Instant.parse("2026-12-04T09:00:00Z"), key, List.of()), List.of(), "alice"));
    }

    /** A statement (sequence 1) by which {@code key} names {@code next} its successor and revokes itself. */
    private byte[] revoking(KeyPair next) {
        return RotationStatements.sign(new RotationStatement(SigningKeys.fingerprint(key.getPublic()), next.getPublic(),
                1, ZonedDateTime.parse("2026-12-02T10:00:00+01:00[Europe/Paris]"), true), key.getPrivate(), next.getPrivate());
    }

    private Path kit(String version, Instant released, KeyPair signer, List<byte[]> statements) throws Exception {
        Path source = Files.createDirectories(dir.resolve("src-" + version));
        Files.writeString(source.resolve("app.jar"), "jar " + version);
        Path kit = dir.resolve("Spruce-" + version + ".kit");
        new KitBuilder(1).build(new KitInputs(source, new Manifest("Spruce", Version.parse(version),
                Version.parse("12.0"), Channel.STABLE, true, false, released, false, List.of()), null, null, null,
                signer.getPrivate(), kit, statements));
        return kit;
    }

    private Path kit(String version) throws Exception {
        return Fixtures.signedKit(dir, version, key);
    }
}

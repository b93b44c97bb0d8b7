package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@OnEachDatabase
class KitImportTest {
    @Parameter
    Backend backend;

    @TempDir
    Path dir;
    private Workspace ws;
    private final KeyPair key = SigningKeys.generate();

    @BeforeEach
    void open() {
        ws = Workspace.open(backend.location(dir.resolve("ws")));
    }

    @AfterEach
    void close() {
        ws.close();
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

    private Path kit(String version) throws Exception {
        Path source = Files.createDirectories(dir.resolve("src-" + version));
        Files.writeString(source.resolve("app.jar"), "jar " + version);
        Manifest m = new Manifest("Spruce", Version.parse(version), Version.parse("12.0"), Channel.STABLE, true,
                false, Instant.parse("2026-11-20T09:00:00Z"), false, List.of());
        Path out = dir.resolve("Spruce-" + version + ".kit");
        new KitBuilder(1).build(new KitInputs(source, m, null, null, null, key.getPrivate(), out));
        return out;
    }
}

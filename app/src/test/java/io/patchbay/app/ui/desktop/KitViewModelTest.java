package io.patchbay.app.ui.desktop;

import io.patchbay.app.ui.RecordingDialogService;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.CurrentThreadTaskExecutor;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KitViewModelTest {
    @TempDir
    Path dir;
    private final KeyPair key = SigningKeys.generate();
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final AtomicInteger changes = new AtomicInteger();
    private Workspace ws;

    @BeforeEach
    void open() {
        ws = Workspace.open(dir.resolve("ws"));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private KitViewModel model(Path kit) {
        KitViewModel model = new KitViewModel(kit, new WorkspaceSession(ws, "ana"), new CurrentThreadTaskExecutor(), dialogs,
                changes::incrementAndGet);
        model.load();
        return model;
    }

    @Test
    void aKitShowsItsManifestSignerAndThatAFreshWorkspaceWouldTrustItOnFirstUse() throws Exception {
        KitViewModel model = model(kit("12.10.11", key));

        assertEquals("Spruce 12.10.11", model.titleProperty().get());
        assertEquals("12.0 or later", model.rowsProperty().get().get("Upgrades from"));
        assertEquals("stable", model.rowsProperty().get().get("Channel"));
        assertEquals("2026-11-20 09:00 UTC", model.rowsProperty().get().get("Released"));
        assertEquals(SigningKeys.fingerprint(key.getPublic()), model.rowsProperty().get().get("Signer"));
        assertEquals(KitTrust.FIRST_USE.words(), model.rowsProperty().get().get("Trust"));
        assertTrue(model.canAddProperty().get());
    }

    @Test
    void addToWorkspaceAddsTheReleaseAsReleaseAddDoesAndPinsItsSigner() throws Exception {
        KitViewModel model = model(kit("12.10.11", key));

        model.addToWorkspace();

        assertEquals("Added to the workspace: Spruce 12.10.11; now trusting signer " + SigningKeys.fingerprint(key.getPublic()),
                model.outcomeProperty().get());
        assertEquals(1, ws.releases().list().size());
        assertTrue(ws.trustedSigners().trusts(key.getPublic()));
        assertEquals(1, changes.get(), "the screens are told");
        assertEquals(KitTrust.TRUSTED.words(), model(kit("12.10.12", key)).rowsProperty().get().get("Trust"));
    }

    @Test
    void aKitByAnotherSignerIsShownAsNotTrustedAndCannotBeAdded() throws Exception {
        model(kit("12.10.11", key)).addToWorkspace();

        KitViewModel other = model(kit("12.10.12", SigningKeys.generate()));

        assertEquals(KitTrust.NOT_TRUSTED.words(), other.rowsProperty().get().get("Trust"));
        assertFalse(other.canAddProperty().get());
    }

    @Test
    void aFileThatIsNoKitSaysSoInOneLine() throws Exception {
        Path notKit = Files.writeString(dir.resolve("notes.kit"), "hello");

        KitViewModel model = model(notKit);

        assertTrue(model.outcomeProperty().get().startsWith("Cannot read " + notKit + ": "), model.outcomeProperty().get());
        assertFalse(model.outcomeProperty().get().contains("\n"));
        assertFalse(model.canAddProperty().get());
        assertEquals(List.of(), ws.releases().list());
    }

    private Path kit(String version, KeyPair signer) throws Exception {
        Path source = Files.createDirectories(dir.resolve("src-" + version));
        Files.writeString(source.resolve("app.jar"), "jar " + version);
        Manifest m = new Manifest("Spruce", Version.parse(version), Version.parse("12.0"), Channel.STABLE, true,
                false, Instant.parse("2026-11-20T09:00:00Z"), false, List.of());
        Path out = dir.resolve("Spruce-" + version + ".kit");
        new KitBuilder(1).build(new KitInputs(source, m, null, null, null, signer.getPrivate(), out));
        return out;
    }
}

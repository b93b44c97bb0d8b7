package io.patchbay.app.ui.releases;

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
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleasesViewModelTest {
    @TempDir
    Path dir;
    private Workspace ws;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final AtomicInteger changes = new AtomicInteger();
    private ReleasesViewModel model;
    private final KeyPair key = SigningKeys.generate();
    private Path publicKey;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("ws"));
        model = new ReleasesViewModel(new WorkspaceSession(ws, "alice"), new CurrentThreadTaskExecutor(), dialogs,
                ZoneOffset.UTC, changes::incrementAndGet);
        publicKey = dir.resolve("signing.pub");
        SigningKeys.writePublic(publicKey, key.getPublic());
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void addingAKitVerifiesItAndShowsItInTheTable() throws Exception {
        dialogs.fileAnswers.add(kit("12.10.11"));
        dialogs.fileAnswers.add(publicKey);

        model.addKit();

        assertEquals(List.of(), dialogs.errors);
        assertEquals(1, model.rows().size());
        ReleaseRow row = model.rows().get(0);
        assertEquals("Spruce", row.product());
        assertEquals("12.10.11", row.version());
        assertEquals("automatic", row.flags());
        assertEquals("2026-11-20 09:00 Z", row.released(), "the time carries its zone");
        assertEquals(SigningKeys.fingerprint(key.getPublic()), row.signer());
        assertEquals(1, changes.get(), "the matrix is told about the new release");
    }

    @Test
    void aKitSignedWithAnotherKeyIsRefusedWithTheVerifiersReason() throws Exception {
        Path other = dir.resolve("other.pub");
        SigningKeys.writePublic(other, SigningKeys.generate().getPublic());

        model.addKit(kit("12.10.11"), other);

        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).startsWith("Add kit: "), dialogs.errors.get(0));
        assertTrue(model.rows().isEmpty());
    }

    @Test
    void pullingAsksWhyAndShowsThePull() throws Exception {
        model.addKit(kit("12.10.11"), publicKey);
        model.selectedProperty().set(model.rows().get(0));
        dialogs.textAnswers.add("breaks the nightly export");

        model.pullSelected();

        assertTrue(model.rows().get(0).pulled().endsWith(": breaks the nightly export"), model.rows().get(0).pulled());
        assertTrue(ws.releases().list().get(0).pulled());
    }

    @Test
    void aPullWithoutTheKeyWaitsForItsSignatureAndPullingAgainAsksOnlyForTheKey() throws Exception {
        model.addKit(kit("12.10.11"), publicKey);
        model.selectedProperty().set(model.rows().get(0));
        dialogs.textAnswers.add("breaks the nightly export");

        model.pullSelected();                               // no key chosen: pulled, notices unsigned

        assertTrue(ws.releases().list().get(0).pulled());
        assertTrue(!ws.releases().list().get(0).pullNoticeSigned());
        assertTrue(dialogs.notices.get(dialogs.notices.size() - 1).contains("wait for a signature"), dialogs.notices.toString());

        Path privateKey = dir.resolve("signing.key");
        SigningKeys.writePrivate(privateKey, key.getPrivate());
        dialogs.fileAnswers.add(privateKey);
        model.selectedProperty().set(model.rows().get(0));
        model.pullSelected();

        assertTrue(ws.releases().list().get(0).pullNoticeSigned(), "the second pull signed the notice");
        assertEquals("breaks the nightly export", ws.releases().list().get(0).pulledReason());
        assertEquals(List.of(), dialogs.errors);
    }

    @Test
    void aPullWithoutReasonIsRefused() throws Exception {
        model.addKit(kit("12.10.11"), publicKey);
        model.selectedProperty().set(model.rows().get(0));
        dialogs.textAnswers.add("  ");

        model.pullSelected();

        assertEquals(List.of("Pull release: A pull needs a reason."), dialogs.errors);
        assertTrue(!ws.releases().list().get(0).pulled());
    }

    private Path kit(String version) throws Exception {
        Path source = Files.createDirectories(dir.resolve("src-" + version));
        Files.writeString(source.resolve("app.jar"), "jar " + version);
        Manifest m = new Manifest("Spruce", Version.parse(version), Version.parse("12.0"), Channel.STABLE, true,
                false, Instant.parse("2026-11-20T09:00:00Z"), false, List.of());
        Path out = dir.resolve("spruce-" + version + ".kit");
        new KitBuilder(1).build(new KitInputs(source, m, null, null, null, key.getPrivate(), out));
        return out;
    }
}

package io.patchbay.app.ui.kit;

import io.patchbay.app.ui.RecordingDialogService;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.CurrentThreadTaskExecutor;
import io.patchbay.model.kit.ChecksumList;
import io.patchbay.model.kit.KitReader;
import io.patchbay.model.kit.VerifiedKit;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KitWizardViewModelTest {
    @TempDir
    Path dir;
    private Workspace ws;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private KitWizardViewModel model;
    private KeyPair key;
    private Path keyFile;
    private Path source;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("ws"));
        model = new KitWizardViewModel(new WorkspaceSession(ws, "alice"), new CurrentThreadTaskExecutor(), dialogs,
                Runnable::run);
        key = SigningKeys.init(Files.createDirectories(dir.resolve("keys")));
        keyFile = dir.resolve("keys").resolve(SigningKeys.PRIVATE_FILE);
        source = Files.createDirectories(dir.resolve("build-output"));
        Files.createDirectories(source.resolve("lib"));
        Files.writeString(source.resolve("lib/core.jar"), "core v1");
        Files.writeString(source.resolve("lib/ui.jar"), "ui v1");
        Files.writeString(source.resolve("README.txt"), "read me");
        Files.writeString(source.resolve("debug.log"), "not for sites");
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void buildsASignedKitOfTheSelectedArtifactsThatVerifiesWithTheKey() throws Exception {
        model.useSourceFolder(source);
        assertEquals(4, model.artifacts().size());
        model.globProperty().set("*.log");
        model.selectShown(false);
        fillManifest("12.10.11");
        model.notesProperty().set("# Spruce 12.10.11\n\n- faster export");
        model.keyFileProperty().set(keyFile);
        model.outFileProperty().set(dir.resolve("out/Spruce-12.10.11.kit"));

        model.build();

        assertEquals(List.of(), dialogs.errors);
        BuildSummary summary = model.resultProperty().get();
        assertNotNull(summary);
        assertEquals(3, summary.payloadFiles());
        assertEquals(List.of(SigningKeys.fingerprint(key.getPublic())), summary.signers());
        VerifiedKit verified = KitReader.verify(summary.kit(), List.of(key.getPublic()));
        List<String> names = verified.checksums().lines().stream().map(ChecksumList.Line::name).toList();
        assertTrue(names.containsAll(List.of("payload/lib/core.jar", "payload/lib/ui.jar", "payload/README.txt",
                "notes/release-notes.md", "notes/release-notes.html")), names.toString());
        assertFalse(names.contains("payload/debug.log"), "the cleared artifact stayed out");
        assertEquals("Spruce 12.10.11", verified.manifest().title());
        assertFalse(Files.list(dir.resolve("out")).anyMatch(p -> p.getFileName().toString().startsWith(".kit-wizard")),
                "the staging folder is gone");
        assertEquals(1.0, model.progressProperty().get());
    }

    @Test
    void aSecondSignerSignsTheBuiltKitAndBothSignaturesVerify() throws Exception {
        model.useSourceFolder(source);
        fillManifest("12.10.11");
        model.keyFileProperty().set(keyFile);
        model.outFileProperty().set(dir.resolve("out/Spruce-12.10.11.kit"));
        model.build();
        BuildSummary built = model.resultProperty().get();
        KeyPair qa = SigningKeys.init(Files.createDirectories(dir.resolve("qa")));

        dialogs.fileAnswers.add(dir.resolve("qa").resolve(SigningKeys.PRIVATE_FILE));
        model.addSignature();

        assertEquals(List.of(), dialogs.errors);
        BuildSummary signed = model.resultProperty().get();
        assertEquals(List.of(SigningKeys.fingerprint(key.getPublic()), SigningKeys.fingerprint(qa.getPublic())),
                signed.signers());
        assertNotEquals(built.sha256(), signed.sha256(), "the summary shows the kit as it is now");
        assertEquals(Files.size(signed.kit()), signed.size());
        assertEquals(2, KitReader.verify(signed.kit(), List.of(key.getPublic(), qa.getPublic())).signers().size());

        dialogs.fileAnswers.add(dir.resolve("qa").resolve(SigningKeys.PRIVATE_FILE));
        model.addSignature();
        assertEquals(1, dialogs.errors.size(), "the same signer twice is refused: " + dialogs.errors);
        assertEquals(signed, model.resultProperty().get());
    }

    @Test
    void comparesWithThePreviousReleaseAndSelectsOnlyWhatChanged() throws Exception {
        model.useSourceFolder(source);
        fillManifest("12.10.11");
        model.keyFileProperty().set(keyFile);
        model.outFileProperty().set(dir.resolve("out/first.kit"));
        model.build();
        model.addToWorkspace();
        assertNotNull(model.addedReleaseProperty().get(), dialogs.errors.toString());

        Files.writeString(source.resolve("lib/core.jar"), "core v2");
        Files.writeString(source.resolve("lib/extra.jar"), "new");
        KitWizardViewModel next = new KitWizardViewModel(new WorkspaceSession(ws, "alice"),
                new CurrentThreadTaskExecutor(), dialogs, Runnable::run);
        next.loadReleases();
        next.compareWithProperty().set(next.previousReleases().get(0));
        next.useSourceFolder(source);
        next.selectChangedOnly();

        Map<String, Artifact.Change> changes = next.artifacts().stream()
                .collect(Collectors.toMap(Artifact::path, Artifact::change));
        assertEquals(Artifact.Change.CHANGED, changes.get("lib/core.jar"));
        assertEquals(Artifact.Change.NEW, changes.get("lib/extra.jar"));
        assertEquals(Artifact.Change.SAME, changes.get("lib/ui.jar"));
        assertEquals(List.of("lib/core.jar", "lib/extra.jar"), next.artifacts().stream().filter(Artifact::isSelected)
                .map(Artifact::path).toList());
        assertEquals("Spruce", next.manifest().product.get(), "the form starts from the previous release");
        assertEquals("12.10.11", next.manifest().requires.get());
    }

    @Test
    void theNextStepIsRefusedWhileTheManifestHasErrors() {
        model.useSourceFolder(source);
        model.next();
        model.next();
        model.manifest().product.set("Spruce");
        model.manifest().version.set("not a version");

        model.next();

        assertEquals(2, model.stepProperty().get());
        assertEquals(List.of("Manifest: Fix the manifest fields marked in red."), dialogs.errors);
    }

    @Test
    void aPreviewIsTheHtmlPageTheKitCarries() {
        fillManifest("12.10.11");
        model.notesProperty().set("**bold** <script>x</script>");

        model.renderPreview();

        String html = model.previewHtmlProperty().get();
        assertTrue(html.contains("<title>Spruce 12.10.11</title>"), html);
        assertTrue(html.contains("<strong>bold</strong>"), html);
        assertFalse(html.contains("<script>"), html);
    }

    private void fillManifest(String version) {
        model.manifest().product.set("Spruce");
        model.manifest().version.set(version);
        model.manifest().requires.set("12.0");
        model.manifest().released.set("2026-11-20T09:00:00Z");
        assertTrue(model.manifest().isValid(), model.manifest().rawTextProperty().get());
    }
}

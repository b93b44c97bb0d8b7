package io.patchbay.app.ui.kit;

import io.patchbay.model.io.FileTrees;
import io.patchbay.app.ui.DialogService;
import io.patchbay.app.ui.ScreenLayout;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.BackgroundTask;
import io.patchbay.app.ui.task.TaskContext;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.app.ui.task.TaskHandle;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.FileHashes;
import io.patchbay.model.kit.ChecksumList;
import io.patchbay.model.kit.DeltaBuilder;
import io.patchbay.model.kit.KitBuildListener;
import io.patchbay.model.kit.KitBuildCancelledException;
import io.patchbay.model.kit.KitBuildResult;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.KitCosigner;
import io.patchbay.model.kit.KitInfo;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.KitLayout;
import io.patchbay.model.kit.KitReader;
import io.patchbay.model.kit.KitSignature;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.ReleaseNotes;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.kit.zip.ZipEntryHeader;
import io.patchbay.model.trust.RotationChain;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.DeltaImport;
import io.patchbay.model.workspace.KitStore;
import io.patchbay.model.workspace.KitImport;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The kit-builder wizard's state and commands, step by step: 1 source folder and the artifacts to ship
 * (scanned with their SHA-256 and compared with the previous release's kit), 2 data and hooks folders,
 * 3 the manifest form ({@link ManifestForm}), 4 release notes with a preview rendered by
 * {@link ReleaseNotes#toDocument} (the code that writes the kit), 5 sign and build with progress and
 * cancel, beside it a delta from an earlier release of the product when one is chosen, then add both to the
 * workspace. Every file and database step runs through the task seam.
 */
public final class KitWizardViewModel {
    public static final List<String> STEPS = List.of("Artifacts", "Data and hooks", "Manifest", "Release notes",
            "Sign and build");

    private final WorkspaceSession session;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final Executor ui;

    private final IntegerProperty step = new SimpleIntegerProperty(this, "step", 0);
    // 1
    private final ObjectProperty<Path> sourceFolder = new SimpleObjectProperty<>(this, "sourceFolder");
    private final ObservableList<Release> previousReleases = FXCollections.observableArrayList();
    private List<Release> withStoredKits = List.of();

    private record ReleasesRead(List<Release> all, List<Release> withStoredKits) {
    }
    private final ObjectProperty<Release> compareWith = new SimpleObjectProperty<>(this, "compareWith");
    private final ObservableList<Artifact> artifacts = FXCollections.observableArrayList();
    private final StringProperty glob = new SimpleStringProperty(this, "glob", "");
    private final StringProperty globError = new SimpleStringProperty(this, "globError", "");
    private final StringProperty selectionSummary = new SimpleStringProperty(this, "selectionSummary", "");
    private final BooleanProperty scanning = new SimpleBooleanProperty(this, "scanning");
    // 2
    private final ObjectProperty<Path> dataFolder = new SimpleObjectProperty<>(this, "dataFolder");
    private final ObjectProperty<Path> hooksFolder = new SimpleObjectProperty<>(this, "hooksFolder");
    // 3
    private final ManifestForm manifest = new ManifestForm();
    // 4
    private final StringProperty notes = new SimpleStringProperty(this, "notes", "");
    private final StringProperty previewHtml = new SimpleStringProperty(this, "previewHtml", "");
    private final AtomicLong previewGeneration = new AtomicLong();
    // 5
    private final ObjectProperty<Path> keyFile = new SimpleObjectProperty<>(this, "keyFile");
    private final ObjectProperty<Path> outFile = new SimpleObjectProperty<>(this, "outFile");
    private final ObservableList<Release> deltaBases = FXCollections.observableArrayList();
    private final BooleanProperty buildDelta = new SimpleBooleanProperty(this, "buildDelta", true);
    private final ObjectProperty<Release> deltaFrom = new SimpleObjectProperty<>(this, "deltaFrom");
    private final BooleanProperty building = new SimpleBooleanProperty(this, "building");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty progressText = new SimpleStringProperty(this, "progressText", "");
    private final ObjectProperty<BuildSummary> result = new SimpleObjectProperty<>(this, "result");
    private final ObjectProperty<Release> addedRelease = new SimpleObjectProperty<>(this, "addedRelease");
    private TaskHandle buildHandle;
    private Path suggestedSource;

    /** @param ui runs progress updates on the UI thread (Platform::runLater; tests pass Runnable::run) */
    public KitWizardViewModel(WorkspaceSession session, TaskExecutor tasks, DialogService dialogs, Executor ui) {
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.ui = ui;
        glob.addListener((o, old, now) -> updateSummary());
        compareWith.addListener((o, old, release) -> {
            if (release != null && manifest.product.get().isBlank()) {
                fillFromRelease(release);
            }
        });
        previousReleases.addListener((ListChangeListener<Release>) c -> updateDeltaBases());
        manifest.manifestProperty().addListener((o, old, now) -> updateDeltaBases());
    }

    // ---- properties

    public IntegerProperty stepProperty() {
        return step;
    }

    public ObjectProperty<Path> sourceFolderProperty() {
        return sourceFolder;
    }

    public ObservableList<Release> previousReleases() {
        return previousReleases;
    }

    public ObjectProperty<Release> compareWithProperty() {
        return compareWith;
    }

    public ObservableList<Artifact> artifacts() {
        return artifacts;
    }

    public StringProperty globProperty() {
        return glob;
    }

    public StringProperty globErrorProperty() {
        return globError;
    }

    public StringProperty selectionSummaryProperty() {
        return selectionSummary;
    }

    public BooleanProperty scanningProperty() {
        return scanning;
    }

    public ObjectProperty<Path> dataFolderProperty() {
        return dataFolder;
    }

    public ObjectProperty<Path> hooksFolderProperty() {
        return hooksFolder;
    }

    public ManifestForm manifest() {
        return manifest;
    }

    public StringProperty notesProperty() {
        return notes;
    }

    public StringProperty previewHtmlProperty() {
        return previewHtml;
    }

    public ObjectProperty<Path> keyFileProperty() {
        return keyFile;
    }

    public ObjectProperty<Path> outFileProperty() {
        return outFile;
    }

    /** The releases a delta can be built from (earlier releases of the manifest's product, newest first). */
    public ObservableList<Release> deltaBases() {
        return deltaBases;
    }

    /** Whether to build a delta beside the full kit (when there is a base to build it from). */
    public BooleanProperty buildDeltaProperty() {
        return buildDelta;
    }

    /** The base of the delta; the newest earlier release unless the person chose another. */
    public ObjectProperty<Release> deltaFromProperty() {
        return deltaFrom;
    }

    public BooleanProperty buildingProperty() {
        return building;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty progressTextProperty() {
        return progressText;
    }

    public ObjectProperty<BuildSummary> resultProperty() {
        return result;
    }

    public ObjectProperty<Release> addedReleaseProperty() {
        return addedRelease;
    }

    // ---- navigation

    /** Why the current step cannot be left forward, or empty. */
    public String blocker() {
        return switch (step.get()) {
            case 0 -> sourceFolder.get() == null ? "Choose the source folder."
                    : scanning.get() ? "Wait for the scan to finish."
                    : artifacts.stream().noneMatch(Artifact::isSelected) ? "Select at least one artifact." : "";
            case 2 -> manifest.isValid() ? "" : "Fix the manifest fields marked in red.";
            default -> "";
        };
    }

    public void next() {
        String blocker = blocker();
        if (!blocker.isEmpty()) {
            dialogs.showError(STEPS.get(step.get()), blocker);
            return;
        }
        if (step.get() < STEPS.size() - 1) {
            step.set(step.get() + 1);
        }
        if (step.get() == STEPS.size() - 1 && outFile.get() == null && manifest.isValid()) {
            Manifest m = manifest.manifestProperty().get();
            outFile.set(session.workspace().dir().resolve("build")
                    .resolve(KitImport.kitFileName(m.product(), m.version().toString())));
        }
    }

    public void back() {
        if (step.get() > 0 && !building.get()) {
            step.set(step.get() - 1);
        }
    }

    // ---- step 1

    /** Lists the workspace's releases to compare with (newest first). */
    public void loadReleases() {
        BackgroundTask.of("Read releases", ctx -> {
                    List<Release> all = session.workspace().releases().list();
                    // A delta is built from the base's kit bytes: only releases whose kit the workspace stores qualify.
                    KitStore kits = session.workspace().kits();
                    return new ReleasesRead(all, all.stream().filter(r -> kits.contains(r.kitSha256())).toList());
                })
                .onSuccess(read -> {
                    List<Release> list = read.all();
                    withStoredKits = read.withStoredKits();
                    List<Release> sorted = new ArrayList<>(list);
                    sorted.sort(Comparator.comparing(Release::releasedAt).reversed());
                    previousReleases.setAll(sorted);
                    useSuggestion(sorted);
                })
                .onFailure(f -> dialogs.showError("Read releases", f))
                .executeWith(tasks);
    }

    /**
     * Starts the wizard on a suggested source folder and signing key (the demo's next build): once the
     * releases are read, the newest one is the release to compare with, then the folder is scanned.
     */
    public void startFrom(Path source, Path signingKey) {
        keyFile.set(signingKey);
        suggestedSource = source;
    }

    private void useSuggestion(List<Release> newestFirst) {
        Path source = suggestedSource;
        suggestedSource = null;
        if (source == null || sourceFolder.get() != null) {
            return;
        }
        if (compareWith.get() == null && !newestFirst.isEmpty()) {
            compareWith.set(newestFirst.get(0)); // also fills the manifest from it; nothing to scan yet
        }
        useSourceFolder(source);
    }

    public void chooseSourceFolder() {
        dialogs.chooseFolder("Source folder (the payload)", sourceFolder.get()).ifPresent(this::useSourceFolder);
    }

    public void useSourceFolder(Path folder) {
        sourceFolder.set(folder);
        manifest.suggestFrom(folder);
        scan();
    }

    /**
     * Lists the source folder's files with size and SHA-256 and, when a release is chosen to compare
     * with, whether each is new, changed or the same as in that release's kit.
     */
    public void scan() {
        Path folder = sourceFolder.get();
        if (folder == null) {
            return;
        }
        Release previous = compareWith.get();
        scanning.set(true);
        // The previous kit may have to come from the team's database first: that is disk and network work too.
        BackgroundTask.of("Scan " + folder.getFileName(), ctx -> scanFolder(folder,
                        previous == null ? null : session.workspace().kitFile(previous.id()), ctx))
                .onSuccess(found -> {
                    artifacts.setAll(found);
                    found.forEach(a -> a.selected().addListener((o, old, now) -> updateSummary()));
                    updateSummary();
                })
                .onFailure(f -> dialogs.showError("Scan the source folder", f))
                .onFinished(() -> scanning.set(false))
                .executeWith(tasks);
    }

    private static List<Artifact> scanFolder(Path folder, Path previousKit, TaskContext ctx) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new PatchbayException("not a folder: " + folder);
        }
        Map<String, String> before = previousKit == null ? null : payloadChecksums(previousKit);
        List<Path> files = new ArrayList<>();
        long[] total = {0};
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(file);
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.comparing(Path::toString));
        List<Artifact> found = new ArrayList<>();
        long done = 0;
        byte[] buffer = new byte[1 << 16];
        for (Path file : files) {
            if (ctx.isCancelled()) {
                return List.of();
            }
            String rel = folder.relativize(file).toString().replace('\\', '/');
            ctx.updateMessage(rel);
            MessageDigest sha = sha256();
            long size = 0;
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha.update(buffer, 0, n);
                    size += n;
                    done += n;
                }
            }
            ctx.updateProgress(done, Math.max(1, total[0]));
            String hex = HexFormat.of().formatHex(sha.digest());
            Artifact.Change change;
            if (before == null) {
                change = Artifact.Change.NOT_COMPARED;
            } else {
                String old = before.get(rel);
                change = old == null ? Artifact.Change.NEW : old.equals(hex) ? Artifact.Change.SAME : Artifact.Change.CHANGED;
            }
            found.add(Artifact.of(rel, size, hex, change));
        }
        return found;
    }

    /** The previous kit's payload entries and their SHA-256, from its checksum list (read, not trusted). */
    static Map<String, String> payloadChecksums(Path kit) throws IOException {
        try (KitReader reader = KitReader.open(kit)) {
            for (ZipEntryHeader e : reader.archive().entries()) {
                if (e.name().equals(KitLayout.CHECKSUMS)) {
                    try (InputStream in = reader.open(e, ChecksumList.MAX_BYTES)) {
                        Map<String, String> out = new HashMap<>();
                        for (ChecksumList.Line line : ChecksumList.parse(in.readAllBytes()).lines()) {
                            if (line.name().startsWith(KitLayout.PAYLOAD)) {
                                out.put(line.name().substring(KitLayout.PAYLOAD.length()), line.sha256());
                            }
                        }
                        return out;
                    }
                }
            }
        }
        throw new PatchbayException("the kit " + kit.getFileName() + " has no checksum list");
    }

    /** The artifacts the glob filter lets through (all when it is empty or invalid). */
    public Predicate<Artifact> filter() {
        String pattern = glob.get() == null ? "" : glob.get().strip();
        if (pattern.isEmpty()) {
            globError.set("");
            return a -> true;
        }
        try {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            PathMatcher name = FileSystems.getDefault().getPathMatcher("glob:**/" + pattern);
            globError.set("");
            return a -> m.matches(Path.of(a.path())) || name.matches(Path.of(a.path()));
        } catch (IllegalArgumentException e) {
            globError.set("not a glob: " + e.getMessage().lines().findFirst().orElse(""));
            return a -> true;
        }
    }

    /** Selects exactly the shown artifacts that are new or changed since the compared release. */
    public void selectChangedOnly() {
        Predicate<Artifact> shown = filter();
        artifacts.forEach(a -> a.selected().set(shown.test(a) && a.change() != Artifact.Change.SAME));
    }

    /** Selects or clears every shown artifact. */
    public void selectShown(boolean value) {
        Predicate<Artifact> shown = filter();
        artifacts.stream().filter(shown).forEach(a -> a.selected().set(value));
    }

    private void updateSummary() {
        long count = artifacts.stream().filter(Artifact::isSelected).count();
        long bytes = artifacts.stream().filter(Artifact::isSelected).mapToLong(Artifact::size).sum();
        long changed = artifacts.stream().filter(a -> a.change() == Artifact.Change.NEW
                || a.change() == Artifact.Change.CHANGED).count();
        String compared = compareWith.get() == null ? "" : "; " + changed + " new or changed since "
                + compareWith.get().title();
        selectionSummary.set(count + " of " + artifacts.size() + " files selected, " + ScreenLayout.size(bytes) + compared);
    }

    private void fillFromRelease(Release release) {
        try {
            manifest.fillFrom(io.patchbay.model.kit.ManifestCodec.read(release.manifestText()));
        } catch (PatchbayException e) {
            manifest.product.set(release.product());
            manifest.requires.set(release.version().toString());
        }
    }

    private void updateDeltaBases() {
        Manifest m = manifest.manifestProperty().get();
        List<Release> bases = m == null ? List.of() : DeltaBases.of(withStoredKits, m.product(), m.version());
        if (!bases.equals(deltaBases)) {
            deltaBases.setAll(bases);
        }
        if (deltaFrom.get() == null || !bases.contains(deltaFrom.get())) {
            deltaFrom.set(bases.isEmpty() ? null : bases.get(0));
        }
    }

    // ---- step 2

    public void chooseDataFolder() {
        dialogs.chooseFolder("Data folder (optional)", sourceFolder.get()).ifPresent(dataFolder::set);
    }

    public void chooseHooksFolder() {
        dialogs.chooseFolder("Hooks folder (optional)", sourceFolder.get()).ifPresent(hooksFolder::set);
    }

    // ---- step 4

    /** Renders the notes as the kit will carry them, off the FX thread; a newer request wins. */
    public void renderPreview() {
        long generation = previewGeneration.incrementAndGet();
        String title = manifest.isValid() ? manifest.manifestProperty().get().title() : "Release notes";
        String markdown = notes.get() == null ? "" : notes.get();
        BackgroundTask.of("Render release notes", ctx -> ReleaseNotes.toDocument(title, markdown))
                .onSuccess(html -> {
                    if (generation == previewGeneration.get()) {
                        previewHtml.set(html);
                    }
                })
                .executeWith(tasks);
    }

    // ---- step 5

    public void chooseKeyFile() {
        dialogs.chooseFile("Signing key (signing.key)", null).ifPresent(keyFile::set);
    }

    public void chooseOutFile() {
        dialogs.chooseSaveFile("Write the kit to", outFile.get() == null ? null : outFile.get().getParent(),
                outFile.get() == null ? "release.kit" : outFile.get().getFileName().toString()).ifPresent(outFile::set);
    }

    /** Why the kit cannot be built now, or empty. */
    public String buildBlocker() {
        if (!manifest.isValid()) {
            return "The manifest has errors (step 3).";
        }
        if (sourceFolder.get() == null || artifacts.stream().noneMatch(Artifact::isSelected)) {
            return "No artifact is selected (step 1).";
        }
        if (keyFile.get() == null) {
            return "Choose the signing key.";
        }
        if (outFile.get() == null) {
            return "Choose where to write the kit.";
        }
        return "";
    }

    /** Signs and builds the kit from the selected artifacts only; cancellable. */
    public void build() {
        String blocker = buildBlocker();
        if (!blocker.isEmpty()) {
            dialogs.showError("Build kit", blocker);
            return;
        }
        Manifest m = manifest.manifestProperty().get();
        Path source = sourceFolder.get();
        List<String> selected = artifacts.stream().filter(Artifact::isSelected).map(Artifact::path).toList();
        boolean everything = selected.size() == artifacts.size();
        Path key = keyFile.get();
        Path out = outFile.get();
        Path data = dataFolder.get();
        Path hooks = hooksFolder.get();
        String markdown = notes.get();
        Release base = buildDelta.get() ? deltaFrom.get() : null;
        result.set(null);
        addedRelease.set(null);
        building.set(true);
        progress.set(0);
        progressText.set("Starting");
        buildHandle = BackgroundTask.of("Build kit " + m.title(), ctx -> {
                    Files.createDirectories(out.toAbsolutePath().getParent());
                    Path scratch = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".kit-wizard-");
                    try {
                        Path payload = everything ? source : stage(source, selected, scratch.resolve("payload"), ctx);
                        Path notesFile = null;
                        if (markdown != null && !markdown.isBlank()) {
                            notesFile = scratch.resolve("release-notes.md");
                            Files.writeString(notesFile, markdown);
                        }
                        PrivateKey privateKey = SigningKeys.readPrivate(key);
                        // With a delta, the full kit is the first half of the bar and the delta the second.
                        double span = base == null ? 1 : 0.5;
                        KitBuildResult r = new KitBuilder().build(
                                new KitInputs(payload, m, notesFile, data, hooks, privateKey, out,
                                        RotationChain.beside(key)),
                                progressTo(ctx, 0, span, ""), ctx::isCancelled);
                        KitInfo info = KitInfo.inspect(r.kit());
                        BuildSummary.DeltaPart delta = null;
                        if (base != null) {
                            try {
                                delta = buildDelta(base, r.kit(), m, key, privateKey, progressTo(ctx, span, span,
                                        "delta from " + base.version() + ": "), ctx);
                            } catch (KitBuildCancelledException e) {
                                Files.deleteIfExists(r.kit()); // the build is one step: kit and delta, or neither
                                throw e;
                            } catch (PatchbayException | IOException e) {
                                Files.deleteIfExists(r.kit());
                                throw new PatchbayException("the delta from " + base.title() + " cannot be built (the "
                                        + "kit was not kept; clear \"Also build a delta\" to build the kit alone): "
                                        + e.getMessage(), e);
                            }
                        }
                        return new BuildSummary(r.kit(), m.title(), r.kitSize(), r.entries(), selected.size(),
                                info.sha256(), List.of(r.signerFingerprint()), delta);
                    } finally {
                        FileTrees.delete(scratch);
                    }
                })
                .onSuccess(summary -> {
                    result.set(summary);
                    progress.set(1);
                    progressText.set("Built " + summary.kit().getFileName() + (summary.delta() == null ? ""
                            : " and " + summary.delta().kit().getFileName()));
                })
                .onFailure(f -> {
                    if (f instanceof KitBuildCancelledException) {
                        progressText.set("Cancelled; nothing was written");
                    } else {
                        progressText.set("Failed: " + f.getMessage());
                        dialogs.showError("Build kit", f);
                    }
                })
                .onCancelled(() -> progressText.set("Cancelled; nothing was written"))
                .onFinished(() -> building.set(false))
                .executeWith(tasks);
    }

    /** Progress of one part of the build, drawn on {@code [from, from + span]} of the bar. */
    private KitBuildListener progressTo(TaskContext ctx, double from, double span, String prefix) {
        return (doneBytes, total, current) -> {
            double share = total == 0 ? 1 : (double) doneBytes / total;
            ctx.updateProgress(Math.round(1000 * (from + span * share)), 1000);
            ui.execute(() -> {
                progress.set(from + span * share);
                progressText.set(prefix + ScreenLayout.size(doneBytes) + " of " + ScreenLayout.size(total)
                        + "  " + current);
            });
        };
    }

    /**
     * The delta of the kit just built from the workspace's kit of {@code base}, beside it; both kits must be signed
     * by a key the workspace trusts or by the signing key itself.
     */
    private BuildSummary.DeltaPart buildDelta(Release base, Path kit, Manifest m, Path key, PrivateKey privateKey,
                                              KitBuildListener listener, TaskContext ctx) throws IOException {
        ctx.updateMessage("Reading the kit of " + base.title());
        Path baseKit = session.workspace().kitFile(base.id());
        Path out = kit.resolveSibling(KitImport.deltaFileName(m.product(), base.version().toString(),
                m.version().toString()));
        List<PublicKey> trusted = DeltaImport.trustedKeys(session.workspace(), List.of(trustedKey(key)));
        DeltaBuilder.Result d = new DeltaBuilder().build(new DeltaBuilder.Inputs(baseKit, kit, trusted, privateKey, out),
                listener, ctx::isCancelled);
        return new BuildSummary.DeltaPart(d.kit().kit(), base.title(), d.kit().kitSize(),
                FileHashes.sha256(d.kit().kit()), d.patched(), d.whole(), d.unchanged());
    }

    public void cancelBuild() {
        if (buildHandle != null && !buildHandle.isDone()) {
            buildHandle.cancel();
        }
    }

    /**
     * A payload folder holding only the selected files: hard links to the source files (instant, no
     * space), or copies where the file system refuses links (another volume, FAT).
     */
    static Path stage(Path source, List<String> selected, Path stage, TaskContext ctx) throws IOException {
        Files.createDirectories(stage);
        int done = 0;
        for (String rel : selected) {
            if (ctx.isCancelled()) {
                throw new KitBuildCancelledException();
            }
            Path from = source.resolve(rel);
            Path to = stage.resolve(rel);
            Files.createDirectories(to.getParent());
            try {
                Files.createLink(to, from);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(from, to);
            }
            ctx.updateMessage("staging " + rel + " (" + ++done + " of " + selected.size() + ")");
        }
        return stage;
    }

    /**
     * Two-person signing: adds a second person's signature (e.g. QA's) to the kit just built. Only the kit's
     * signature entry changes; a site whose policy asks for two signatures needs it.
     */
    public void addSignature() {
        BuildSummary built = result.get();
        if (built == null || building.get()) {
            return;
        }
        dialogs.chooseFile("Key of the second signer (signing.key)",
                keyFile.get() == null ? null : keyFile.get().toAbsolutePath().getParent()).ifPresent(this::signWith);
    }

    /** Adds the signature of the key in {@code second} to the kit just built, in the background. */
    public void signWith(Path second) {
        BuildSummary built = result.get();
        if (built == null || building.get()) {
            return;
        }
        BackgroundTask.of("Sign " + built.kit().getFileName(), ctx -> {
                    KitSignature signed = KitCosigner.addSignature(built.kit(), SigningKeys.readPrivate(second));
                    KitInfo info = KitInfo.inspect(built.kit());
                    return built.signedAgain(Files.size(built.kit()), info.sha256(),
                            signed.signatures().stream().map(KitSignature.Signed::fingerprint).toList());
                })
                .onSuccess(summary -> {
                    result.set(summary);
                    dialogs.notify("Signed " + summary.kit().getFileName() + " again: " + summary.signers().size()
                            + " signatures");
                })
                .onFailure(f -> dialogs.showError("Add a signature", f))
                .executeWith(tasks);
    }

    /** Adds the built kit to the workspace, trusting the public half of the key it was signed with. */
    public void addToWorkspace() {
        BuildSummary built = result.get();
        if (built == null) {
            return;
        }
        Path key = keyFile.get();
        BackgroundTask.of("Add " + built.title(), ctx -> {
                    PublicKey trusted = trustedKey(key);
                    Release release = KitImport.add(session.workspace(), built.kit(), List.of(trusted),
                            session.person()).release();
                    if (built.delta() != null) {
                        DeltaImport.add(session.workspace(), release, built.delta().kit(), List.of(trusted),
                                session.person());
                    }
                    return release;
                })
                .onSuccess(release -> {
                    addedRelease.set(release);
                    dialogs.notify("Added " + release.title() + (built.delta() == null ? "" : " and its delta from "
                            + built.delta().baseTitle()) + " to the workspace");
                })
                .onFailure(f -> dialogs.showError("Add to workspace", f))
                .executeWith(tasks);
    }

    /** The key's public file beside it ({@code signing.pub}) when there is one, else derived from it. */
    private static PublicKey trustedKey(Path privateKeyFile) throws IOException {
        Path pub = privateKeyFile.resolveSibling(SigningKeys.PUBLIC_FILE);
        if (Files.isRegularFile(pub)) {
            return SigningKeys.readPublic(pub);
        }
        return SigningKeys.publicKeyOf(SigningKeys.readPrivate(privateKeyFile));
    }

    public Optional<BuildSummary> summary() {
        return Optional.ofNullable(result.get());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.patchbay.app.ui.kit;

import io.patchbay.app.ui.ScreenLayout;
import io.patchbay.app.ui.Styles;
import io.patchbay.model.workspace.Release;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeView;
import javafx.scene.control.CheckBoxTreeItem;
import javafx.scene.control.cell.CheckBoxTreeCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The kit-builder wizard: a step strip, the current step's page, Back and Next. Holds no rule. */
public final class KitWizardView extends BorderPane {
    private final KitWizardViewModel model;
    private final StackPane page = new StackPane();
    private final Map<Integer, Node> pages = new HashMap<>();
    private final HBox strip = new HBox();
    private final TreeView<String> tree = new TreeView<>();

    public KitWizardView(KitWizardViewModel model, Consumer<Release> startRollout, Runnable close) {
        this.model = model;
        setId("kit-wizard");
        getStyleClass().add(Styles.SCREEN);
        strip.getStyleClass().add(Styles.WIZARD_STEPS);
        for (int i = 0; i < KitWizardViewModel.STEPS.size(); i++) {
            Label chip = new Label((i + 1) + "  " + KitWizardViewModel.STEPS.get(i));
            chip.getStyleClass().add(Styles.WIZARD_STEP);
            strip.getChildren().add(chip);
        }
        setTop(strip);
        setCenter(page);
        BorderPane.setMargin(page, new Insets(8, 0, 8, 0));
        Button back = ScreenLayout.button("wizard-back", "Back", model::back);
        Button next = ScreenLayout.button("wizard-next", "Next", model::next);
        next.setDefaultButton(true);
        back.disableProperty().bind(model.stepProperty().isEqualTo(0).or(model.buildingProperty()));
        next.disableProperty().bind(model.stepProperty().isEqualTo(KitWizardViewModel.STEPS.size() - 1));
        Button startRolloutButton = ScreenLayout.button("wizard-start-rollout", "Start rollout...",
                () -> startRollout.accept(model.addedReleaseProperty().get()));
        startRolloutButton.disableProperty().bind(model.addedReleaseProperty().isNull());
        setBottom(ScreenLayout.actions(ScreenLayout.button("wizard-close", "Close", close), ScreenLayout.gap(),
                startRolloutButton, back, next));
        model.stepProperty().addListener((o, old, step) -> show(step.intValue()));
        show(0);
        model.loadReleases();
    }

    private void show(int step) {
        for (int i = 0; i < strip.getChildren().size(); i++) {
            strip.getChildren().get(i).pseudoClassStateChanged(Styles.SELECTED, i == step);
        }
        page.getChildren().setAll(pages.computeIfAbsent(step, this::createPage));
    }

    private Node createPage(int step) {
        return switch (step) {
            case 0 -> artifactsPage();
            case 1 -> foldersPage();
            case 2 -> manifestPage();
            case 3 -> notesPage();
            default -> buildPage();
        };
    }

    // ---- 1 artifacts

    private Node artifactsPage() {
        TextField folder = pathField("wizard-source", model.sourceFolderProperty());
        ComboBox<Release> compare = new ComboBox<>(model.previousReleases());
        compare.setId("wizard-compare");
        compare.setPromptText("no earlier release");
        compare.setConverter(releaseTitles("no earlier release"));
        compare.valueProperty().bindBidirectional(model.compareWithProperty());
        compare.valueProperty().addListener((o, old, now) -> model.scan());
        TextField glob = new TextField();
        glob.setId("wizard-glob");
        glob.setPromptText("filter, e.g. *.jar or lib/**");
        glob.textProperty().bindBidirectional(model.globProperty());
        Label globError = errorLabel(model.globErrorProperty());
        tree.setId("wizard-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(CheckBoxTreeCell.forTreeView());
        VBox.setVgrow(tree, Priority.ALWAYS);
        model.artifacts().addListener((ListChangeListener<Artifact>) c -> rebuildTree());
        model.globProperty().addListener((o, old, now) -> rebuildTree());
        Label summary = new Label();
        summary.setId("wizard-selection");
        summary.textProperty().bind(model.selectionSummaryProperty());
        GridPane form = form();
        form.addRow(0, ScreenLayout.fieldLabel("Source folder"), folder,
                ScreenLayout.button("wizard-choose-source", "Choose...", model::chooseSourceFolder));
        form.addRow(1, ScreenLayout.fieldLabel("Compare with"), compare);
        form.addRow(2, ScreenLayout.fieldLabel("Filter"), glob, globError);
        HBox select = ScreenLayout.actions(
                ScreenLayout.button("wizard-select-changed", "Select changed only", model::selectChangedOnly),
                ScreenLayout.button("wizard-select-all", "Select shown", () -> model.selectShown(true)),
                ScreenLayout.button("wizard-select-none", "Clear shown", () -> model.selectShown(false)),
                ScreenLayout.gap(), summary);
        return new VBox(8, form, select, tree);
    }

    private void rebuildTree() {
        Predicate<Artifact> shown = model.filter();
        CheckBoxTreeItem<String> root = new CheckBoxTreeItem<>("");
        Map<String, CheckBoxTreeItem<String>> folders = new HashMap<>();
        Map<CheckBoxTreeItem<String>, long[]> sizes = new HashMap<>();
        for (Artifact a : model.artifacts()) {
            if (!shown.test(a)) {
                continue;
            }
            String[] parts = a.path().split("/");
            CheckBoxTreeItem<String> parent = root;
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < parts.length - 1; i++) {
                prefix.append(parts[i]).append('/');
                CheckBoxTreeItem<String> p = parent;
                String name = parts[i];
                parent = folders.computeIfAbsent(prefix.toString(), k -> {
                    CheckBoxTreeItem<String> f = new CheckBoxTreeItem<>(name + "/");
                    f.setExpanded(true);
                    p.getChildren().add(f);
                    return f;
                });
                sizes.computeIfAbsent(parent, k -> new long[1])[0] += a.size();
            }
            String change = a.change().word().isEmpty() ? "" : "   " + a.change().word();
            CheckBoxTreeItem<String> leaf = new CheckBoxTreeItem<>(parts[parts.length - 1] + "   "
                    + ScreenLayout.size(a.size()) + change);
            // Attached first, so the folder's box follows its files (checked, indeterminate or clear).
            parent.getChildren().add(leaf);
            leaf.setSelected(a.isSelected());
            leaf.selectedProperty().bindBidirectional(a.selected());
        }
        sizes.forEach((item, size) -> item.setValue(item.getValue() + "   " + ScreenLayout.size(size[0])));
        root.setExpanded(true);
        tree.setRoot(root);
    }

    // ---- 2 data and hooks

    private Node foldersPage() {
        GridPane form = form();
        form.addRow(0, ScreenLayout.fieldLabel("Data folder"), pathField("wizard-data", model.dataFolderProperty()),
                ScreenLayout.button("wizard-choose-data", "Choose...", model::chooseDataFolder),
                ScreenLayout.button("wizard-clear-data", "None", () -> model.dataFolderProperty().set(null)));
        form.addRow(1, ScreenLayout.fieldLabel("Hooks folder"), pathField("wizard-hooks", model.hooksFolderProperty()),
                ScreenLayout.button("wizard-choose-hooks", "Choose...", model::chooseHooksFolder),
                ScreenLayout.button("wizard-clear-hooks", "None", () -> model.hooksFolderProperty().set(null)));
        Label help = new Label("Both are optional. The data folder becomes data/** (e.g. the global export); the "
                + "hooks folder may hold pre-install, install, verify and post-install.");
        help.getStyleClass().add(Styles.MUTED);
        help.setWrapText(true);
        return new VBox(8, form, help);
    }

    // ---- 3 manifest

    private Node manifestPage() {
        ManifestForm f = model.manifest();
        GridPane form = form();
        // The error column keeps its width whether a field is wrong or not: the form does not jump as one types.
        form.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(),
                new javafx.scene.layout.ColumnConstraints(), new javafx.scene.layout.ColumnConstraints(220, 220, 220));
        int row = 0;
        form.addRow(row++, ScreenLayout.fieldLabel("Product"), text("wizard-product", f.product, f.errorProperty("product")), errorLabel(f.errorProperty("product")));
        form.addRow(row++, ScreenLayout.fieldLabel("Version"), text("wizard-version", f.version, f.errorProperty("version")), errorLabel(f.errorProperty("version")));
        form.addRow(row++, ScreenLayout.fieldLabel("Requires"), text("wizard-requires", f.requires, f.errorProperty("requires")),
                errorLabel(f.errorProperty("requires")));
        ComboBox<String> channel = new ComboBox<>(javafx.collections.FXCollections.observableArrayList("stable", "beta"));
        channel.setId("wizard-channel");
        channel.setEditable(true);
        channel.valueProperty().bindBidirectional(f.channel);
        form.addRow(row++, ScreenLayout.fieldLabel("Channel"), channel, errorLabel(f.errorProperty("channel")));
        form.addRow(row++, ScreenLayout.fieldLabel("Released"), text("wizard-released", f.released, f.errorProperty("released")),
                errorLabel(f.errorProperty("released")));
        form.addRow(row++, ScreenLayout.fieldLabel("Install"), check("wizard-automatic", "automatically (else an operator installs)",
                f.automatic), errorLabel(f.errorProperty("automatic")));
        form.addRow(row++, ScreenLayout.fieldLabel("Major"), check("wizard-major", "major upgrade", f.major),
                errorLabel(f.errorProperty("major")));
        form.addRow(row++, ScreenLayout.fieldLabel("Backup"), check("wizard-backup", "include the data root in the backup",
                f.backupData), errorLabel(f.errorProperty("backup")));
        TextArea remove = new TextArea();
        remove.setId("wizard-remove");
        remove.setPrefRowCount(3);
        remove.setPromptText("paths to delete, one per line");
        remove.textProperty().bindBidirectional(f.remove);
        markInvalid(remove, f.errorProperty("remove"));
        form.addRow(row, ScreenLayout.fieldLabel("Remove"), remove, errorLabel(f.errorProperty("remove")));
        TextArea raw = new TextArea();
        raw.setId("wizard-raw");
        raw.getStyleClass().add(Styles.CODE_AREA);
        raw.textProperty().bindBidirectional(f.rawTextProperty());
        VBox.setVgrow(raw, Priority.ALWAYS);
        Label rawTitle = new Label("kit.ini");
        rawTitle.getStyleClass().add(Styles.SECTION_TITLE);
        VBox right = new VBox(6, rawTitle, raw, errorLabel(f.rawErrorProperty()));
        SplitPane split = new SplitPane(form, right);
        split.setDividerPositions(0.55);
        return split;
    }

    // ---- 4 notes

    private Node notesPage() {
        TextArea markdown = new TextArea();
        markdown.setId("wizard-notes");
        markdown.setPromptText("Release notes in Markdown: # headings, lists, tables, links");
        markdown.textProperty().bindBidirectional(model.notesProperty());
        PauseTransition debounce = new PauseTransition(Duration.millis(250));
        debounce.setOnFinished(e -> model.renderPreview());
        markdown.textProperty().addListener((o, old, now) -> debounce.playFromStart());
        Label previewTitle = new Label("Preview (as the site console shows it)");
        previewTitle.getStyleClass().add(Styles.SECTION_TITLE);
        Node preview = NotesPreview.create("wizard-preview", model.previewHtmlProperty(), previewTitle);
        VBox.setVgrow(preview, Priority.ALWAYS);
        SplitPane split = new SplitPane(markdown, new VBox(6, previewTitle, preview));
        split.setDividerPositions(0.5);
        model.renderPreview();
        return split;
    }

    // ---- 5 build

    private Node buildPage() {
        GridPane form = form();
        form.addRow(0, ScreenLayout.fieldLabel("Signing key"), pathField("wizard-key", model.keyFileProperty()),
                ScreenLayout.button("wizard-choose-key", "Choose...", model::chooseKeyFile));
        form.addRow(1, ScreenLayout.fieldLabel("Write kit to"), pathField("wizard-out", model.outFileProperty()),
                ScreenLayout.button("wizard-choose-out", "Choose...", model::chooseOutFile));
        CheckBox delta = check("wizard-delta", "Also build a delta from", model.buildDeltaProperty());
        ComboBox<Release> base = new ComboBox<>(model.deltaBases());
        base.setId("wizard-delta-base");
        base.valueProperty().bindBidirectional(model.deltaFromProperty());
        base.setConverter(releaseTitles(""));
        base.setPromptText("no earlier release of this product");
        delta.disableProperty().bind(Bindings.isEmpty(model.deltaBases()).or(model.buildingProperty()));
        base.disableProperty().bind(delta.disableProperty().or(model.buildDeltaProperty().not()));
        form.addRow(2, ScreenLayout.fieldLabel("Delta kit"), new HBox(8, delta, base));
        Button build = ScreenLayout.button("wizard-build", "Sign and build", model::build);
        build.disableProperty().bind(model.buildingProperty());
        Button cancel = ScreenLayout.button("wizard-cancel", "Cancel build", model::cancelBuild);
        cancel.disableProperty().bind(model.buildingProperty().not());
        ProgressBar bar = new ProgressBar();
        bar.setId("wizard-progress");
        bar.setPrefWidth(360);
        bar.progressProperty().bind(model.progressProperty());
        Label progress = new Label();
        progress.setId("wizard-progress-text");
        progress.textProperty().bind(model.progressTextProperty());
        VBox summary = new VBox();
        summary.setId("wizard-summary");
        summary.getStyleClass().add(Styles.SUMMARY_BOX);
        summary.visibleProperty().bind(model.resultProperty().isNotNull());
        model.resultProperty().addListener((o, old, r) -> fillSummary(summary, r));
        Button add = ScreenLayout.button("wizard-add", "Add to workspace", model::addToWorkspace);
        add.disableProperty().bind(model.resultProperty().isNull().or(model.addedReleaseProperty().isNotNull()));
        // Two-person signing: a second signer (QA) signs the kit just built, before it is added or shipped.
        Button sign = ScreenLayout.button("wizard-sign", "Add a signature\u2026", model::addSignature);
        sign.disableProperty().bind(model.resultProperty().isNull().or(model.buildingProperty()));
        Label added = new Label();
        added.setId("wizard-added");
        added.textProperty().bind(Bindings.createStringBinding(() -> model.addedReleaseProperty().get() == null ? ""
                : "Added " + model.addedReleaseProperty().get().title() + " to the workspace.",
                model.addedReleaseProperty()));
        return new VBox(10, form, ScreenLayout.actions(build, cancel, bar), progress, summary,
                ScreenLayout.actions(sign, add, added));
    }

    private static void fillSummary(VBox box, BuildSummary r) {
        box.getChildren().clear();
        if (r == null) {
            return;
        }
        Label title = new Label("Built " + r.title());
        title.getStyleClass().add(Styles.SECTION_TITLE);
        GridPane grid = form();
        grid.addRow(0, ScreenLayout.fieldLabel("Kit"), new Label(r.kit().toString()));
        grid.addRow(1, ScreenLayout.fieldLabel("Size"), new Label(ScreenLayout.size(r.size())));
        grid.addRow(2, ScreenLayout.fieldLabel("Files"), new Label(r.payloadFiles() + " payload files, " + r.entries() + " entries"));
        grid.addRow(3, ScreenLayout.fieldLabel("SHA-256"), new Label(r.sha256()));
        Label signers = new Label(String.join("\n", r.signers()));
        signers.setId("wizard-signers");
        grid.addRow(4, ScreenLayout.fieldLabel(r.signers().size() == 1 ? "Signer" : "Signers"), signers);
        if (r.delta() != null) {
            BuildSummary.DeltaPart d = r.delta();
            Label kit = new Label(d.kit().toString());
            kit.setId("wizard-delta-kit");
            Label size = new Label(ScreenLayout.size(d.size()) + ", " + r.deltaShare() + " of the full kit");
            size.setId("wizard-delta-size");
            grid.addRow(5, ScreenLayout.fieldLabel("Delta kit"), kit);
            grid.addRow(6, ScreenLayout.fieldLabel("Delta size"), size);
            grid.addRow(7, ScreenLayout.fieldLabel("Delta from"), new Label(d.baseTitle() + ": " + d.patched()
                    + " patched, " + d.whole() + " whole, " + d.unchanged() + " unchanged payload files"));
            grid.addRow(8, ScreenLayout.fieldLabel("Delta SHA-256"), new Label(d.sha256()));
        }
        box.getChildren().addAll(title, grid);
    }

    // ---- small parts

    /** Shows a release by its title, and {@code none} for no release. */
    private static StringConverter<Release> releaseTitles(String none) {
        return new StringConverter<>() {
            @Override
            public String toString(Release r) {
                return r == null ? none : r.title();
            }

            @Override
            public Release fromString(String s) {
                return null;
            }
        };
    }

    private static GridPane form() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add(Styles.FORM_GRID);
        return grid;
    }

    private static Label errorLabel(StringProperty error) {
        Label l = new Label();
        l.getStyleClass().add(Styles.FIELD_ERROR);
        l.textProperty().bind(error);
        l.setWrapText(true);
        l.setMaxWidth(320);
        return l;
    }

    private static TextField text(String id, StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(22);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private TextField text(String id, StringProperty value, StringProperty error) {
        TextField field = text(id, value);
        markInvalid(field, error);
        return field;
    }

    private static void markInvalid(Node field, StringProperty error) {
        field.pseudoClassStateChanged(Styles.INVALID, !error.get().isEmpty());
        error.addListener((o, old, now) -> field.pseudoClassStateChanged(Styles.INVALID, !now.isEmpty()));
    }

    private static CheckBox check(String id, String text, javafx.beans.property.BooleanProperty value) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
        box.selectedProperty().bindBidirectional(value);
        return box;
    }

    private static TextField pathField(String id, ObjectProperty<Path> path) {
        TextField field = new TextField();
        field.setId(id);
        field.setEditable(false);
        field.setPrefColumnCount(40);
        field.textProperty().bind(Bindings.createStringBinding(() -> path.get() == null ? "" : path.get().toString(), path));
        return field;
    }

    public KitWizardViewModel model() {
        return model;
    }

    /** The artifact tree as shown. */
    public TreeView<String> tree() {
        return tree;
    }
}

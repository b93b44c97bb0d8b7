package io.patchbay.app.ui.matrix;

import io.patchbay.app.ui.Styles;
import io.patchbay.model.matrix.MatrixState;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckComboBox;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The Matrix screen: filter bar and actions, the grid, and a footer with counts. A thin view over {@link MatrixViewModel}. */
public final class MatrixView extends BorderPane {
    private static final String ALL_RINGS = "All rings";

    private final MatrixViewModel model;
    private final MatrixGrid grid;
    private final TextField search = new TextField();
    private final Label summary = new Label();
    private final Label selection = new Label();
    private final CellDetailPane detailPane;
    private final ContextMenu cellMenu;

    /** @param sourceNote shown in the footer to say where the data comes from, e.g. "demo data"; may be null */
    public MatrixView(MatrixViewModel model, String sourceNote) {
        this(model, sourceNote, null);
    }

    /** @param detail the detail pane's model for the cell under the cursor; null for none */
    public MatrixView(MatrixViewModel model, String sourceNote, CellDetailModel detail) {
        this.model = model;
        this.grid = new MatrixGrid(model);
        this.detailPane = detail == null ? null : new CellDetailPane(detail);
        setTop(createToolbar());
        setCenter(grid);
        setRight(detailPane);
        setBottom(createFooter(sourceNote));
        this.cellMenu = createCellMenu();
        grid.setCellMenu(cellMenu);
        initListeners();
    }

    /** The cells' context menu. */
    public ContextMenu cellMenu() {
        return cellMenu;
    }

    /** The detail pane, or null. */
    public CellDetailPane detailPane() {
        return detailPane;
    }

    /**
     * The cell's context menu: the four commands, Open site console and Show events, each enabled only where it
     * means something for the selection (see {@link CellCommand}).
     */
    private ContextMenu createCellMenu() {
        ContextMenu menu = new ContextMenu();
        menu.setId("matrix-cell-menu");
        for (CellCommand command : CellCommand.values()) {
            menu.getItems().add(menuItem(command.label(), "menu-" + command.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-'), model.enabledProperty(command), () -> model.run(command)));
        }
        menu.getItems().add(new SeparatorMenuItem());
        menu.getItems().add(menuItem("Open site console", "menu-open-console", model.canOpenConsoleProperty(),
                model::openSiteConsole));
        menu.getItems().add(menuItem("Show events", "menu-show-events", model.canShowEventsProperty(), model::showEvents));
        return menu;
    }

    private static MenuItem menuItem(String text, String id, javafx.beans.value.ObservableBooleanValue enabled,
                                     Runnable command) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.disableProperty().bind(javafx.beans.binding.Bindings.not(enabled));
        item.setOnAction(e -> command.run());
        return item;
    }

    public MatrixGrid grid() {
        return grid;
    }

    public TextField searchField() {
        return search;
    }

    private HBox createToolbar() {
        search.setPromptText("Search sites");
        search.setId("matrix-search");
        search.setPrefColumnCount(16);
        search.textProperty().bindBidirectional(model.searchTextProperty());

        ComboBox<String> ring = new ComboBox<>();
        ring.setId("matrix-ring");
        ring.getItems().add(ALL_RINGS);
        ring.getItems().addAll(model.rings());
        ring.setValue(ALL_RINGS);
        ring.valueProperty().addListener((o, old, value) ->
                model.ringFilterProperty().set(value == null || ALL_RINGS.equals(value) ? null : value));

        CheckComboBox<MatrixState> states = new CheckComboBox<>();
        states.setId("matrix-states");
        states.getItems().addAll(MatrixState.values());
        states.setConverter(new StringConverter<>() {
            @Override
            public String toString(MatrixState state) {
                return state == null ? "" : state.word();
            }

            @Override
            public MatrixState fromString(String word) {
                return null;
            }
        });
        states.setTitle("Any state");
        // Both ways: the user checks states here; commands (and tests) may set the model's filter.
        boolean[] syncing = {false};
        states.getCheckModel().getCheckedItems().addListener((ListChangeListener<MatrixState>) change -> {
            if (!syncing[0]) {
                List<MatrixState> checked = List.copyOf(states.getCheckModel().getCheckedItems());
                model.stateFilterProperty().set(checked.isEmpty() ? Set.of() : EnumSet.copyOf(checked));
            }
        });
        model.stateFilterProperty().addListener((o, old, wanted) -> {
            // Title first: the chooser's skin reads it when the checks change.
            states.setTitle(stateTitle());
            syncing[0] = true;
            try {
                for (MatrixState state : MatrixState.values()) {
                    if (wanted.contains(state) != states.getCheckModel().isChecked(state)) {
                        if (wanted.contains(state)) {
                            states.getCheckModel().check(state);
                        } else {
                            states.getCheckModel().clearCheck(state);
                        }
                    }
                }
            } finally {
                syncing[0] = false;
            }
        });

        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(new Label("Find"), search, ring, states, gap,
                action(CellCommand.DELIVER_NOW, "matrix-deliver-now"),
                action(CellCommand.RETRY, "matrix-retry"),
                new Separator(javafx.geometry.Orientation.VERTICAL),
                action(CellCommand.HOLD, "matrix-hold"),
                action(CellCommand.RELEASE_HOLD, "matrix-release-hold"));
        bar.getStyleClass().add(Styles.TOOLBAR_ROW);
        return bar;
    }

    private String stateTitle() {
        Set<MatrixState> wanted = model.stateFilterProperty().get();
        return wanted.isEmpty() ? "Any state" : wanted.size() == 1 ? wanted.iterator().next().word() : wanted.size() + " states";
    }

    private Button action(CellCommand command, String id) {
        Button button = new Button(command.label());
        button.setId(id);
        button.disableProperty().bind(model.enabledProperty(command).not());
        button.setOnAction(e -> model.run(command));
        return button;
    }

    private HBox createFooter(String sourceNote) {
        summary.setId("matrix-summary");
        selection.setId("matrix-selection");
        HBox footer = new HBox(summary, selection);
        if (sourceNote != null) {
            Label note = new Label(sourceNote);
            note.getStyleClass().add(Styles.MUTED);
            footer.getChildren().add(note);
        }
        footer.getStyleClass().add(Styles.MATRIX_FOOTER);
        return footer;
    }

    private void initListeners() {
        model.rowsProperty().addListener(o -> summary.setText(model.summary()));
        model.selectedCountProperty().addListener(o -> showSelection());
        summary.setText(model.summary());
        showSelection();
    }

    private void showSelection() {
        int count = model.selectedCountProperty().get();
        selection.setText(count == 0 ? "No cells selected (click or arrows)"
                : String.format("%,d %s selected", count, count == 1 ? "cell" : "cells"));
    }
}

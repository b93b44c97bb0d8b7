package io.patchbay.app.ui.matrix;

import io.patchbay.app.ui.DialogService;
import io.patchbay.app.ui.task.BackgroundTask;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.model.matrix.MatrixCell;
import io.patchbay.model.matrix.MatrixChange;
import io.patchbay.model.matrix.MatrixListener;
import io.patchbay.model.matrix.MatrixRelease;
import io.patchbay.model.matrix.MatrixSite;
import io.patchbay.model.matrix.MatrixSource;
import io.patchbay.model.matrix.MatrixState;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The site matrix's presentation model: sites down (grouped by ring), releases across. Holds the
 * filter, the shown rows, the selection and the commands; knows no JavaFX nodes, so it is tested
 * without a Stage. Rows are display rows of {@link #rowsProperty()}; columns are release indexes.
 *
 * <p>Live: cells changed in the source are announced to {@link #addCellListener} in batches on the UI
 * thread; nothing is reloaded. All methods are called on the UI thread.
 */
public final class MatrixViewModel {
    private final MatrixSource source;
    private final MatrixActions actions;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final CellText text;
    private final List<MatrixSite> sites;
    private final List<MatrixRelease> releases;
    private final List<String> rings;
    private final List<MatrixListener> cellListeners = new CopyOnWriteArrayList<>();
    private final MatrixSource.Subscription subscription;

    private MatrixIndex index;
    private CellSelection selection;

    // ---- Properties
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final ObjectProperty<String> ringFilter = new SimpleObjectProperty<>(this, "ringFilter");
    private final ObjectProperty<Set<MatrixState>> stateFilter = new SimpleObjectProperty<>(this, "stateFilter", Set.of());
    private final ReadOnlyObjectWrapper<MatrixRows> rows = new ReadOnlyObjectWrapper<>(this, "rows");
    private final ReadOnlyIntegerWrapper selectedCount = new ReadOnlyIntegerWrapper(this, "selectedCount");
    private final ReadOnlyBooleanWrapper hasSelection = new ReadOnlyBooleanWrapper(this, "hasSelection");
    private final ReadOnlyLongWrapper selectionVersion = new ReadOnlyLongWrapper(this, "selectionVersion");
    private final ReadOnlyObjectWrapper<CellRef> cursor = new ReadOnlyObjectWrapper<>(this, "cursor");
    private final java.util.Map<CellCommand, ReadOnlyBooleanWrapper> commandEnabled = new java.util.EnumMap<>(CellCommand.class);
    private final ReadOnlyBooleanWrapper canOpenConsole = new ReadOnlyBooleanWrapper(this, "canOpenConsole");
    private final ReadOnlyBooleanWrapper canShowEvents = new ReadOnlyBooleanWrapper(this, "canShowEvents");
    private CellNavigator navigator = CellNavigator.NONE;

    /**
     * @param uiThread runs a runnable on the UI thread ({@code Platform::runLater}; tests: {@code Runnable::run})
     * @param clock    now and the user's time zone, for the times shown in cells
     */
    public MatrixViewModel(MatrixSource source, MatrixActions actions, TaskExecutor tasks, DialogService dialogs,
                           Executor uiThread, Clock clock) {
        this.source = source;
        this.actions = actions;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.text = new CellText(clock);
        this.sites = List.copyOf(source.sites());
        this.releases = List.copyOf(source.releases());
        this.rings = List.copyOf(source.rings());
        for (CellCommand command : CellCommand.values()) {
            commandEnabled.put(command, new ReadOnlyBooleanWrapper(this, command.name()));
        }
        rebuild();
        searchText.addListener(o -> applyFilter());
        ringFilter.addListener(o -> applyFilter());
        stateFilter.addListener(o -> applyFilter());
        ChangeQueue queue = new ChangeQueue(uiThread, this::applyChanges);
        this.subscription = source.subscribe(queue::add);
    }

    // ---- Properties

    /** Shown sites' names contain this text (any case). */
    public StringProperty searchTextProperty() {
        return searchText;
    }

    /** Only this ring; null for every ring. */
    public ObjectProperty<String> ringFilterProperty() {
        return ringFilter;
    }

    /** Only sites with a cell in one of these states; empty for any state. Set a new set to change it. */
    public ObjectProperty<Set<MatrixState>> stateFilterProperty() {
        return stateFilter;
    }

    public ReadOnlyObjectProperty<MatrixRows> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    public MatrixRows rows() {
        return rows.get();
    }

    public ReadOnlyIntegerProperty selectedCountProperty() {
        return selectedCount.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasSelectionProperty() {
        return hasSelection.getReadOnlyProperty();
    }

    /** Changes whenever the selection does; views repaint the selection marks on it. */
    public ReadOnlyLongProperty selectionVersionProperty() {
        return selectionVersion.getReadOnlyProperty();
    }

    /** Whether the command means something for at least one selected cell (it is applied to those only). */
    public ReadOnlyBooleanProperty enabledProperty(CellCommand command) {
        return commandEnabled.get(command).getReadOnlyProperty();
    }

    /** One site is selected and the client can open its agent home. */
    public ReadOnlyBooleanProperty canOpenConsoleProperty() {
        return canOpenConsole.getReadOnlyProperty();
    }

    /** One cell with something to tell is selected, and there is an event log. */
    public ReadOnlyBooleanProperty canShowEventsProperty() {
        return canShowEvents.getReadOnlyProperty();
    }

    /** Where Open site console and Show events lead. */
    public void setNavigator(CellNavigator navigator) {
        this.navigator = navigator;
        updateCommands();
    }

    // ---- What the view shows

    /** How far a release got on every site it is meant for: "3/4 installed, 75%". */
    public Adoption releaseAdoption(int release) {
        return index.adoption(-1, release);
    }

    /** How far a release got in one ring, for the ring's band. */
    public Adoption ringAdoption(int ring, int release) {
        return index.adoption(ring, release);
    }

    /** Whether the release at a column was pulled (its header is marked). */
    public boolean releasePulled(int release) {
        return source.releasePulled(release);
    }

    public List<String> rings() {
        return rings;
    }

    public List<MatrixRelease> releases() {
        return releases;
    }

    public int releaseCount() {
        return releases.size();
    }

    public int siteCount() {
        return sites.size();
    }

    public MatrixSite site(int siteIndex) {
        return sites.get(siteIndex);
    }

    public MatrixState state(int site, int release) {
        return index.state(site, release);
    }

    public MatrixCell cell(int site, int release) {
        return source.cell(site, release);
    }

    /** The cell's words as the grid shows them, e.g. "sending 42%"; empty when not targeted. */
    public String cellText(int site, int release) {
        return text.shortText(source.cell(site, release));
    }

    public String tooltip(int site, int release) {
        return text.tooltip(sites.get(site), releases.get(release), source.cell(site, release));
    }

    /** A ring header row's words, e.g. "pilot · 12 of 200 sites". */
    public String ringHeaderText(int ring) {
        MatrixRows shown = rows.get();
        int total = shown.totalInRing(ring);
        int visible = shown.shownInRing(ring);
        String count = visible == total ? total + (total == 1 ? " site" : " sites")
                : visible + " of " + total + " sites";
        return rings.get(ring) + "  ·  " + count;
    }

    /** True when a state filter is on and this state is not in it: such cells are drawn faded. */
    public boolean isDimmed(MatrixState state) {
        Set<MatrixState> states = stateFilter.get();
        return !states.isEmpty() && !states.contains(state);
    }

    public boolean isSelected(int site, int release) {
        return selection.contains(site, release);
    }

    /** E.g. "1,234 of 10,000 sites · 100 releases". */
    public String summary() {
        return String.format("%,d of %s  ·  %s", rows.get().shownSites(), io.patchbay.app.ui.Words.count(sites.size(), "site"),
                io.patchbay.app.ui.Words.count(releases.size(), "release"));
    }

    /** Told on the UI thread about cells that changed in the source, after the filter caught up. */
    public void addCellListener(MatrixListener listener) {
        cellListeners.add(listener);
    }

    public void removeCellListener(MatrixListener listener) {
        cellListeners.remove(listener);
    }

    // ---- Commands: selection

    /** A click on a cell; a ring header row stands for all its shown sites. The cursor goes to a site's cell. */
    public void select(int row, int column, SelectMode mode) {
        if (row >= 0 && row < rows.get().size() && column >= 0 && column < releases.size()) {
            if (!rows.get().isRingHeader(row)) {
                cursor.set(new CellRef(rows.get().siteIndex(row), column));
            }
            selection.click(rows.get(), row, column, mode);
            selectionChanged();
        }
    }

    // ---- Commands: the keyboard's cell cursor

    /** The cell the keyboard works on, by site and release; null until a cell is clicked or a key moves it. */
    public ReadOnlyObjectProperty<CellRef> cursorProperty() {
        return cursor.getReadOnlyProperty();
    }

    /** The cursor's display row, or -1 when there is none or a filter hides its site. */
    public int cursorRow() {
        CellRef at = cursor.get();
        return at == null ? -1 : rows.get().rowOf(at.site());
    }

    /**
     * Moves the cursor by whole site rows (ring header rows are stepped over) and release columns, stopping
     * at the edges. With no cursor shown, a move puts it on the first site row from {@code fromRow} (the top of
     * the view) in the cursor's column, or {@code fromColumn} when it never had one. With a mode the cell it
     * lands on is selected as a click with that mode would (REPLACE: arrow keys, EXTEND: with Shift); with
     * null only the cursor moves.
     */
    public void moveCursor(int rowSteps, int columnSteps, int fromRow, int fromColumn, SelectMode mode) {
        MatrixRows shown = rows.get();
        if (shown.shownSites() == 0 || releases.isEmpty()) {
            return;
        }
        int row = cursorRow();
        int column = Math.max(0, Math.min(releases.size() - 1, cursor.get() == null ? fromColumn : cursor.get().release()));
        if (row < 0) {
            int from = Math.max(0, Math.min(shown.size() - 1, fromRow));
            row = siteRowFrom(shown, from, 1);
            row = row >= 0 ? row : siteRowFrom(shown, from, -1);
        } else {
            column = Math.max(0, Math.min(releases.size() - 1, column + columnSteps));
            int direction = Integer.signum(rowSteps);
            for (int i = 0; i < Math.abs(rowSteps); i++) {
                int next = siteRowFrom(shown, row + direction, direction);
                if (next < 0) {
                    break;
                }
                row = next;
            }
        }
        if (mode == null) {
            cursor.set(new CellRef(shown.siteIndex(row), column));
        } else {
            select(row, column, mode);
        }
    }

    /** Selects or unselects the cell under the cursor (Space). */
    public void toggleAtCursor() {
        int row = cursorRow();
        if (row >= 0) {
            select(row, cursor.get().release(), SelectMode.TOGGLE);
        }
    }

    /** The first site row from {@code row} in {@code direction}, or -1; a ring header is never a cursor's row. */
    private static int siteRowFrom(MatrixRows shown, int row, int direction) {
        for (int r = row; r >= 0 && r < shown.size(); r += direction) {
            if (!shown.isRingHeader(r)) {
                return r;
            }
        }
        return -1;
    }

    /** A click on a site name (or a ring header): every release of it. */
    public void selectRow(int row, SelectMode mode) {
        if (row >= 0 && row < rows.get().size() && !releases.isEmpty()) {
            selection.row(rows.get(), row, mode);
            selectionChanged();
        }
    }

    /** A click on a release header: that release on every shown site. */
    public void selectColumn(int column, SelectMode mode) {
        if (column >= 0 && column < releases.size()) {
            selection.column(rows.get(), column, mode);
            selectionChanged();
        }
    }

    public void selectAllShown() {
        selection.all(rows.get());
        selectionChanged();
    }

    public void clearSelection() {
        selection.clear();
        selectionChanged();
    }

    public List<CellRef> selectedCells() {
        return selection.cells();
    }

    // ---- Commands: actions on the selection

    public void deliverNow() {
        run(CellCommand.DELIVER_NOW);
    }

    public void retry() {
        run(CellCommand.RETRY);
    }

    public void hold() {
        run(CellCommand.HOLD);
    }

    public void releaseHold() {
        run(CellCommand.RELEASE_HOLD);
    }

    /** Runs the command on the selected cells it means something for; the others are left alone. */
    public void run(CellCommand command) {
        Consumer<List<CellRef>> action = switch (command) {
            case DELIVER_NOW -> actions::deliverNow;
            case RETRY -> actions::retry;
            case HOLD -> actions::hold;
            case RELEASE_HOLD -> actions::releaseHold;
        };
        runOnSelection(command.label(), selection.cells().stream()
                .filter(c -> command.appliesTo(index.state(c.site(), c.release()))).toList(), action);
    }

    /** Opens the selected site's agent home in the Site console. */
    public void openSiteConsole() {
        if (canOpenConsole.get()) {
            navigator.openConsole(sites.get(selection.cells().get(0).site()).name());
        }
    }

    /** Shows the event log of the selected cell. */
    public void showEvents() {
        if (canShowEvents.get()) {
            CellRef c = selection.cells().get(0);
            navigator.showEvents(releases.get(c.release()).label() + " -> " + sites.get(c.site()).name());
        }
    }

    /** Reads every cell again (F5); live changes never need this. */
    public void reload() {
        rebuild();
    }

    /** Stops following the source. */
    public void close() {
        subscription.close();
    }

    // ---- internals

    private void rebuild() {
        index = new MatrixIndex(source);
        selection = new CellSelection(releases.size());
        applyFilter();
        selectionChanged();
    }

    private void applyFilter() {
        MatrixRows shown = index.filter(new MatrixFilter(searchText.get(), ringFilter.get(), stateFilter.get()));
        rows.set(shown);
        dropHiddenFromSelection(shown);
    }

    private void dropHiddenFromSelection(MatrixRows shown) {
        if (selection.retainShown(shown)) {
            selectionChanged();
        }
    }

    private void applyChanges(List<MatrixChange> batch) {
        boolean refilter = false;
        boolean stateFiltered = !stateFilter.get().isEmpty();
        List<int[]> changed = new ArrayList<>();
        for (MatrixChange change : batch) {
            for (int i = 0; i < change.size(); i++) {
                int site = change.site(i);
                int release = change.release(i);
                if (site < 0 || site >= sites.size() || release < 0 || release >= releases.size()) {
                    continue;
                }
                boolean maskChanged = index.update(site, release, source.state(site, release));
                refilter |= stateFiltered && maskChanged;
                changed.add(new int[]{site, release});
            }
        }
        if (refilter) {
            applyFilter();
        }
        int[] changedSites = new int[changed.size()];
        int[] changedReleases = new int[changed.size()];
        for (int i = 0; i < changed.size(); i++) {
            changedSites[i] = changed.get(i)[0];
            changedReleases[i] = changed.get(i)[1];
        }
        MatrixChange merged = new MatrixChange(changedSites, changedReleases);
        updateCommands();
        cellListeners.forEach(listener -> listener.cellsChanged(merged));
    }

    private void runOnSelection(String verb, List<CellRef> cells, Consumer<List<CellRef>> action) {
        if (cells.isEmpty()) {
            return;
        }
        String what = verb + ": " + cells.size() + (cells.size() == 1 ? " cell" : " cells");
        BackgroundTask.ofVoid(what, context -> action.accept(cells))
                .onSuccess(done -> dialogs.notify(what))
                .onFailure(failure -> dialogs.showError(verb, failure))
                .executeWith(tasks);
    }

    private void selectionChanged() {
        int count = selection.count();
        selectedCount.set(count);
        hasSelection.set(count > 0);
        selectionVersion.set(selectionVersion.get() + 1);
        updateCommands();
    }

    /** Enables each command where it means something for the selection as it stands now. */
    private void updateCommands() {
        if (commandEnabled.isEmpty() || selection == null) {
            return;
        }
        List<CellRef> cells = selection.cells();
        java.util.EnumSet<MatrixState> present = java.util.EnumSet.noneOf(MatrixState.class);
        cells.forEach(c -> present.add(index.state(c.site(), c.release())));
        commandEnabled.forEach((command, enabled) -> enabled.set(present.stream().anyMatch(command::appliesTo)));
        boolean oneSite = !cells.isEmpty() && cells.stream().allMatch(c -> c.site() == cells.get(0).site());
        canOpenConsole.set(oneSite && navigator.hasConsole(sites.get(cells.get(0).site()).name()));
        canShowEvents.set(cells.size() == 1 && navigator.hasEvents() && !present.contains(MatrixState.NONE));
    }
}

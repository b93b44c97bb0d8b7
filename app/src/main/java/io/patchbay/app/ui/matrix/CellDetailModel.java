package io.patchbay.app.ui.matrix;

import io.patchbay.app.ui.Times;
import io.patchbay.app.ui.task.BackgroundTask;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.model.matrix.MatrixCell;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.Installation;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The matrix's detail pane for the cell under the cursor: its state and reason at once (from memory), then
 * what the workspace knows of it (every check row, the delivery's tries, installation attempts, the cell's
 * events, the next install chance when the model has it), read in a background task. Follows the cell live:
 * a change the matrix announces for it reads it again. No JavaFX nodes; tested without a Stage.
 */
public final class CellDetailModel {
    /** One check as the agent reported it last. */
    public record CheckLine(String check, String outcome, String reason, String at) {
    }

    /** One event of the cell. */
    public record EventLine(String at, String kind, String detail, String actor) {
    }

    private final MatrixViewModel matrix;
    private final CellDetails details;
    private final TaskExecutor tasks;
    private final ZoneId zone;
    private final Clock clock;

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyObjectWrapper<MatrixState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper(this, "stateText", "");
    private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper(this, "reason", "");
    private final ReadOnlyStringWrapper nextChance = new ReadOnlyStringWrapper(this, "nextChance", "");
    private final ReadOnlyStringWrapper sent = new ReadOnlyStringWrapper(this, "sent", "");
    private final ObservableList<CheckLine> checks = FXCollections.observableArrayList();
    private final ObservableList<String> attempts = FXCollections.observableArrayList();
    private final ObservableList<EventLine> events = FXCollections.observableArrayList();
    private CellRef shown;
    private boolean reading;
    private boolean readAgain;

    public CellDetailModel(MatrixViewModel matrix, CellDetails details, TaskExecutor tasks, ZoneId zone) {
        this(matrix, details, tasks, zone, Clock.systemUTC());
    }

    /** @param clock "now" for how far off the next install chance is ("in 9 h") */
    public CellDetailModel(MatrixViewModel matrix, CellDetails details, TaskExecutor tasks, ZoneId zone, Clock clock) {
        this.clock = clock;
        this.matrix = matrix;
        this.details = details;
        this.tasks = tasks;
        this.zone = zone;
        matrix.cursorProperty().addListener((o, old, now) -> show(now));
        matrix.addCellListener(change -> {
            for (int i = 0; i < change.size(); i++) {
                if (shown != null && change.site(i) == shown.site() && change.release(i) == shown.release()) {
                    show(shown);
                    return;
                }
            }
        });
        show(matrix.cursorProperty().get());
    }

    /** "alpha (pilot) · Spruce 12.10.11", or a hint while no cell is chosen. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MatrixState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The cell's words, e.g. "retrying 14:05". */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty reasonProperty() {
        return reason.getReadOnlyProperty();
    }

    /** Which kit the delivery carried ("delta Spruce-12.10.10-12.10.11.delta.kit", "full kit ..."), or empty. */
    public ReadOnlyStringProperty sentProperty() {
        return sent.getReadOnlyProperty();
    }

    /**
     * "2026-12-02 22:00:00 CET (window 22:00-04:00)", or empty while the workspace does not know the agent's
     * next install chance for this cell (the pane then hides the row).
     */
    public ReadOnlyStringProperty nextChanceProperty() {
        return nextChance.getReadOnlyProperty();
    }

    public ObservableList<CheckLine> checks() {
        return checks;
    }

    /** The delivery's tries and the installation attempts, one line each. */
    public ObservableList<String> attempts() {
        return attempts;
    }

    public ObservableList<EventLine> events() {
        return events;
    }

    /** The cell shown, or null. */
    public CellRef shown() {
        return shown;
    }

    private void show(CellRef at) {
        shown = at;
        if (at == null) {
            title.set("Choose a cell to see its details");
            state.set(null);
            stateText.set("");
            reason.set("");
            sent.set("");
            nextChance.set("");
            checks.clear();
            attempts.clear();
            events.clear();
            return;
        }
        var site = matrix.site(at.site());
        title.set(site.name() + " (" + site.ring() + ")  ·  " + matrix.releases().get(at.release()).label());
        MatrixCell cell = matrix.cell(at.site(), at.release());
        state.set(cell.state());
        stateText.set(cell.state() == MatrixState.NONE ? "not targeted" : matrix.cellText(at.site(), at.release()));
        reason.set(cell.reason() == null ? "" : cell.reason());
        sent.set(cell.sent() == null ? "" : cell.sent());
        read(at);
    }

    private void read(CellRef at) {
        if (reading) {
            readAgain = true;
            return;
        }
        reading = true;
        BackgroundTask.of("Read the cell's details", ctx -> details.read(at.site(), at.release()))
                .onSuccess(d -> {
                    if (Objects.equals(at, shown)) {
                        fill(d);
                    }
                })
                .onFailure(f -> attempts.setAll("cannot read the details: " + f.getMessage()))
                .onFinished(() -> {
                    reading = false;
                    if (readAgain || !Objects.equals(at, shown)) {
                        readAgain = false;
                        if (shown != null) {
                            read(shown);
                        }
                    }
                })
                .executeWith(tasks);
    }

    private void fill(CellDetail d) {
        // In the site's zone and the viewer's, how far off, and the rule that decides it.
        nextChance.set(d.nextChance() == null ? "" : d.nextChance().describe(zone, clock.instant()));
        checks.setAll(d.checks().stream().map(c -> new CheckLine(c.check(), c.outcome().name().toLowerCase(java.util.Locale.ROOT),
                c.reason() == null ? "" : c.reason(), Times.at(c.at(), zone))).toList());
        List<String> lines = new ArrayList<>();
        Delivery delivery = d.delivery();
        if (delivery != null) {
            lines.add("delivery: " + delivery.state().word() + ", " + delivery.attempts()
                    + (delivery.attempts() == 1 ? " try" : " tries")
                    + (delivery.lastError() == null ? "" : "; last error: " + delivery.lastError())
                    + (delivery.nextTryAt() == null || delivery.state().isFinal() ? "" : "; next try " + Times.at(delivery.nextTryAt(), zone)));
        }
        for (Installation i : d.installations()) {
            lines.add("install #" + i.attempt() + " (" + i.trigger() + "): " + i.state().word() + " "
                    + Times.at(i.finishedAt() != null ? i.finishedAt() : i.startedAt(), zone)
                    + (i.reason() == null ? "" : "; " + i.reason()));
        }
        attempts.setAll(lines);
        events.setAll(d.events().stream().map(e -> new EventLine(Times.at(e.at(), zone), e.kind(),
                e.detail() == null ? "" : e.detail(), e.actor())).toList());
    }
}

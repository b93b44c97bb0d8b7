package io.patchbay.app.ui.reports;

import io.patchbay.app.report.ReportCharts;
import io.patchbay.app.report.ReportData;
import io.patchbay.app.report.ReportKind;
import io.patchbay.app.report.ReportTables;
import io.patchbay.app.report.SummaryTable;
import io.patchbay.app.ui.DialogService;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.BackgroundTask;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.workspace.EventQuery;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The Reports screen: over a date range, charts (adoption over time per release, installations by ring, the
 * versions sites run, failures and rollbacks by reason), the per-release and per-site tables with totals, and
 * the event log with filters by kind and subject. Exports as CSV, HTML (with its charts) or JSON, the same as
 * {@code patchbay report}.
 */
public final class ReportsViewModel {
    /** The event kinds offered in the filter: families first (a prefix ending in a dot), then exact kinds. */
    public static final List<String> KINDS = List.of("", "release.", "site.", "rollout.", "delivery.", "patch.",
            "delivery.delivered", "delivery.retrying", "delivery.rejected", "patch.reported");
    /** The event log's tab index on the Reports screen. */
    public static final int EVENTS_TAB = 3;

    private final WorkspaceSession session;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final ZoneId zone;
    private final ReadOnlyObjectWrapper<ReportData> data = new ReadOnlyObjectWrapper<>(this, "data");
    private final ObjectProperty<SummaryTable> byRelease = new SimpleObjectProperty<>(this, "byRelease",
            new SummaryTable("Releases", List.of("Release"), List.of(), false));
    private final ObjectProperty<SummaryTable> bySite = new SimpleObjectProperty<>(this, "bySite",
            new SummaryTable("Sites", List.of("Site"), List.of(), false));
    private final ObjectProperty<SummaryTable> deltas = new SimpleObjectProperty<>(this, "deltas",
            new SummaryTable("Deltas", List.of("Release"), List.of(), false));
    private final ObservableList<ReportCharts.Series> adoption = FXCollections.observableArrayList();
    private final ObservableList<ReportCharts.Series> byRing = FXCollections.observableArrayList();
    private final ObservableList<ReportCharts.Bar> versions = FXCollections.observableArrayList();
    private final ObservableList<ReportCharts.Bar> failures = FXCollections.observableArrayList();
    private final ObservableList<EventRow> events = FXCollections.observableArrayList();
    private final StringProperty kindFilter = new SimpleStringProperty(this, "kindFilter", "");
    private final StringProperty subjectFilter = new SimpleStringProperty(this, "subjectFilter", "");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>(this, "from");
    private final ObjectProperty<LocalDate> until = new SimpleObjectProperty<>(this, "until");
    private final StringProperty eventSummary = new SimpleStringProperty(this, "eventSummary", "");
    private final StringProperty rangeError = new SimpleStringProperty(this, "rangeError", "");
    private final ObjectProperty<Integer> tab = new SimpleObjectProperty<>(this, "tab", 0);

    public ReportsViewModel(WorkspaceSession session, TaskExecutor tasks, DialogService dialogs, ZoneId zone) {
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** What the charts and tables were made from; null until read. */
    public ReadOnlyObjectProperty<ReportData> dataProperty() {
        return data.getReadOnlyProperty();
    }

    public ObjectProperty<SummaryTable> byReleaseProperty() {
        return byRelease;
    }

    public ObjectProperty<SummaryTable> bySiteProperty() {
        return bySite;
    }

    /** Per release: deltas sent, applied, fallen back to the full kit, and why. */
    public ObjectProperty<SummaryTable> deltasProperty() {
        return deltas;
    }

    public ObservableList<ReportCharts.Series> adoption() {
        return adoption;
    }

    public ObservableList<ReportCharts.Series> byRing() {
        return byRing;
    }

    public ObservableList<ReportCharts.Bar> versions() {
        return versions;
    }

    public ObservableList<ReportCharts.Bar> failures() {
        return failures;
    }

    public ObservableList<EventRow> events() {
        return events;
    }

    public StringProperty kindFilterProperty() {
        return kindFilter;
    }

    public StringProperty subjectFilterProperty() {
        return subjectFilter;
    }

    /** The range's first day (in the person's zone), or null for since the start. */
    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    /** The range's last day, included, or null for until now. */
    public ObjectProperty<LocalDate> untilProperty() {
        return until;
    }

    public StringProperty eventSummaryProperty() {
        return eventSummary;
    }

    /** Why the range was refused, or empty. */
    public StringProperty rangeErrorProperty() {
        return rangeError;
    }

    /** Which tab the Reports screen shows; Show events (matrix) turns it to the event log. */
    public ObjectProperty<Integer> tabProperty() {
        return tab;
    }

    /** Reads the workspace over the range: charts and tables. */
    public void refreshSummaries() {
        if (!rangeIsValid()) {
            return;
        }
        LocalDate first = from.get();
        LocalDate last = until.get();
        BackgroundTask.of("Read the reports", ctx -> ReportData.read(session.workspace(), zone, first, last, Instant.now()))
                .onSuccess(d -> {
                    data.set(d);
                    byRelease.set(ReportTables.releases(d));
                    bySite.set(ReportTables.sites(d));
                    deltas.set(ReportTables.deltas(d));
                    adoption.setAll(ReportCharts.adoptionByRelease(d));
                    byRing.setAll(ReportCharts.installedByRing(d));
                    versions.setAll(ReportCharts.versionDistribution(d));
                    failures.setAll(ReportCharts.failuresByReason(d));
                })
                .onFailure(f -> dialogs.showError("Reports", f))
                .executeWith(tasks);
    }

    /** Charts, tables and the event log again, over the range as it stands. */
    public void refresh() {
        refreshSummaries();
        refreshEvents();
    }

    /** Lists the events the filters let through, newest first. */
    public void refreshEvents() {
        if (!rangeIsValid()) {
            return;
        }
        EventQuery query = query();
        BackgroundTask.of("Read the event log", ctx -> session.workspace().events().find(query))
                .onSuccess(found -> {
                    events.setAll(found.stream().map(e -> EventRow.of(e, zone)).toList());
                    eventSummary.set(found.size() + (found.size() == query.limit() ? "+ events (showing the newest "
                            + query.limit() + ")" : found.size() == 1 ? " event" : " events"));
                })
                .onFailure(f -> dialogs.showError("Event log", f))
                .executeWith(tasks);
    }

    private boolean rangeIsValid() {
        if (from.get() != null && until.get() != null && until.get().isBefore(from.get())) {
            rangeError.set("the date range ends (" + until.get() + ") before it starts (" + from.get() + ")");
            return false;
        }
        rangeError.set("");
        return true;
    }

    EventQuery query() {
        EventQuery q = EventQuery.all();
        String kind = kindFilter.get() == null ? "" : kindFilter.get().strip();
        if (!kind.isEmpty()) {
            q = q.kind(kind);
        }
        String subject = subjectFilter.get() == null ? "" : subjectFilter.get().strip();
        if (!subject.isEmpty()) {
            q = q.subject(subject);
        }
        Instant start = from.get() == null ? null : from.get().atStartOfDay(zone).toInstant();
        Instant end = until.get() == null ? null : until.get().plusDays(1).atStartOfDay(zone).toInstant();
        return q.between(start, end);
    }

    /** The event log of one subject ("Spruce 12.10.11 -> alpha"), every kind and time. */
    public void showEventsOf(String subject) {
        kindFilter.set("");
        from.set(null);
        until.set(null);
        subjectFilter.set(subject);
        tab.set(EVENTS_TAB);
        refreshEvents();
    }

    public void clearEventFilters() {
        kindFilter.set("");
        subjectFilter.set("");
        refreshEvents();
    }

    /** Clears the date range: all time. */
    public void clearRange() {
        from.set(null);
        until.set(null);
        refresh();
    }

    /** Asks where, then writes the report (atomically, off the FX thread), as {@code patchbay report} would. */
    public void export(ReportKind kind, ReportKind.Format format) {
        ReportData d = data.get();
        if (d == null) {
            dialogs.showError("Export", "the report is still being read: try again in a moment");
            return;
        }
        dialogs.chooseSaveFile("Export " + kind.fileName(format), session.workspace().dir(), kind.fileName(format))
                .ifPresent(file -> write(file, kind, d, format));
    }

    private void write(Path file, ReportKind kind, ReportData d, ReportKind.Format format) {
        BackgroundTask.ofVoid("Export " + file.getFileName(), ctx -> AtomicFiles.write(file,
                        kind.render(d, format).getBytes(StandardCharsets.UTF_8)))
                .onSuccess(v -> dialogs.notify("Wrote " + file))
                .onFailure(f -> dialogs.showError("Export", f))
                .executeWith(tasks);
    }

}

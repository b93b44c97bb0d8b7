package io.patchbay.app.ui.reports;

import io.patchbay.app.ui.DialogService;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.BackgroundTask;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.workspace.EventQuery;
import io.patchbay.model.workspace.MatrixCell;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;
import javafx.beans.property.ObjectProperty;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reports per release and per site (counts of sites by state group), exported as CSV or HTML, and the
 * event log with filters by kind, subject and time range.
 */
public final class ReportsViewModel {
    /** The event kinds offered in the filter: families first (a prefix ending in a dot), then exact kinds. */
    public static final List<String> KINDS = List.of("", "release.", "site.", "rollout.", "delivery.", "patch.",
            "delivery.delivered", "delivery.retrying", "delivery.rejected", "patch.reported");

    /** Which summary a command works on. */
    public enum Kind { RELEASES, SITES }

    private final WorkspaceSession session;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final ZoneId zone;
    private final ObjectProperty<SummaryTable> byRelease = new SimpleObjectProperty<>(this, "byRelease",
            new SummaryTable("Releases", header("Release"), List.of()));
    private final ObjectProperty<SummaryTable> bySite = new SimpleObjectProperty<>(this, "bySite",
            new SummaryTable("Sites", header("Site"), List.of()));
    private final ObservableList<EventRow> events = FXCollections.observableArrayList();
    private final StringProperty kindFilter = new SimpleStringProperty(this, "kindFilter", "");
    private final StringProperty subjectFilter = new SimpleStringProperty(this, "subjectFilter", "");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>(this, "from");
    private final ObjectProperty<LocalDate> until = new SimpleObjectProperty<>(this, "until");
    private final StringProperty eventSummary = new SimpleStringProperty(this, "eventSummary", "");

    public ReportsViewModel(WorkspaceSession session, TaskExecutor tasks, DialogService dialogs, ZoneId zone) {
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.zone = zone;
    }

    private static List<String> header(String first) {
        List<String> h = new ArrayList<>();
        h.add(first);
        h.addAll(StateGroups.HEADER);
        return h;
    }

    public ObjectProperty<SummaryTable> byReleaseProperty() {
        return byRelease;
    }

    public ObjectProperty<SummaryTable> bySiteProperty() {
        return bySite;
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

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> untilProperty() {
        return until;
    }

    public StringProperty eventSummaryProperty() {
        return eventSummary;
    }

    /** Reads the matrix once and counts it per release and per site. */
    public void refreshSummaries() {
        BackgroundTask.of("Summarise releases and sites", ctx -> {
                    var ws = session.workspace();
                    List<Release> releases = ws.releases().list();
                    List<Site> sites = ws.sites().list();
                    List<MatrixCell> cells = ws.matrix().cells();
                    Map<Long, Release> byId = releases.stream().collect(Collectors.toMap(Release::id, Function.identity()));
                    Map<Long, String> titles = releases.stream().collect(Collectors.toMap(Release::id, Release::title));
                    String stamp = " (" + Instant.now().atZone(zone).toLocalDateTime().withNano(0) + ")";
                    return List.of(
                            new SummaryTable("Patchbay releases" + stamp, header("Release"), StateGroups.rows(
                                    releases.stream().map(Release::title).toList(), cells,
                                    c -> titles.getOrDefault(c.releaseId(), c.releaseTitle()), byId)),
                            new SummaryTable("Patchbay sites" + stamp, header("Site"), StateGroups.rows(
                                    sites.stream().map(Site::name).toList(), cells, MatrixCell::siteName, byId)));
                })
                .onSuccess(tables -> {
                    byRelease.set(tables.get(0));
                    bySite.set(tables.get(1));
                })
                .onFailure(f -> dialogs.showError("Reports", f))
                .executeWith(tasks);
    }

    /** Lists the events the filters let through, newest first. */
    public void refreshEvents() {
        EventQuery query;
        try {
            query = query();
        } catch (PatchbayException e) {
            dialogs.showError("Event log", e);
            return;
        }
        BackgroundTask.of("Read the event log", ctx -> session.workspace().events().find(query))
                .onSuccess(found -> {
                    events.setAll(found.stream().map(e -> EventRow.of(e, zone)).toList());
                    eventSummary.set(found.size() + (found.size() == query.limit() ? "+ events (showing the newest "
                            + query.limit() + ")" : found.size() == 1 ? " event" : " events"));
                })
                .onFailure(f -> dialogs.showError("Event log", f))
                .executeWith(tasks);
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
        if (start != null && end != null && !start.isBefore(end)) {
            throw new PatchbayException("the time range ends before it starts");
        }
        return q.between(start, end);
    }

    public void clearEventFilters() {
        kindFilter.set("");
        subjectFilter.set("");
        from.set(null);
        until.set(null);
        refreshEvents();
    }

    /** Asks where, then writes the summary as CSV or HTML (atomically, off the FX thread). */
    public void export(Kind kind, boolean html) {
        SummaryTable table = kind == Kind.RELEASES ? byRelease.get() : bySite.get();
        String name = (kind == Kind.RELEASES ? "releases" : "sites") + (html ? ".html" : ".csv");
        dialogs.chooseSaveFile("Export " + name, session.workspace().dir(), name)
                .ifPresent(file -> write(file, html ? table.toHtml() : table.toCsv()));
    }

    private void write(Path file, String text) {
        BackgroundTask.ofVoid("Export " + file.getFileName(),
                        ctx -> AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8)))
                .onSuccess(v -> dialogs.notify("Wrote " + file))
                .onFailure(f -> dialogs.showError("Export", f))
                .executeWith(tasks);
    }
}

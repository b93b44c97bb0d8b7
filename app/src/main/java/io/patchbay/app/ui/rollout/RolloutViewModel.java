package io.patchbay.app.ui.rollout;

import io.patchbay.app.ui.DialogService;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.releases.PullRelease;
import io.patchbay.app.ui.task.BackgroundTask;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.app.ui.workspace.WorkspaceMatrixSource;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.workspace.DailyQuota;
import io.patchbay.model.workspace.Event;
import io.patchbay.model.workspace.EventKind;
import io.patchbay.model.workspace.EventQuery;
import io.patchbay.model.workspace.MatrixCell;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Rollout;
import io.patchbay.model.workspace.RolloutState;
import io.patchbay.model.workspace.Site;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rollout screen: choose a release, start a rollout to chosen sites (or whole rings) with the rings'
 * wave order and an optional daily quota, pause and resume it, pull the release; and, for the chosen
 * release, the totals per state and the progress over time from the event log.
 */
public final class RolloutViewModel {
    private final WorkspaceSession session;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final Runnable changed;

    private final ObservableList<Release> releases = FXCollections.observableArrayList();
    private final ObjectProperty<Release> release = new SimpleObjectProperty<>(this, "release");
    private final ObservableList<SiteChoice> sites = FXCollections.observableArrayList();
    private final ObservableList<String> rings = FXCollections.observableArrayList();
    private final StringProperty ringOrder = new SimpleStringProperty(this, "ringOrder", "");
    private final StringProperty quotaFirstDay = new SimpleStringProperty(this, "quotaFirstDay", "");
    private final StringProperty quotaGrowth = new SimpleStringProperty(this, "quotaGrowth", "");
    private final StringProperty formError = new SimpleStringProperty(this, "formError", "");
    private final ObservableList<Rollout> rollouts = FXCollections.observableArrayList();
    private final ObjectProperty<Rollout> rollout = new SimpleObjectProperty<>(this, "rollout");
    private final ObservableList<StateTotal> totals = FXCollections.observableArrayList();
    private final ObservableList<ProgressPoint> progress = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final javafx.beans.property.IntegerProperty sitesInRelease =
            new javafx.beans.property.SimpleIntegerProperty(this, "sitesInRelease");
    private Long wanted;
    private boolean reading;
    private boolean readAgain;

    public RolloutViewModel(WorkspaceSession session, TaskExecutor tasks, DialogService dialogs, Runnable changed) {
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.changed = changed;
        release.addListener((o, old, now) -> refreshRelease());
    }

    public ObservableList<Release> releases() {
        return releases;
    }

    public ObjectProperty<Release> releaseProperty() {
        return release;
    }

    public ObservableList<SiteChoice> sites() {
        return sites;
    }

    public ObservableList<String> rings() {
        return rings;
    }

    public StringProperty ringOrderProperty() {
        return ringOrder;
    }

    public StringProperty quotaFirstDayProperty() {
        return quotaFirstDay;
    }

    public StringProperty quotaGrowthProperty() {
        return quotaGrowth;
    }

    public StringProperty formErrorProperty() {
        return formError;
    }

    public ObservableList<Rollout> rollouts() {
        return rollouts;
    }

    public ObjectProperty<Rollout> rolloutProperty() {
        return rollout;
    }

    public ObservableList<StateTotal> totals() {
        return totals;
    }

    public ObservableList<ProgressPoint> progress() {
        return progress;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    /** How many sites the release is meant for (queued, delivered, installed...): the chart's height. */
    public javafx.beans.property.ReadOnlyIntegerProperty sitesInReleaseProperty() {
        return sitesInRelease;
    }

    private record Choices(List<Release> releases, List<Site> sites) {
    }

    /** Reads releases and sites; keeps the chosen release (or the one asked for by {@link #select}). */
    public void refresh() {
        BackgroundTask.of("Read releases and sites", ctx -> new Choices(session.workspace().releases().list(),
                        session.workspace().sites().list()))
                .onSuccess(c -> {
                    Long keep = wanted != null ? wanted : release.get() == null ? null : release.get().id();
                    wanted = null;
                    List<Release> newestFirst = new ArrayList<>(c.releases());
                    newestFirst.sort(Comparator.comparing(Release::releasedAt).reversed());
                    releases.setAll(newestFirst);
                    Set<String> before = sites.stream().filter(s -> s.selected().get()).map(SiteChoice::name)
                            .collect(Collectors.toSet());
                    sites.setAll(c.sites().stream().map(s -> SiteChoice.of(s.name(), s.ring())).toList());
                    sites.forEach(s -> s.selected().set(before.contains(s.name())));
                    List<String> ringList = new ArrayList<>(WorkspaceMatrixSource.RING_ORDER.stream()
                            .filter(r -> c.sites().stream().anyMatch(s -> s.ring().equals(r))).toList());
                    c.sites().stream().map(Site::ring).filter(r -> !ringList.contains(r)).distinct().sorted()
                            .forEach(ringList::add);
                    if (!rings.equals(ringList)) { // an equal list would rebuild the ring buttons under a pointer on every refresh
                        rings.setAll(ringList);
                    }
                    if (ringOrder.get().isBlank()) {
                        ringOrder.set(String.join(", ", ringList));
                    }
                    Release chosen = releases.stream().filter(r -> keep != null && r.id() == keep).findFirst()
                            .orElse(releases.isEmpty() ? null : releases.get(0));
                    if (chosen != null && release.get() != null && chosen.id() == release.get().id()) {
                        release.set(chosen);
                        refreshRelease();
                    } else {
                        release.set(chosen);
                    }
                })
                .onFailure(f -> dialogs.showError("Rollout", f))
                .executeWith(tasks);
    }

    /** Chooses the release to work on (e.g. just built by the wizard). */
    public void select(Release r) {
        wanted = r.id();
        refresh();
    }

    /** Selects every site of the ring (or clears them when all were selected). */
    public void toggleRing(String ring) {
        List<SiteChoice> inRing = sites.stream().filter(s -> s.ring().equals(ring)).toList();
        boolean all = inRing.stream().allMatch(s -> s.selected().get());
        inRing.forEach(s -> s.selected().set(!all));
    }

    public void selectAllSites(boolean value) {
        sites.forEach(s -> s.selected().set(value));
    }

    private record ReleaseState(List<Rollout> rollouts, List<MatrixCell> cells, List<Event> events) {
    }

    /**
     * The workspace changed these releases' cells (the matrix's pass saw it): the chosen release is read
     * again, so totals and chart follow the outbox and the agents without Refresh. While a read runs, further
     * changes ask for one more read after it, never a pile of them.
     */
    public void cellsChanged(Set<Long> releaseIds) {
        Release r = release.get();
        if (r != null && releaseIds.contains(r.id())) {
            refreshRelease();
        }
    }

    /** Reads the chosen release's rollouts, cells and events: totals and the progress chart. */
    public void refreshRelease() {
        Release r = release.get();
        if (r == null) {
            rollouts.clear();
            totals.clear();
            progress.clear();
            sitesInRelease.set(0);
            summary.set("");
            return;
        }
        if (reading) {
            readAgain = true;
            return;
        }
        reading = true;
        BackgroundTask.of("Read the progress of " + r.title(), ctx -> {
                    var ws = session.workspace();
                    List<Rollout> mine = ws.rollouts().list().stream().filter(x -> x.releaseId() == r.id()).toList();
                    List<MatrixCell> cells = ws.matrix().cells().stream().filter(c -> c.releaseId() == r.id()).toList();
                    List<Event> events = ws.events().find(EventQuery.all().subject(r.title() + " -> ")
                            .limit(100_000));
                    return new ReleaseState(mine, cells, events);
                })
                .onSuccess(s -> {
                    if (release.get() == null || release.get().id() != r.id()) {
                        return; // another release was chosen meanwhile: its own read follows
                    }
                    Long keep = rollout.get() == null ? null : rollout.get().id();
                    rollouts.setAll(s.rollouts());
                    rollout.set(rollouts.stream().filter(x -> keep != null && x.id() == keep).findFirst()
                            .orElse(rollouts.isEmpty() ? null : rollouts.get(0)));
                    totals.setAll(totals(s.cells(), r));
                    progress.setAll(progress(s.events()));
                    int sites = totals.stream().mapToInt(StateTotal::count).sum();
                    sitesInRelease.set(sites);
                    summary.set(r.title() + (r.pulled() ? " (pulled: " + r.pulledReason() + ")" : "") + ": " + sites
                            + (sites == 1 ? " site" : " sites") + ", " + s.rollouts().size()
                            + (s.rollouts().size() == 1 ? " rollout" : " rollouts"));
                })
                .onFailure(f -> dialogs.showError("Rollout", f))
                .onFinished(() -> {
                    reading = false;
                    if (readAgain) {
                        readAgain = false;
                        refreshRelease();
                    }
                })
                .executeWith(tasks);
    }

    static List<StateTotal> totals(List<MatrixCell> cells, Release r) {
        Map<MatrixState, Integer> counts = new EnumMap<>(MatrixState.class);
        for (MatrixCell c : cells) {
            counts.merge(c.state(), 1, Integer::sum);
        }
        return counts.entrySet().stream().map(e -> new StateTotal(e.getKey(), e.getValue())).toList();
    }

    /**
     * Running counts of distinct sites over time: delivered (a delivery arrived), installed (the agent
     * reported installed or up to date), failed (failed, rolled back, or the kit was rejected).
     */
    static List<ProgressPoint> progress(List<Event> newestFirst) {
        List<Event> events = new ArrayList<>(newestFirst);
        events.sort(Comparator.comparing(Event::at).thenComparingLong(Event::id));
        Set<String> delivered = new HashSet<>();
        Set<String> installed = new HashSet<>();
        Set<String> failed = new HashSet<>();
        List<ProgressPoint> points = new ArrayList<>();
        for (Event e : events) {
            String site = e.subject().substring(e.subject().lastIndexOf(" -> ") + 4);
            String detail = e.detail() == null ? "" : e.detail();
            boolean counted;
            if (e.kind().equals(EventKind.DELIVERY_DELIVERED)) {
                counted = delivered.add(site);
            } else if (e.kind().equals(EventKind.DELIVERY_REJECTED)) {
                counted = failed.add(site);
            } else if (e.kind().equals(EventKind.PATCH_REPORTED)) {
                if (detail.startsWith("installed") || detail.startsWith("up to date")) {
                    counted = installed.add(site) | failed.remove(site);
                } else if (detail.startsWith("failed") || detail.startsWith("rolled back") || detail.startsWith("rejected")) {
                    counted = failed.add(site);
                } else {
                    counted = false;
                }
            } else {
                counted = false;
            }
            if (counted) {
                points.add(new ProgressPoint(e.at(), delivered.size(), installed.size(), failed.size()));
            }
        }
        return points;
    }

    /** Starts a rollout of the chosen release to the chosen sites; false with the form error when refused. */
    public boolean start() {
        Release r = release.get();
        List<String> targets = sites.stream().filter(s -> s.selected().get()).map(SiteChoice::name).toList();
        List<String> order;
        DailyQuota quota;
        try {
            if (r == null) {
                throw new PatchbayException("choose the release to roll out");
            }
            if (targets.isEmpty()) {
                throw new PatchbayException("choose at least one site (or a whole ring)");
            }
            order = ringOrder();
            quota = quota();
        } catch (PatchbayException e) {
            formError.set(e.getMessage());
            return false;
        }
        formError.set("");
        BackgroundTask.of("Start rollout of " + r.title(),
                        ctx -> session.workspace().rollouts().start(r.id(), targets, order, quota, session.person()))
                .onSuccess(started -> {
                    dialogs.notify("Started rollout of " + r.title() + " to " + targets.size()
                            + (targets.size() == 1 ? " site" : " sites"));
                    changed.run();
                    refreshRelease();
                })
                .onFailure(f -> dialogs.showError("Start rollout", f))
                .executeWith(tasks);
        return true;
    }

    List<String> ringOrder() {
        LinkedHashSet<String> order = new LinkedHashSet<>();
        for (String ring : ringOrder.get().split("[,\\s]+")) {
            if (!ring.isBlank()) {
                order.add(ring.strip());
            }
        }
        return List.copyOf(order);
    }

    DailyQuota quota() {
        String first = quotaFirstDay.get() == null ? "" : quotaFirstDay.get().strip();
        String growth = quotaGrowth.get() == null ? "" : quotaGrowth.get().strip();
        if (first.isEmpty() && growth.isEmpty()) {
            return null;
        }
        try {
            return new DailyQuota(Integer.parseInt(first), growth.isEmpty() ? 0 : Integer.parseInt(growth));
        } catch (NumberFormatException e) {
            throw new PatchbayException("daily quota: whole numbers of sites, e.g. 5 on the first day and 10 more a day");
        } catch (IllegalArgumentException e) {
            throw new PatchbayException("daily quota: " + e.getMessage());
        }
    }

    public void pause() {
        change("Pause", (ws, id) -> ws.rollouts().pause(id, session.person()));
    }

    public void resume() {
        change("Resume", (ws, id) -> ws.rollouts().resume(id, session.person()));
    }

    private interface RolloutChange {
        Rollout apply(io.patchbay.model.workspace.Workspace ws, long id);
    }

    private void change(String verb, RolloutChange action) {
        Rollout r = rollout.get();
        if (r == null) {
            return;
        }
        BackgroundTask.of(verb + " rollout of " + r.releaseTitle(), ctx -> action.apply(session.workspace(), r.id()))
                .onSuccess(done -> {
                    dialogs.notify("Rollout of " + done.releaseTitle() + " " + done.state().word());
                    changed.run();
                    refreshRelease();
                })
                .onFailure(f -> dialogs.showError(verb + " rollout", f))
                .executeWith(tasks);
    }

    /** Pulls the chosen release after asking why and for the signing key (see {@link PullRelease}). */
    public void pull() {
        Release r = release.get();
        if (r == null || (r.pulled() && r.pullNoticeSigned())) {
            return;
        }
        PullRelease.ask(r, session, dialogs, tasks, p -> {
            changed.run();
            refresh();
        });
    }

    /** "running", "paused", "done" of the chosen rollout, for enabling Pause and Resume. */
    public boolean canPause() {
        return rollout.get() != null && rollout.get().state() == RolloutState.RUNNING;
    }

    public boolean canResume() {
        return rollout.get() != null && rollout.get().state() == RolloutState.PAUSED;
    }

    static String describe(Rollout r) {
        return "#" + r.id() + " " + r.state().word() + ", rings " + String.join(" > ", r.ringOrder())
                + (r.quota() == null ? "" : ", quota " + r.quota().firstDay() + " + " + r.quota().growthPerDay() + "/day")
                + ", by " + r.startedBy();
    }
}

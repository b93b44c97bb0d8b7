package io.patchbay.app.ui.sites;

import io.patchbay.transport.outbox.HttpsProbeReport;
import io.patchbay.app.ui.DialogService;
import io.patchbay.app.ui.WorkspaceSession;
import io.patchbay.app.ui.task.BackgroundTask;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.TransportKind;
import io.patchbay.transport.sftp.ProbeReport;
import io.patchbay.model.workspace.AgentCondition;
import io.patchbay.model.workspace.ReportRefusal;
import io.patchbay.model.workspace.SiteAgent;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sites table and its commands: add, edit, remove (after confirming) and test a connection, which
 * probes the site in the background, shows its host key fingerprint and, when the key is unknown, asks
 * before pinning it. Each row also shows the site's agent as last harvested: its version, last contact and
 * health, with a filter for agents not heard from (silent longer than a setting, 2 hours unless changed).
 */
public final class SitesViewModel {
    private static final Pattern UNKNOWN_KEY = Pattern.compile("unknown host key for .*?(SHA256:[A-Za-z0-9+/=]+)");

    private final WorkspaceSession session;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final ConnectionTester tester;
    private final Runnable sitesChanged;
    private final Clock clock;
    private final ObservableList<SiteRow> rows = FXCollections.observableArrayList();
    private final FilteredList<SiteRow> visibleRows = new FilteredList<>(rows);
    private final ObjectProperty<SiteRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty notHeardFromOnly = new SimpleBooleanProperty(this, "notHeardFromOnly");
    private final IntegerProperty notHeardAfterMinutes = new SimpleIntegerProperty(this, "notHeardAfterMinutes",
            (int) AgentCondition.DEFAULT_NOT_HEARD_AFTER.toMinutes());
    /** The sites and their agents as last read, so a changed setting recomputes the rows without reading again. */
    private List<Site> sites = List.of();
    private Map<String, SiteAgent> agents = Map.of();
    private Map<String, ReportRefusal> refusals = Map.of();
    private final InstalledStateViewModel installedState;

    public SitesViewModel(WorkspaceSession session, TaskExecutor tasks, DialogService dialogs, ConnectionTester tester,
                          Runnable sitesChanged) {
        this(session, tasks, dialogs, tester, sitesChanged, Clock.systemDefaultZone());
    }

    /** @param clock "now" for last contacts, and the zone they are shown in */
    public SitesViewModel(WorkspaceSession session, TaskExecutor tasks, DialogService dialogs, ConnectionTester tester,
                          Runnable sitesChanged, Clock clock) {
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.tester = tester;
        this.sitesChanged = sitesChanged;
        this.clock = clock;
        this.installedState = new InstalledStateViewModel(session, tasks, javafx.application.Platform::runLater, clock);
        selected.addListener((o, old, row) -> installedState.show(row == null ? null : row.site()));
        notHeardFromOnly.addListener((o, old, now) -> visibleRows.setPredicate(
                now ? row -> row.condition().kind().silent() : null));
        notHeardAfterMinutes.addListener((o, old, now) -> show(sites, agents, refusals));
    }

    /** Every site, in the workspace's order. */
    public ObservableList<SiteRow> rows() {
        return rows;
    }

    /** The rows the table shows: all, or only agents not heard from when that filter is on. */
    public ObservableList<SiteRow> visibleRows() {
        return visibleRows;
    }

    /** The "not heard from" filter. */
    public BooleanProperty notHeardFromOnlyProperty() {
        return notHeardFromOnly;
    }

    /** The setting: an agent silent longer than this many minutes is shown as not heard from. */
    public IntegerProperty notHeardAfterMinutesProperty() {
        return notHeardAfterMinutes;
    }

    /** The selected site's detail: its installed release and "Verify installed state". */
    public InstalledStateViewModel installedState() {
        return installedState;
    }

    public ObjectProperty<SiteRow> selectedProperty() {
        return selected;
    }

    /** The selected site's last refused signed status report in words; null when none (or no site selected). */
    public javafx.beans.value.ObservableValue<String> selectedReportRefused() {
        return selected.map(SiteRow::reportRefused);
    }

    /** Reads the sites and what their agents last reported, in the background. */
    public void refresh() {
        BackgroundTask.of("Read sites", ctx -> new Read(session.workspace().sites().list(),
                        session.workspace().siteAgents().list(), session.workspace().reportRefusals().all()))
                .onSuccess(read -> show(read.sites(), read.agents().stream()
                        .collect(Collectors.toMap(SiteAgent::siteName, a -> a, (a, b) -> b)), read.refusals()))
                .onFailure(f -> dialogs.showError("Read sites", f))
                .executeWith(tasks);
    }

    private record Read(List<Site> sites, List<SiteAgent> agents, Map<String, ReportRefusal> refusals) {
    }

    private void show(List<Site> sites, Map<String, SiteAgent> agents, Map<String, ReportRefusal> refusals) {
        this.sites = sites;
        this.agents = agents;
        this.refusals = refusals;
        String keep = selected.get() == null ? null : selected.get().name();
        Instant now = clock.instant();
        Duration silence = Duration.ofMinutes(Math.max(1, notHeardAfterMinutes.get()));
        rows.setAll(sites.stream().map(s -> SiteRow.of(s, agents.get(s.name()), refusals.get(s.name()), now, silence,
                clock.getZone())).toList());
        selected.set(rows.stream().filter(r -> r.name().equals(keep)).findFirst().orElse(null));
    }

    /** A blank form for a new site. */
    public SiteForm newForm() {
        return SiteForm.empty().offer(sites());
    }

    /** A form holding the selected site, or null when none is selected. */
    public SiteForm editForm() {
        return selected.get() == null ? null : SiteForm.of(selected.get().site()).offer(sites());
    }

    /** A file picker for one of the form's file fields (identity, knownHosts, token, caCert). */
    public void choose(SiteForm form, String field) {
        form.choose(field, dialogs);
    }

    private List<Site> sites() {
        return rows.stream().map(SiteRow::site).toList();
    }

    /**
     * Checks the form; when valid, saves it in the background and returns true (the dialog may close);
     * else returns false with the form's error set. {@code saved} runs once the site is stored.
     */
    public boolean save(SiteForm form, Consumer<Site> saved) {
        SiteSpec spec = form.toSpec();
        if (spec == null) {
            return false;
        }
        String verb = form.isEditing() ? "Update" : "Add";
        BackgroundTask.of(verb + " site " + spec.name(), ctx -> form.isEditing()
                        ? session.workspace().sites().update(spec, session.person())
                        : session.workspace().sites().add(spec, session.person()))
                .onSuccess(site -> {
                    dialogs.notify((form.isEditing() ? "Updated site " : "Added site ") + site.name());
                    sitesChanged.run();
                    refresh();
                    saved.accept(site);
                })
                .onFailure(f -> dialogs.showError(verb + " site", f))
                .executeWith(tasks);
        return true;
    }

    /** Removes the selected site after the user confirms. */
    public void removeSelected() {
        SiteRow row = selected.get();
        if (row == null) {
            return;
        }
        if (!dialogs.confirm("Remove site " + row.name(), "Remove " + row.name() + " and its outbox and report rows? "
                + "The event log keeps its history.", "Remove")) {
            return;
        }
        BackgroundTask.ofVoid("Remove site " + row.name(),
                        ctx -> session.workspace().sites().remove(row.name(), session.person()))
                .onSuccess(v -> {
                    dialogs.notify("Removed site " + row.name());
                    selected.set(null);
                    sitesChanged.run();
                    refresh();
                })
                .onFailure(f -> dialogs.showError("Remove site", f))
                .executeWith(tasks);
    }

    /** Probes the selected site; an unknown host key is shown and pinned only if the user says so. */
    public void testSelected() {
        SiteRow row = selected.get();
        if (row == null) {
            return;
        }
        SiteSpec spec = row.site().spec();
        if (spec.transport() != TransportKind.SFTP) {
            BackgroundTask.of("Test connection to " + row.name(), ctx -> tester.probeHttps(spec))
                    .onSuccess(report -> showProbe(row.name(), report))
                    .onFailure(f -> dialogs.showError("Test connection to " + row.name(), f))
                    .executeWith(tasks);
            return;
        }
        BackgroundTask.of("Test connection to " + row.name(), ctx -> tester.probe(spec))
                .onSuccess(report -> showProbe(row.name(), report))
                .onFailure(f -> {
                    String fingerprint = unknownKeyFingerprint(f);
                    if (fingerprint == null) {
                        dialogs.showError("Test connection to " + row.name(), f);
                    } else {
                        askToPin(spec, fingerprint, f.getMessage());
                    }
                })
                .executeWith(tasks);
    }

    private void askToPin(SiteSpec spec, String fingerprint, String why) {
        String question = spec.name() + " presented a host key that is not pinned yet:\n\n"
                + fingerprint + "\n\nPin it only if the site's administrator confirms this fingerprint.";
        if (!dialogs.confirm("Unknown host key", question, "Pin this key")) {
            dialogs.notify("Host key of " + spec.name() + " not pinned");
            return;
        }
        BackgroundTask.of("Pin host key of " + spec.name(), ctx -> {
                    tester.pinHostKey(spec, fingerprint);
                    return tester.probe(spec);
                })
                .onSuccess(report -> showProbe(spec.name(), report))
                .onFailure(f -> dialogs.showError("Pin host key of " + spec.name(), f))
                .executeWith(tasks);
    }

    private void showProbe(String site, ProbeReport r) {
        dialogs.showInformation("Test connection to " + site, "Host key " + r.hostKeyType() + " "
                + r.hostKeyFingerprint() + "\nServer " + r.serverVersion()
                + "\nInbox " + (r.inboxWritable() ? "writable" : r.inboxExists() ? "NOT writable" : "missing")
                + "\nStatus " + (r.statusReadable() ? "readable (" + r.statusFiles() + " reports)"
                : r.statusExists() ? "NOT readable" : "missing")
                + "\n" + (r.ready() ? "Ready for deliveries." : "Not ready: fix the folders above."));
    }

    private void showProbe(String site, HttpsProbeReport r) {
        dialogs.showInformation("Test connection to " + site, "Agent " + r.endpoint() + " (TLS verified, token accepted)"
                + "\nUploads: tus " + String.join(", ", r.server().versions())
                + (r.server().supportsCreation() ? " with creation" : " WITHOUT creation")
                + (r.server().checksumAlgorithms().isEmpty() ? "" : ", checksums " + String.join(", ",
                        new java.util.TreeSet<>(r.server().checksumAlgorithms())))
                + "\nStatus: " + r.statusFiles() + " report files"
                + "\n" + (r.ready() ? "Ready for deliveries." : "Not ready: the agent does not accept tus 1.0 uploads."));
    }

    static String unknownKeyFingerprint(Throwable failure) {
        if (!(failure instanceof PatchbayException) || failure.getMessage() == null) {
            return null;
        }
        Matcher m = UNKNOWN_KEY.matcher(failure.getMessage());
        return m.find() ? m.group(1) : null;
    }
}

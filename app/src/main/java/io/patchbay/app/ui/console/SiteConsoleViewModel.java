package io.patchbay.app.ui.console;

import io.patchbay.agent.home.AgentHome;
import io.patchbay.agent.install.InstallOutcome;
import io.patchbay.agent.registry.PatchRecord;
import io.patchbay.agent.registry.Registry;
import io.patchbay.agent.run.Agent;
import io.patchbay.app.ui.DialogService;
import io.patchbay.app.ui.task.BackgroundTask;
import io.patchbay.app.ui.task.Poller;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.report.CheckRow;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The site console: an operator opens an agent home, sees every patch (past and current) with its state,
 * checks and release notes, and installs now, schedules, postpones or rolls back. Each action calls the
 * same {@link Agent} methods as {@code patchbay agent install|schedule|postpone|rollback}, in a background
 * task; afterwards the list is read again from the home.
 */
public final class SiteConsoleViewModel {
    /** Opens the agent of a home; production opens the real one ({@link Agent#open}). */
    @FunctionalInterface
    public interface AgentOpener {
        Agent open(Path home);
    }

    /** How long an action waits for another installation on the site before naming its holder. */
    public static final Duration LOCK_WAIT = Duration.ofSeconds(5);

    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final AgentOpener opener;
    private final Clock clock;

    private final ObjectProperty<Path> home = new SimpleObjectProperty<>();
    private final StringProperty site = new SimpleStringProperty("No agent home open");
    private final StringProperty installed = new SimpleStringProperty("");
    private final ObjectProperty<Map<String, String>> installedVersions = new SimpleObjectProperty<>(Map.of());
    private final ObjectProperty<ZoneId> zone = new SimpleObjectProperty<>();
    private final ObservableList<PatchRow> patches = FXCollections.observableArrayList();
    private final ObjectProperty<PatchRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<CheckRow> checks = FXCollections.observableArrayList();
    private final StringProperty notes = new SimpleStringProperty("");
    private final StringProperty nextChance = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanBinding canInstall;
    private final BooleanBinding canSchedule;
    private final BooleanBinding canRollback;
    private final StringProperty emptyText = new SimpleStringProperty(NO_HOME);
    /** The home shown and what was read from it last, for the poller's thread. */
    private volatile ConsoleSnapshot shown;
    private Poller poller;
    private volatile boolean closed;

    private static final String NO_HOME = "Open an agent home to see its patches.";

    public SiteConsoleViewModel(TaskExecutor tasks, DialogService dialogs, AgentOpener opener, Clock clock) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.opener = opener;
        this.clock = clock;
        canInstall = Bindings.createBooleanBinding(() -> !busy.get() && selected.get() != null
                && selected.get().installable(), busy, selected);
        canSchedule = Bindings.createBooleanBinding(() -> !busy.get() && selected.get() != null
                && selected.get().waiting(), busy, selected);
        canRollback = Bindings.createBooleanBinding(() -> !busy.get() && home.get() != null
                && !installedVersions.get().isEmpty(), busy, home, installedVersions);
        selected.addListener((o, old, row) -> showSelected(row));
    }

    /** The console over real agent homes: installs in a child process, as {@code patchbay agent install} does. */
    public static SiteConsoleViewModel forRealAgents(TaskExecutor tasks, DialogService dialogs) {
        return new SiteConsoleViewModel(tasks, dialogs,
                dir -> Agent.open(AgentHome.existing(dir), Clock.systemUTC(), LOCK_WAIT), Clock.systemDefaultZone());
    }

    public ReadOnlyObjectProperty<Path> homeProperty() {
        return home;
    }

    /** "site-a (Europe/Paris)". */
    public ReadOnlyStringProperty siteProperty() {
        return site;
    }

    /** "installed: Spruce 12.10.11", or empty. */
    public ReadOnlyStringProperty installedProperty() {
        return installed;
    }

    public ObservableList<PatchRow> patches() {
        return patches;
    }

    public ObjectProperty<PatchRow> selectedProperty() {
        return selected;
    }

    /** The selected patch's checks, in the order the agent evaluated them. */
    public ObservableList<CheckRow> checks() {
        return checks;
    }

    /** The selected patch's release notes as an HTML page. */
    public ReadOnlyStringProperty notesProperty() {
        return notes;
    }

    /** "Next install chance: Thu 2026-11-19 22:00 Europe/Paris (...), in 9 h, by install-window", or "". */
    public ReadOnlyStringProperty nextChanceProperty() {
        return nextChance;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public BooleanBinding canInstallProperty() {
        return canInstall;
    }

    /** Schedule and postpone apply to a patch a tick still decides. */
    public BooleanBinding canScheduleProperty() {
        return canSchedule;
    }

    public BooleanBinding canRollbackProperty() {
        return canRollback;
    }

    /** What the patch list says while it is empty: open a home, or no patch reached this site yet. */
    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText;
    }

    /**
     * Follows the open home as the matrix follows the outbox: reads it every {@code every} on the
     * {@link Poller}'s thread and shows it (on {@code uiThread}) when anything changed, e.g. a release the
     * workstation just delivered, or the agent's tick installed one.
     */
    public synchronized void follow(Executor uiThread, Duration every) {
        if (poller == null) {
            poller = Poller.every("site-console-poller", every, () -> pollOnce(uiThread));
        }
    }

    /** One pass of {@link #follow}: reads the open home and shows it if it changed. */
    void pollOnce(Executor uiThread) {
        ConsoleSnapshot before = shown;
        if (before == null) {
            return;
        }
        ConsoleSnapshot now = read(before.home());
        if (!now.equals(before)) {
            uiThread.execute(() -> {
                if (shown == before && !closed) { // no other read was shown meanwhile, and still open
                    show(now, selected.get() == null ? null : selected.get().id());
                }
            });
        }
    }

    /** Stops following. */
    public synchronized void close() {
        closed = true;
        if (poller != null) {
            poller.close();
            poller = null;
        }
    }

    /** Asks for an agent home and opens it. */
    public void chooseHome() {
        dialogs.chooseFolder("Open agent home", home.get()).ifPresent(this::open);
    }

    /** Opens an agent home (refused in a dialog when the folder is none). */
    public void open(Path dir) {
        load(dir, null);
    }

    /** Reads the open home again, keeping the selection. */
    public void reload() {
        if (home.get() != null) {
            load(home.get(), selected.get() == null ? null : selected.get().id());
        }
    }

    public void installNow() {
        PatchRow row = selected.get();
        if (row == null) {
            return;
        }
        act("Install " + row.title(), agent -> report(agent.installNow(row.version(), row.product())));
    }

    /** Asks for a local date and time in the site's zone and schedules the selected patch then. */
    public void schedule() {
        PatchRow row = selected.get();
        if (row == null) {
            return;
        }
        ZoneId siteZone = zone.get();
        String suggestion = LocalDateTime.now(clock.withZone(siteZone)).plusDays(1).withHour(23)
                .truncatedTo(ChronoUnit.HOURS).toString();
        Optional<String> answer = dialogs.askText("Schedule " + row.title(),
                "Install at (local time in " + siteZone + ", YYYY-MM-DDTHH:MM):", suggestion);
        if (answer.isEmpty()) {
            return;
        }
        LocalDateTime at;
        try {
            at = LocalDateTime.parse(answer.get().trim());
        } catch (DateTimeParseException e) {
            dialogs.showError("Schedule " + row.title(), "expected a local date and time such as 2026-12-01T23:00; got '"
                    + answer.get().trim() + "'");
            return;
        }
        act("Schedule " + row.title(), agent -> {
            PatchRecord p = agent.schedule(row.version(), row.product(), at);
            return p.title() + " scheduled for " + at + " (" + siteZone + "): " + p.state().word() + ", " + p.reason();
        });
    }

    public void postpone() {
        PatchRow row = selected.get();
        if (row == null) {
            return;
        }
        act("Postpone " + row.title(), agent -> {
            PatchRecord p = agent.postpone(row.version(), row.product());
            return p.title() + " postponed: " + p.reason();
        });
    }

    /**
     * Rolls back the selected patch's product (or the only installed product) to the previous version this
     * agent installed, after the operator confirms.
     */
    public void rollback() {
        List<String> products = installedProducts();
        PatchRow row = selected.get();
        String product = row != null && row.product() != null && products.stream().anyMatch(row.product()::equalsIgnoreCase)
                ? row.product() : products.size() == 1 ? products.get(0) : null;
        if (product == null) {
            dialogs.showError("Roll back", "several products are installed (" + String.join(", ", products)
                    + "): select a patch of the one to roll back");
            return;
        }
        Path dir = home.get();
        String current = installedVersions.get().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(product))
                .map(Map.Entry::getValue).findFirst().orElse("?");
        // The agent names the version it would return to (a read of the home, off the FX thread), then the
        // operator confirms knowing it.
        BackgroundTask.of("Find the version " + product + " returns to", ctx -> opener.open(dir).rollbackTarget(product).version())
                .onSuccess(previous -> {
                    if (dialogs.confirm("Roll back " + product + " " + current + " to " + previous,
                            "Reinstall " + product + " " + previous + ", the previous version this agent installed, in "
                                    + "place of " + current + "? Files only " + current + " added stay in place.",
                            "Roll back to " + previous)) {
                        act("Roll back " + product, agent -> report(agent.rollback(product)));
                    }
                })
                .onFailure(f -> dialogs.showError("Roll back " + product, f))
                .executeWith(tasks);
    }

    @FunctionalInterface
    private interface Action {
        String run(Agent agent) throws Exception;
    }

    private void act(String title, Action action) {
        Path dir = home.get();
        busy.set(true);
        BackgroundTask.of(title, context -> {
                    context.updateMessage(title + "...");
                    context.updateProgress(-1, 1);
                    return action.run(opener.open(dir));
                })
                .onSuccess(dialogs::notify)
                .onFailure(failure -> dialogs.showError(title, failure))
                .onFinished(() -> {
                    busy.set(false);
                    reload();
                })
                .executeWith(tasks);
    }

    private static String report(InstallOutcome outcome) {
        if (!outcome.installed()) {
            throw new PatchbayException(outcome.summary());
        }
        return outcome.summary();
    }

    private void load(Path dir, String keepId) {
        BackgroundTask.of("Read agent home " + dir.getFileName(), context -> read(dir))
                .onSuccess(snapshot -> show(snapshot, keepId))
                .onFailure(failure -> dialogs.showError("Open agent home", failure))
                .executeWith(tasks);
    }

    private ConsoleSnapshot read(Path dir) {
        Agent agent = opener.open(dir);
        ZoneId siteZone = agent.policy().timeZone();
        Registry registry = agent.registry();
        Instant now = clock.instant();
        List<PatchRow> rows = registry.patches().stream()
                .sorted((a, b) -> b.receivedAt().compareTo(a.receivedAt()))
                .map(p -> PatchRow.of(p, siteZone, clock.getZone(), now))
                .toList();
        return new ConsoleSnapshot(agent.home().dir(), agent.config().site(), siteZone, registry.installed(), rows);
    }

    private void show(ConsoleSnapshot snapshot, String keepId) {
        shown = snapshot;
        home.set(snapshot.home());
        emptyText.set("No patch has reached " + snapshot.site() + " yet: a delivered release shows here within a second.");
        zone.set(snapshot.zone());
        site.set(snapshot.site() + " (" + snapshot.zone() + ")");
        installedVersions.set(Map.copyOf(snapshot.installed()));
        installed.set(snapshot.installed().isEmpty() ? "nothing installed through this agent yet"
                : "installed: " + snapshot.installed().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")));
        patches.setAll(snapshot.patches());
        // Keep the operator's selection; else the newest patch still waiting (the likely one to act on); else the newest.
        PatchRow keep = snapshot.patches().stream().filter(p -> p.id().equals(keepId)).findFirst()
                .or(() -> snapshot.patches().stream().filter(PatchRow::waiting).findFirst())
                .orElse(snapshot.patches().isEmpty() ? null : snapshot.patches().get(0));
        if (Objects.equals(keep, selected.get())) {
            showSelected(keep);
        } else {
            selected.set(keep);
        }
    }

    private void showSelected(PatchRow row) {
        checks.setAll(row == null ? List.of() : row.checks());
        nextChance.set(row == null || row.nextChance().isEmpty() ? "" : "Next install chance: " + row.nextChance());
        if (row == null) {
            notes.set("");
            return;
        }
        Path dir = home.get();
        BackgroundTask.of("Read release notes", context -> ReleaseNotesPage.read(dir, row))
                .onSuccess(page -> {
                    if (row.equals(selected.get())) {
                        notes.set(page);
                    }
                })
                .onFailure(failure -> notes.set(""))
                .executeWith(tasks);
    }

    private List<String> installedProducts() {
        return installedVersions.get().keySet().stream().sorted().toList();
    }
}

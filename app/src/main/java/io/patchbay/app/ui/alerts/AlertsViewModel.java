package io.patchbay.app.ui.alerts;

import io.patchbay.app.ui.task.Poller;
import io.patchbay.model.policy.SiteTimes;
import io.patchbay.model.workspace.Alert;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The workstation's open alerts (a missed install chance, a quiet site, a rollout that paused itself) for the
 * status bar: read on the {@link Poller}'s thread, so a support lead sees one the moment the worker raises it
 * without a Refresh, and it goes when the worker clears it. Empty until a workspace is followed.
 */
public final class AlertsViewModel {
    private final ZoneId viewer;
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper badge = new ReadOnlyStringWrapper(this, "badge", "");
    private Supplier<List<Alert>> source;
    private Poller poller;
    /** What was shown last, for the poller's thread: a pass that finds the same alerts tells nobody. */
    private volatile List<Alert> shown = List.of();
    private volatile boolean closed;

    /** @param viewer the zone raised-at times show in (every time shown carries its zone) */
    public AlertsViewModel(ZoneId viewer) {
        this.viewer = viewer;
    }

    /** "2 open alerts", or "" when none is open (the badge hides). */
    public ReadOnlyStringProperty badgeProperty() {
        return badge.getReadOnlyProperty();
    }

    /** One line per open alert, oldest first: "missed-chance: Spruce 12.10.11 -> lyon: ... (raised ...)". */
    public ObservableList<String> lines() {
        return lines;
    }

    /**
     * Follows {@code open} (the workspace's {@code alerts()::open}) every {@code every}; what a pass finds is
     * shown on {@code uiThread}. A second call follows the new source instead (a workspace opened later).
     */
    public synchronized void follow(Supplier<List<Alert>> open, Executor uiThread, Duration every) {
        source = Objects.requireNonNull(open);
        if (poller == null && !closed) {
            poller = Poller.every("alerts-poller", every, () -> pollOnce(uiThread));
        }
    }

    /** One pass of {@link #follow}: reads the open alerts and shows them if they changed. */
    void pollOnce(Executor uiThread) {
        Supplier<List<Alert>> open;
        synchronized (this) {
            open = source;
        }
        if (open == null) {
            return;
        }
        List<Alert> now = List.copyOf(open.get());
        if (!now.equals(shown)) {
            shown = now;
            uiThread.execute(() -> {
                if (!closed && shown == now) { // no newer pass overtook this one on its way to the UI thread
                    show(now);
                }
            });
        }
    }

    private void show(List<Alert> alerts) {
        lines.setAll(alerts.stream().map(a -> a.kind().word() + ": " + a.message() + " (raised "
                + SiteTimes.showZoned(a.raisedAt(), viewer) + ")").toList());
        badge.set(alerts.isEmpty() ? "" : alerts.size() == 1 ? "1 open alert" : alerts.size() + " open alerts");
    }

    /** Stops following, also passes already on their way to the UI thread. */
    public synchronized void close() {
        closed = true;
        if (poller != null) {
            poller.close();
            poller = null;
        }
    }
}

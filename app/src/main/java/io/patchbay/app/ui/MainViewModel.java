package io.patchbay.app.ui;

import io.patchbay.app.ui.alerts.AlertsViewModel;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.styles.Theme;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

/** The main window's model: which screen shows, the theme, the worker's state and the background tasks. */
public final class MainViewModel {
    private final TaskExecutor tasks;
    private final Map<Screen, Runnable> refreshers = new EnumMap<>(Screen.class);

    // ---- Properties
    private final ObjectProperty<Screen> screen = new SimpleObjectProperty<>(this, "screen", Screen.MATRIX);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final ReadOnlyStringWrapper workerState = new ReadOnlyStringWrapper(this, "workerState",
            "Worker: not connected");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final AlertsViewModel alerts = new AlertsViewModel(ZoneId.systemDefault());

    public MainViewModel(TaskExecutor tasks) {
        this.tasks = tasks;
    }

    public ObjectProperty<Screen> screenProperty() {
        return screen;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** One line on the outbox worker, e.g. "Worker: running, 12 due"; set by whoever follows the worker. */
    public ReadOnlyStringProperty workerStateProperty() {
        return workerState.getReadOnlyProperty();
    }

    /** The latest short notice (what a finished action did). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The workstation's open alerts, shown in the status bar; follows the workspace once one is open. */
    public AlertsViewModel alerts() {
        return alerts;
    }

    public ObservableList<Task<?>> runningTasks() {
        return tasks.runningTasks();
    }

    // ---- Commands

    public void show(Screen target) {
        screen.set(target);
    }

    /** Ctrl+1..6: the screen at that position; other numbers do nothing. */
    public void showNumber(int number) {
        if (number >= 1 && number <= Screen.values().length) {
            show(Screen.values()[number - 1]);
        }
    }

    public void toggleTheme() {
        theme.set(theme.get().other());
    }

    /** F5: reloads the screen that shows, if it can. */
    public void refresh() {
        Runnable refresher = refreshers.get(screen.get());
        if (refresher != null) {
            refresher.run();
            notify(screen.get().title() + " reloaded");
        }
    }

    public void setRefresher(Screen target, Runnable refresher) {
        refreshers.put(target, refresher);
    }

    public void setWorkerState(String state) {
        workerState.set(state);
    }

    public void notify(String message) {
        notice.set(message);
    }
}

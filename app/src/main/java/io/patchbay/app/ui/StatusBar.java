package io.patchbay.app.ui;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.controlsfx.control.PopOver;
import org.controlsfx.control.TaskProgressView;

/** The bottom line: the worker's state, the latest notice, and the background tasks with progress. */
final class StatusBar extends HBox {
    private final MainViewModel model;
    private final Label tasks = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Button showTasks = new Button("Tasks");
    private final Button alerts = new Button();
    private PopOver alertList;
    private TaskProgressView<Task<?>> taskView;
    private PopOver popOver;

    StatusBar(MainViewModel model) {
        this.model = model;
        getStyleClass().add(Styles.STATUS_BAR);
        Label worker = new Label();
        worker.setId("status-worker");
        worker.textProperty().bind(model.workerStateProperty());
        Label notice = new Label();
        notice.setId("status-notice");
        notice.getStyleClass().add(Styles.MUTED);
        notice.textProperty().bind(model.noticeProperty());
        tasks.setId("status-tasks");
        showTasks.setId("status-show-tasks");
        showTasks.getStyleClass().add(Styles.TASKS_BUTTON);
        showTasks.setOnAction(e -> toggleTaskList());
        alerts.setId("status-alerts");
        alerts.getStyleClass().add(Styles.ALERT_BADGE);
        alerts.textProperty().bind(model.alerts().badgeProperty());
        alerts.visibleProperty().bind(model.alerts().badgeProperty().isNotEmpty());
        alerts.managedProperty().bind(alerts.visibleProperty());
        alerts.setOnAction(e -> toggleAlertList());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        getChildren().addAll(alerts, worker, notice, gap, tasks, progress, showTasks);
        model.runningTasks().addListener((ListChangeListener<Task<?>>) c -> showTasks());
        showTasks();
    }

    private void showTasks() {
        int count = model.runningTasks().size();
        progress.progressProperty().unbind();
        progress.setVisible(count > 0);
        progress.setManaged(count > 0);
        if (count == 0) {
            tasks.textProperty().unbind();
            tasks.setText("No background tasks");
            return;
        }
        Task<?> first = model.runningTasks().get(0);
        progress.progressProperty().bind(first.progressProperty());
        if (count == 1) {
            tasks.textProperty().bind(first.titleProperty());
        } else {
            tasks.textProperty().bind(Bindings.concat(first.titleProperty(), " and " + (count - 1) + " more"));
        }
    }

    /** The open alerts, one line each, made on first use; the list follows the workspace while it shows. */
    private void toggleAlertList() {
        if (alertList == null) {
            ListView<String> list = new ListView<>(model.alerts().lines());
            list.setId("status-alert-list");
            list.setCellFactory(v -> new ListCell<>() { // long messages wrap instead of being cut
                @Override
                protected void updateItem(String line, boolean empty) {
                    super.updateItem(line, empty);
                    setText(empty ? null : line);
                    setWrapText(true);
                    setPrefWidth(0);
                }
            });
            list.setPrefSize(560, 220);
            alertList = new PopOver(list);
            alertList.setArrowLocation(PopOver.ArrowLocation.BOTTOM_LEFT);
            alertList.setTitle("Open alerts (the worker clears one when its cause goes away)");
            alertList.setHeaderAlwaysVisible(true);
        }
        if (alertList.isShowing()) {
            alertList.hide();
        } else {
            alertList.show(alerts);
        }
    }

    /** The task list with cancel buttons (ControlsFX), made on first use. */
    private void toggleTaskList() {
        if (popOver == null) {
            taskView = new TaskProgressView<>();
            Bindings.bindContent(taskView.getTasks(), model.runningTasks());
            taskView.setPrefSize(420, 260);
            popOver = new PopOver(taskView);
            popOver.setArrowLocation(PopOver.ArrowLocation.BOTTOM_RIGHT);
            popOver.setTitle("Background tasks");
            popOver.setHeaderAlwaysVisible(true);
        }
        if (popOver.isShowing()) {
            popOver.hide();
        } else {
            popOver.show(showTasks);
        }
    }
}

package io.patchbay.app.ui.sites;

import io.patchbay.app.ui.ScreenLayout;
import io.patchbay.app.ui.Styles;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.beans.value.ObservableValue;
import javafx.scene.layout.VBox;

/**
 * The selected site's detail: its installed release, its last refused status report (if its reports are being
 * refused), and "Verify installed state" with its answer.
 */
final class InstalledStateView extends VBox {
    InstalledStateView(InstalledStateViewModel model, ObservableValue<String> reportRefused) {
        getStyleClass().add(Styles.SITE_DETAIL);
        setId("site-detail");
        Label title = new Label();
        title.getStyleClass().add(Styles.SECTION_TITLE);
        title.textProperty().bind(model.titleProperty());
        Label installed = new Label();
        installed.setId("site-detail-installed");
        installed.textProperty().bind(model.installedTextProperty());
        Label refused = new Label();
        refused.setId("site-detail-report-refused");
        refused.getStyleClass().add(Styles.REPORT_REFUSED);
        refused.setWrapText(true);
        refused.textProperty().bind(reportRefused);
        refused.visibleProperty().bind(refused.textProperty().isNotEmpty());
        refused.managedProperty().bind(refused.visibleProperty());

        Button verify = ScreenLayout.button("site-verify-state", "Verify installed state", model::verify);
        verify.disableProperty().bind(model.canVerifyProperty().not());
        Button cancel = ScreenLayout.button("site-verify-cancel", "Cancel", model::cancel);
        cancel.disableProperty().bind(model.runningProperty().not());
        ProgressBar bar = new ProgressBar();
        bar.setId("site-verify-progress");
        bar.setPrefWidth(200);
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.runningProperty());
        Label step = new Label();
        step.setId("site-verify-step");
        step.getStyleClass().add(Styles.MUTED);
        step.textProperty().bind(model.progressTextProperty());

        Label summary = new Label();
        summary.setId("site-verify-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add(Styles.INSTALLED_STATE);
        summary.textProperty().bind(model.summaryProperty());
        model.outcomeProperty().addListener((o, old, now) -> {
            summary.pseudoClassStateChanged(Styles.installedStateClass(old.name()), false);
            summary.pseudoClassStateChanged(Styles.installedStateClass(now.name()), true);
        });
        Label checked = new Label();
        checked.setId("site-verify-checked");
        checked.getStyleClass().add(Styles.MUTED);
        checked.setWrapText(true);
        checked.textProperty().bind(model.checkedAtProperty());
        ListView<String> differences = new ListView<>(model.differences());
        differences.setId("site-verify-differences");
        differences.getStyleClass().add(Styles.CODE_AREA);
        differences.setPrefHeight(110);
        differences.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.differences()));
        differences.managedProperty().bind(differences.visibleProperty());

        getChildren().addAll(title, installed, refused, ScreenLayout.actions(verify, cancel, bar, step), summary, differences,
                checked);
    }
}

package io.patchbay.app.ui.firstrun;

import io.patchbay.app.ui.ScreenLayout;
import io.patchbay.app.ui.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * What the matrix area shows on an empty workspace: that it is empty, the offer of demo sites on this
 * machine (with the creation's progress), and how to add real sites instead.
 */
public final class FirstRunView extends VBox {
    public FirstRunView(FirstRunViewModel model) {
        setId("first-run");
        getStyleClass().add(Styles.CONTENT);
        setAlignment(Pos.TOP_CENTER);
        setPadding(new javafx.geometry.Insets(48, 24, 24, 24));

        Label title = new Label("This workspace is empty");
        title.setId("first-run-title");
        title.getStyleClass().add(Styles.FIRST_RUN_TITLE);
        Label what = new Label("No sites and no releases yet. To see Patchbay at work without a server of your own, "
                + "create demo sites on this machine: four sites in the rings pilot, early and broad, each with its "
                + "own agent, reached over SFTP on 127.0.0.1. One of them, practice-hamm, installs only when an operator "
                + "says so: the Site console (Ctrl+6) opens on it.");
        Label then = new Label("Patchbay then rolls out a first release, Spruce 1.0.0, so the matrix moves at once. "
                + "Next, build Spruce 1.1.0 yourself with New kit (Ctrl+N): the wizard starts on its build folder and "
                + "shows what changed since 1.0.0. Start the rollout and watch the cells turn to installed.");
        Button create = ScreenLayout.button("first-run-demo", "Create demo sites on this machine", model::createDemo);
        create.setDefaultButton(true);
        create.disableProperty().bind(model.busyProperty());

        ProgressBar bar = new ProgressBar();
        bar.setId("first-run-progress");
        bar.progressProperty().bind(model.progressProperty());
        Label step = new Label();
        step.setId("first-run-step");
        step.getStyleClass().add(Styles.MUTED);
        step.textProperty().bind(model.messageProperty());
        HBox working = new HBox(10, bar, step);
        working.setAlignment(Pos.CENTER_LEFT);
        working.visibleProperty().bind(model.busyProperty());
        working.managedProperty().bind(model.busyProperty());

        Label error = new Label();
        error.setId("first-run-error");
        error.getStyleClass().add(Styles.FIELD_ERROR);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Label real = new Label("For real sites, add them on the Sites screen (Ctrl+2) or with `patchbay site add`: "
                + "each site runs its own OpenSSH server (or HTTPS) and `patchbay agent run`. The README says how.");
        real.setId("first-run-real-sites");
        real.getStyleClass().add(Styles.MUTED);

        VBox card = new VBox(title, what, then, create, working, error, real);
        card.getStyleClass().add(Styles.FIRST_RUN);
        getChildren().add(card);
    }
}

package io.patchbay.app.ui;

import io.patchbay.app.ui.firstrun.FirstRunView;
import io.patchbay.app.ui.firstrun.FirstRunViewModel;
import io.patchbay.app.ui.kit.KitWizardViewModel;
import io.patchbay.model.matrix.MatrixSource;
import io.patchbay.model.policy.InstallMode;
import javafx.application.Platform;
import javafx.scene.Node;

/**
 * Puts the first run into the client: the demo offer in the matrix area of an empty workspace, the demo's
 * own worker in the status bar, the demo's build tree and key in the wizard, its manual site in the site
 * console, and the demo stopped with the client. Kept apart so that {@link PatchbayClient} only asks it at those four places.
 */
final class FirstRun {
    private final FirstRunViewModel model;
    private FirstRunView offer;

    FirstRun(PatchbayClient client, WorkspaceSession session) {
        this.model = new FirstRunViewModel(session, client.taskExecutor(), client.dialogs(), Platform::runLater,
                client::matrixStructureChanged);
        // The demo's manual site is what the site console is for: open it there, unless an agent home is open.
        model.demoProperty().addListener((o, old, demo) -> {
            if (demo != null) {
                // Sites, releases and rollouts changed underneath the screens built before: build them again.
                WorkspaceScreens.install(client, session);
            }
            if (demo != null && client.siteConsoleModel().homeProperty().get() == null) {
                demo.sites().stream().filter(s -> s.mode() == InstallMode.MANUAL).findFirst()
                        .ifPresent(s -> client.siteConsoleModel().open(demo.agentHome(s.name())));
            }
        });
        // The demo's rollout is followed as the matrix follows it: once it is through, the status line says so
        // and the Site console opens on the manual site, where the rest is the operator's to do.
        client.workspaceChanges().subscribe(ids -> model.cellsChanged(arrival -> client.demoSiteWaits(arrival.manualSite(),
                model.running().agentHome(arrival.manualSite()))));
        model.resumeIfDemo();
    }

    /** The offer while the workspace is empty and no demo runs, otherwise the matrix itself. */
    Node matrixArea(MatrixSource source, Node matrix) {
        if (!FirstRunViewModel.isEmpty(source) || model.running() != null) {
            return matrix;
        }
        return offer();
    }

    FirstRunView offer() {
        if (offer == null) {
            offer = new FirstRunView(model);
        }
        return offer;
    }

    /** The worker line: the demo's in-process worker when it runs, else {@code otherwise}. */
    String workerLine(int sendingNow, String otherwise) {
        return model.workerLine(sendingNow).orElse(otherwise);
    }

    /** In a demo workspace the wizard starts on the next build tree, signed with the demo's key. */
    void prepare(KitWizardViewModel wizard) {
        model.suggestedSource().ifPresent(source -> wizard.startFrom(source, model.suggestedSigningKey().orElse(null)));
    }

    /** The agent home of a demo site on this machine, if the demo runs and the site is one of its own. */
    java.util.Optional<java.nio.file.Path> agentHome(String site) {
        var demo = model.demoProperty().get();
        if (demo == null || demo.sites().stream().noneMatch(s -> s.name().equals(site))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(demo.agentHome(site)).filter(java.nio.file.Files::isDirectory);
    }

    FirstRunViewModel model() {
        return model;
    }

    void close() {
        model.close();
    }
}

package io.patchbay.app.ui;

import io.patchbay.app.ui.releases.ReleasesView;
import io.patchbay.app.ui.releases.ReleasesViewModel;

import java.time.ZoneId;

/** Puts the workspace-backed screens in place of their placeholders once the workspace is open. */
final class WorkspaceScreens {
    private WorkspaceScreens() {
    }

    static void install(PatchbayClient client, WorkspaceSession session) {
        ZoneId zone = ZoneId.systemDefault();
        ReleasesViewModel releases = new ReleasesViewModel(session, client.taskExecutor(), client.dialogs(), zone,
                client::matrixStructureChanged);
        io.patchbay.app.ui.sites.SitesViewModel sites = new io.patchbay.app.ui.sites.SitesViewModel(session,
                client.taskExecutor(), client.dialogs(), new io.patchbay.app.ui.sites.SiteConnectionTester(
                        session.workspace(), session.person()),
                client::matrixStructureChanged);
        client.putScreen(Screen.SITES, () -> new io.patchbay.app.ui.sites.SitesView(sites));
        io.patchbay.app.ui.reports.ReportsViewModel reports = new io.patchbay.app.ui.reports.ReportsViewModel(session,
                client.taskExecutor(), client.dialogs(), zone);
        client.putScreen(Screen.REPORTS, () -> new io.patchbay.app.ui.reports.ReportsView(reports));
        client.setEventsShower(reports::showEventsOf);
        io.patchbay.app.ui.rollout.RolloutViewModel rollout = new io.patchbay.app.ui.rollout.RolloutViewModel(session,
                client.taskExecutor(), client.dialogs(), () -> { });
        client.putScreen(Screen.ROLLOUT, () -> new io.patchbay.app.ui.rollout.RolloutView(rollout, zone));
        client.workspaceChanges().subscribe(rollout::cellsChanged);
        // Alerts are raised and cleared by the outbox worker, maybe in another process: the status bar reads them.
        client.mainModel().alerts().follow(session.workspace().alerts()::open, javafx.application.Platform::runLater,
                java.time.Duration.ofSeconds(2));
        client.setRolloutStarter(rollout::select);
        client.setReleasesModel(releases);
        client.putScreen(Screen.RELEASES, () -> new ReleasesView(releases, () -> client.openKitWizard(releases)));
        // F5 reads the workspace again, for changes made outside the client (a command, another client).
        client.mainModel().setRefresher(Screen.RELEASES, releases::refresh);
        client.mainModel().setRefresher(Screen.SITES, sites::refresh);
        client.mainModel().setRefresher(Screen.ROLLOUT, rollout::refresh);
        client.mainModel().setRefresher(Screen.REPORTS, reports::refresh);
    }
}

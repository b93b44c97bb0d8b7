package io.patchbay.app.ui;

/** Puts the workspace-backed screens in place of their placeholders once the workspace is open. */
final class WorkspaceScreens {
    private WorkspaceScreens() {
    }

    static void install(PatchbayClient client, WorkspaceSession session) {
        // Screens are added here step by step.
    }
}

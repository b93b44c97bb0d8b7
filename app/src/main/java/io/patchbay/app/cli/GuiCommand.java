package io.patchbay.app.cli;

import io.patchbay.app.ui.PatchbayApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code patchbay gui}: opens the desktop client on a workspace. */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the desktop client.")
final class GuiCommand implements Runnable {
    @Mixin
    WorkspaceOption workspace;

    @Override
    public void run() {
        PatchbayApplication.launch(workspace.path());
    }
}

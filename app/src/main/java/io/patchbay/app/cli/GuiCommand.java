package io.patchbay.app.cli;

import io.patchbay.agent.home.AgentHome;
import io.patchbay.app.ui.PatchbayApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;

/** {@code patchbay gui}: opens the desktop client on a workspace. */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the desktop client.")
final class GuiCommand implements Runnable {
    @Mixin
    WorkspaceOption workspace;

    @Option(names = "--agent-home", paramLabel = "DIR",
            description = "Open the site console alone on this agent home (an operator on a site); no workspace "
                    + "is opened or created.")
    Path agentHome;

    @Option(names = "--screenshots", paramLabel = "DIR",
            description = "Render the screens in both themes into PNG files in DIR and exit (needs a display, e.g. xvfb-run).")
    Path screenshots;

    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "FILE.kit",
            description = "Show this kit (manifest, signer, whether the workspace trusts it) and offer to add it; "
                    + "what a file manager runs for a .kit.")
    Path kit;

    @Option(names = "--snapshot", paramLabel = "FILE.png", hidden = true,
            description = "Once open, write the window, About and the kit's window as PNG files with their texts, and exit.")
    Path snapshot;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if (screenshots == null) {
            // A wrong folder is refused on the command line, before a window opens.
            if (kit != null && !java.nio.file.Files.isRegularFile(kit)) {
                throw new io.patchbay.model.PatchbayException("no such kit: " + kit);
            }
            PatchbayApplication.launch(workspace.location(), agentHome == null ? null : AgentHome.existing(agentHome).dir(),
                    kit, snapshot);
            return;
        }
        for (Path file : PatchbayApplication.launchForScreenshots(workspace.path(), screenshots)) {
            spec.commandLine().getOut().println(file);
        }
    }
}

package io.patchbay.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code patchbay workspace}: the workspace itself, as opposed to what it holds. Each action is a subcommand. */
@Command(name = "workspace", mixinStandardHelpOptions = true,
        description = "Create, check or move a workspace.",
        subcommands = {
                WorkspaceInitCommand.class,
                WorkspaceMigrateCommand.class,
        })
final class WorkspaceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

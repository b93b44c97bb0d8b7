package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.model.workspace.WorkspaceLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code patchbay workspace init}: creates the workspace (folder readable by its owner only, database and schema)
 * so that the commands that only read find it. Running it on an existing workspace changes nothing and says so.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create the workspace (the folder and its database, or the schema of a team database).",
                "Commands that only read (status, release list, ...) refuse a workspace that does not exist; "
                        + "the first command that writes (release add, site add) also creates it."})
final class WorkspaceInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    WorkspaceOption workspace;

    @Override
    public Integer call() {
        WorkspaceLocation location = workspace.location();
        boolean existed = location.exists() && location.database() == null;
        try (Workspace ignored = location.open()) {
            spec.commandLine().getOut().println((existed ? "workspace already there: " : "created workspace ") + location);
        }
        return ExitCode.DONE.code();
    }
}

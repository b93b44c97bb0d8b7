package io.patchbay.app.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --workspace DIR}, shared by every command that works on a workspace. */
public final class WorkspaceOption {
    @Option(names = "--workspace", paramLabel = "DIR",
            description = "The workspace folder (default: $PATCHBAY_WORKSPACE, else ~/.patchbay).")
    private Path workspace;

    public Path path() {
        if (workspace != null) {
            return workspace.toAbsolutePath();
        }
        String env = System.getenv("PATCHBAY_WORKSPACE");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".patchbay");
    }
}

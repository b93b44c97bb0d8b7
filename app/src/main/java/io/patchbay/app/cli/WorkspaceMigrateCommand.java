package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.workspace.TeamDatabase;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.model.workspace.WorkspaceCopy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code patchbay workspace migrate --to JDBC-URL}: one person's H2 workspace becomes a team's PostgreSQL database
 * ({@link WorkspaceCopy}), and the person is told how every machine of the team names it from now on.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = {
        "Copy this folder's one-person workspace (releases with their kits, sites, outbox, rollouts, reports, events, "
                + "trusted signers, host keys) into an empty team database, and check every table's row count and "
                + "checksum.",
        "All or nothing: a failure leaves the team database without any row. The folder's workspace stays usable."})
final class WorkspaceMigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "The workspace folder to copy (default: $PATCHBAY_WORKSPACE, else ~/.patchbay).")
    Path workspace;

    @Option(names = "--to", required = true, paramLabel = "JDBC-URL",
            description = "The empty team database, e.g. jdbc:postgresql://db.example:5432/patchbay?user=alice.")
    String to;

    @Option(names = "--database-password-file", paramLabel = "FILE",
            description = "A file (mode 600) whose first line is the team database's password (default: "
                    + "$PATCHBAY_DATABASE_PASSWORD_FILE, else ~/.pgpass).")
    Path passwordFile;

    @Override
    public Integer call() {
        Path dir = WorkspaceOption.folder(workspace);
        if (!Files.isRegularFile(dir.resolve(Workspace.DATABASE_NAME + ".mv.db"))) {
            throw new PatchbayException("no workspace to copy in " + dir + " (no " + Workspace.DATABASE_NAME + ".mv.db)");
        }
        TeamDatabase target = WorkspaceOption.team(to, passwordFile);
        WorkspaceCopy.Result result;
        try (Workspace ws = Workspace.open(dir)) {
            result = WorkspaceCopy.copy(ws, target, Actor.person());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("copied " + result.rows() + " rows in " + result.tables().size() + " tables from " + dir + " into "
                + target + "; row counts and checksums match");
        out.printf("%-16s %10s  %s%n", "TABLE", "ROWS", "CHECKSUM (sum of row SHA-256)");
        result.tables().forEach(t -> out.printf("%-16s %10d  %s%n", t.table(), t.rows(), t.checksum()));
        out.println();
        out.println("Next, on every workstation and worker machine of the team:");
        out.println("  export PATCHBAY_DATABASE_URL='" + target.url() + "'");
        if (target.passwordFile() != null) {
            out.println("  export PATCHBAY_DATABASE_PASSWORD_FILE=" + target.passwordFile() + "   # a copy on each machine, mode 600");
        } else {
            out.println("  # the password: a line HOST:PORT:DATABASE:USER:PASSWORD in ~/.pgpass (mode 600), "
                    + "or PATCHBAY_DATABASE_PASSWORD_FILE=FILE");
        }
        out.println("  patchbay status        # or --database URL --database-password-file FILE on each command");
        out.println("Private keys and tokens stay files: on each machine that sends, put them in "
                + "WORKSPACE/credentials/SITE/identity or .../token (or --credentials DIR).");
        out.println("The workspace in " + dir + " stays where it is: stop using it once the team works on the database.");
        return ExitCode.DONE.code();
    }
}

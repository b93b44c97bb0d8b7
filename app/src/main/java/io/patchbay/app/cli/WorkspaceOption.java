package io.patchbay.app.cli;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.workspace.TeamDatabase;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.model.workspace.WorkspaceLocation;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/**
 * {@code --workspace DIR} and, for a team, {@code --database JDBC-URL} with {@code --database-password-file FILE},
 * shared by every command that works on a workspace. The password itself is never an option: it would show in
 * process lists and shell history.
 */
public final class WorkspaceOption {
    /** The command this is mixed into: an option combination it cannot use is that command's usage error. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "The workspace folder (default: $PATCHBAY_WORKSPACE, else $HOME/.patchbay).")
    private Path workspace;

    @Option(names = "--database", paramLabel = "JDBC-URL",
            description = "The team's PostgreSQL database, e.g. jdbc:postgresql://db.example:5432/patchbay?user=alice "
                    + "(default: $PATCHBAY_DATABASE_URL, else the workspace folder's own database).")
    private String database;

    @Option(names = "--database-password-file", paramLabel = "FILE",
            description = "A file (mode 600) whose first line is the database password (default: "
                    + "$PATCHBAY_DATABASE_PASSWORD_FILE, else ~/.pgpass).")
    private Path passwordFile;

    @Option(names = "--credentials", paramLabel = "DIR",
            description = "This machine's folder of site secrets: DIR/SITE/identity (SSH key), DIR/SITE/token "
                    + "(default: $PATCHBAY_CREDENTIALS, else WORKSPACE/credentials; then the path recorded with the site).")
    private Path credentials;

    public Path path() {
        return folder(workspace);
    }

    /** The workspace folder: {@code given}, else {@code $PATCHBAY_WORKSPACE}, else {@code ~/.patchbay}. */
    static Path folder(Path given) {
        if (given != null) {
            return given.toAbsolutePath();
        }
        String env = System.getenv("PATCHBAY_WORKSPACE");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        // $HOME, as every shell tool: `HOME=/tmp/x patchbay ...` must not reach the real ~/.patchbay.
        String home = env("HOME");
        return Path.of(home != null ? home : System.getProperty("user.home"), ".patchbay").toAbsolutePath();
    }

    /** The folder, and the team database when one is named. */
    public WorkspaceLocation location() {
        String url = database != null ? database : env("PATCHBAY_DATABASE_URL");
        if (url == null) {
            if (passwordFile != null) {
                throw new ParameterException(command.commandLine(),
                        "--database-password-file needs --database JDBC-URL (or $PATCHBAY_DATABASE_URL)");
            }
            return new WorkspaceLocation(path(), null, credentials());
        }
        return new WorkspaceLocation(path(), team(url, passwordFile), credentials());
    }

    /** The team database at {@code url}; its password from {@code passwordFile}, else the environment, else ~/.pgpass. */
    static TeamDatabase team(String url, Path passwordFile) {
        Path password = passwordFile;
        if (password == null && env("PATCHBAY_DATABASE_PASSWORD_FILE") != null) {
            password = Path.of(env("PATCHBAY_DATABASE_PASSWORD_FILE"));
        }
        return new TeamDatabase(url, password == null ? null : password.toAbsolutePath());
    }

    /** The credentials folder named by option or environment; null for the workspace's own. */
    private Path credentials() {
        Path dir = credentials != null ? credentials : env("PATCHBAY_CREDENTIALS") == null ? null
                : Path.of(env("PATCHBAY_CREDENTIALS"));
        return dir == null ? null : dir.toAbsolutePath();
    }

    /** Opens the workspace, creating it if there is none yet: for the commands that write to it. */
    public Workspace open() {
        return location().open();
    }

    /**
     * Opens the workspace, which must exist: for the commands that only read (or change what is already there).
     * A mistyped {@code --workspace} or {@code $PATCHBAY_WORKSPACE} is then named, not silently created empty.
     */
    public Workspace openExisting() {
        return existing().open();
    }

    /**
     * As {@link #openExisting()}, for a command that is over in a moment (a list, {@code status}, a report,
     * {@code alerts} recording what it finds): opened the cheap way, no pool and no server for other processes
     * ({@link Workspace#openOneOff}). Not for anything that runs long: another process that starts meanwhile waits.
     */
    public Workspace openToRead() {
        return Workspace.openOneOff(existing());
    }

    private WorkspaceLocation existing() {
        WorkspaceLocation location = location();
        if (!location.exists()) {
            throw new NotFoundException("no workspace at " + location.dir() + ": create it with `patchbay workspace "
                    + "init`, or name another with --workspace DIR (or $PATCHBAY_WORKSPACE)");
        }
        return location;
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value;
    }
}

package io.patchbay.app.cli;

import io.patchbay.agent.cli.AgentCommand;
import io.patchbay.agent.cli.OneLineErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The root of the {@code patchbay} command. Each feature adds its subcommand here. */
@Command(name = "patchbay",
        mixinStandardHelpOptions = true,
        versionProvider = PatchbayVersion.class,
        description = "Builds signed patch kits and rolls them out to on-premise sites.",
        footerHeading = "%nEnvironment:%n",
        footer = { // within 80 columns, or picocli wraps mid-word
                "  PATCHBAY_WORKSPACE              the workspace (default: $HOME/.patchbay)",
                "  PATCHBAY_DATABASE_URL           a team's PostgreSQL database (JDBC URL)",
                "  PATCHBAY_DATABASE_PASSWORD_FILE its password's file (default: ~/.pgpass)",
                "  PATCHBAY_CREDENTIALS            this machine's folder of site secrets",
                "  PATCHBAY_COMMAND_SERVER=off     run every command in its own JVM",
                "  PATCHBAY_COMMAND_SERVER_IDLE    an idle command server's wait (default 15m)",
                "  PATCHBAY_JAVA_OPTS              more options for the JVM",
                "  PATCHBAY_DEBUG                  print an unexpected error's stack trace"})
public final class PatchbayCommand implements Runnable {
    /**
     * The subcommands, in the order help lists them. Added by {@link #commandLine(PrintWriter, PrintWriter, String)}
     * rather than through {@code @Command(subcommands)}: picocli builds every command's model by reflection when it
     * is added, which cost a one-off `patchbay status` more than its own work; a run builds only the command it runs.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            GuiCommand.class,
            KeysCommand.class,
            KitCommand.class,
            AgentCommand.class,
            ReleaseCommand.class,
            SiteCommand.class,
            AlertsCommand.class,
            RolloutCommand.class,
            DeliverCommand.class,
            BundleCommand.class,
            StatusCommand.class,
            ReportCommand.class,
            WorkspaceCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code, one of {@link io.patchbay.agent.cli.ExitCode}'s. */
    public static int run(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                args.length == 0 ? null : args[0]).execute(args);
    }

    public static CommandLine commandLine() {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** The whole command tree writing to the given streams; tests capture output this way. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /**
     * A command line with only the subcommand named {@code first} when there is one by that name (what a run of
     * {@code patchbay status ...} needs), else the whole tree (the root's help, version, and "did you mean").
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, String first) {
        CommandLine cl = new CommandLine(new PatchbayCommand());
        boolean one = SUBCOMMANDS.stream().anyMatch(c -> names(c).contains(first));
        for (Class<?> c : SUBCOMMANDS) {
            if (!one || names(c).contains(first)) {
                cl.addSubcommand(c);
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        OneLineErrors.install(cl, "patchbay");
        return cl;
    }

    private static List<String> names(Class<?> command) {
        Command a = command.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(List.of(a.aliases()));
        names.add(a.name());
        return names;
    }
}

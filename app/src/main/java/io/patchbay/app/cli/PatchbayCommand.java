package io.patchbay.app.cli;

import io.patchbay.agent.cli.AgentCommand;
import io.patchbay.agent.cli.OneLineErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The root of the {@code patchbay} command. Each feature adds its subcommand here. */
@Command(name = "patchbay",
        mixinStandardHelpOptions = true,
        versionProvider = PatchbayVersion.class,
        description = "Builds signed patch kits and rolls them out to on-premise sites.",
        subcommands = {
                GuiCommand.class,
                KeysCommand.class,
                KitCommand.class,
                AgentCommand.class,
                ReleaseCommand.class,
                SiteCommand.class,
                AlertsCommand.class,
                RolloutCommand.class,
                DeliverCommand.class,
                StatusCommand.class,
                ReportCommand.class,
                WorkspaceCommand.class,
        })
public final class PatchbayCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code, one of {@link io.patchbay.agent.cli.ExitCode}'s. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** A command line writing to the given streams; tests capture output this way. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new PatchbayCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        OneLineErrors.install(cl, "patchbay");
        return cl;
    }
}

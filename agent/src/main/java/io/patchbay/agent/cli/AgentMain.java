package io.patchbay.agent.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** The {@code patchbay-agent} launcher's entry point: the same subcommands as {@code patchbay agent}. */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The agent's own command line writing to the given streams; tests capture output this way. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new AgentCommand());
        cl.setCommandName("patchbay-agent");
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        OneLineErrors.install(cl, "patchbay-agent");
        return cl;
    }
}

package io.patchbay.agent.cli;

import io.patchbay.model.PatchbayException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * How both launchers ({@code patchbay} and {@code patchbay-agent}) end on an error: one line on standard
 * error, prefixed with the command's name; a stack trace only when {@code PATCHBAY_DEBUG} is set; the exit code
 * from the error's type ({@link ExitCode#of}).
 */
public final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
    private final String prefix;

    public OneLineErrors(String commandName) {
        this.prefix = commandName + ": ";
    }

    /**
     * Makes {@code cl} end every error this way and print the exit-code table at the end of its help, so that both
     * launchers say the same.
     */
    public static CommandLine install(CommandLine cl, String commandName) {
        cl.setExecutionExceptionHandler(new OneLineErrors(commandName));
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.table());
        return cl;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof PatchbayException) {
            // A message of several problems (a kit.ini's) has one per line: each gets the prefix, as a compiler's.
            e.getMessage().lines().forEach(line -> err.println(prefix + line));
        } else {
            String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
            err.println(prefix + "unexpected " + e.getClass().getSimpleName() + message);
        }
        if (System.getenv("PATCHBAY_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.of(e).code();
    }
}

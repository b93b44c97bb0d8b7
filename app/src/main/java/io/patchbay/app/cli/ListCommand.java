package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import io.patchbay.model.workspace.Workspace;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A {@code list} subcommand: reads its rows from the workspace without changing it and prints them through its
 * {@link Listing}, as a table or, with {@code --json}, as JSON; a text listing without rows says how to get one.
 *
 * @param <R> the row record
 */
abstract class ListCommand<R> implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    WorkspaceOption workspace;
    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    abstract Listing<R> listing();

    abstract List<R> rows(Workspace ws);

    /** What a person does to get a first row, printed instead of an empty table. */
    abstract String emptyHint();

    /** Lines a text listing adds below its table; none unless a command has more to say. */
    void afterTable(PrintWriter out, List<R> rows) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = workspace.openToRead()) {
            List<R> rows = rows(ws);
            listing().print(out, rows, json, emptyHint());
            if (!json) {
                afterTable(out, rows);
            }
        }
        return ExitCode.DONE.code();
    }
}

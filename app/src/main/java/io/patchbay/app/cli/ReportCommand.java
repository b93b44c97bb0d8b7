package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import io.patchbay.app.report.ReportData;
import io.patchbay.app.report.ReportKind;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/**
 * {@code patchbay report releases|sites|events --format csv|html|json [--out FILE]}: the Reports screen's
 * reports from the command line, for a support lead's mail or a scheduled job. The HTML is one printable file
 * with its charts; CSV cells a spreadsheet would run as formulas are neutralised.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes a report of the releases, the sites or the event log as CSV, HTML or JSON.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    WorkspaceOption workspace;
    @Parameters(index = "0", paramLabel = "releases|sites|events", description = "Which report.")
    ReportKind kind;
    @Option(names = "--format", paramLabel = "csv|html|json", description = "How to write it (default: csv).")
    ReportKind.Format format = ReportKind.Format.CSV;
    @Option(names = "--out", paramLabel = "FILE", description = "Write to this file (atomically) instead of the output.")
    Path out;
    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day of the range (in --zone).")
    String from;
    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Last day of the range, included.")
    String until;
    @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone of the range and the times shown "
            + "(default: this computer's).")
    String zone;

    @Override
    public Integer call() throws Exception {
        ZoneId z = zone();
        LocalDate first = date("--from", from);
        LocalDate last = date("--until", until);
        String text;
        try (Workspace ws = workspace.openToRead()) {
            text = kind.render(ReportData.read(ws, z, first, last, Instant.now()), format);
        }
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            AtomicFiles.write(out.toAbsolutePath(), text.getBytes(StandardCharsets.UTF_8));
            spec.commandLine().getErr().println("wrote " + out.toAbsolutePath());
        }
        return ExitCode.DONE.code();
    }

    private ZoneId zone() {
        if (zone == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw new ParameterException(spec.commandLine(), "--zone: not a time zone: '" + zone + "' (e.g. Europe/Paris)");
        }
    }

    private LocalDate date(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), option + ": not a date: '" + text + "' (expected YYYY-MM-DD)");
        }
    }
}

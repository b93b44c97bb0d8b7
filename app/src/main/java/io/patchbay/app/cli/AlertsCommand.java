package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import io.patchbay.model.TransientFailure;
import io.patchbay.app.alerts.AlertMailer;
import io.patchbay.app.alerts.SupportMail;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.workspace.Alert;
import io.patchbay.model.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code patchbay alerts}: the dead-man watch, the open alerts, and mailing them to support once. */
@Command(name = "alerts", mixinStandardHelpOptions = true, description = {
        "Run the dead-man watch and list open alerts: a rollout that paused itself, a delivered kit that did not "
                + "install by its next install chance plus the grace, a site whose agent has not reported for too long.",
        "With --mail, e-mail every alert not mailed yet to the support address of " + SupportMail.FILE
                + " in the workspace (each alert once)."})
final class AlertsCommand implements Callable<Integer> {
    static final int DEFAULT_GRACE_HOURS = 2;
    static final int DEFAULT_QUIET_HOURS = 24;

    @Spec
    CommandSpec spec;
    @Mixin
    WorkspaceOption workspace;
    @Option(names = "--grace", paramLabel = "HOURS", defaultValue = "" + DEFAULT_GRACE_HOURS,
            description = "Hours after a next install chance before a kit still waiting is an alert (default: ${DEFAULT-VALUE}).")
    int graceHours;
    @Option(names = "--quiet", paramLabel = "HOURS", defaultValue = "" + DEFAULT_QUIET_HOURS,
            description = "Hours without a report before a site is an alert (default: ${DEFAULT-VALUE}).")
    int quietHours;
    @Option(names = "--mail", description = "Mail the alerts not mailed yet to support.")
    boolean mail;
    @Option(names = "--json", description = "Print the open alerts as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (graceHours < 0 || quietHours < 1) {
            throw new ParameterException(spec.commandLine(), "--grace must be at least 0 hours and --quiet at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        // Mailing talks to a mail server for a while: that run opens the workspace as processes that run long do.
        try (Workspace ws = mail ? workspace.openExisting() : workspace.openToRead()) {
            List<Alert> open = ws.alerts().watch(Duration.ofHours(graceHours), Duration.ofHours(quietHours), Actor.person());
            if (json) {
                Listing.json(out, open.stream().map(a -> new AlertRow(a.id(), a.kind().word(), a.subject(), a.message(),
                        a.raisedAt(), a.mailedAt())).toList());
            } else {
                print(out, open);
            }
            if (mail) {
                var settings = SupportMail.read(workspace.path()).orElseThrow(() -> new PatchbayException(
                        "no " + SupportMail.FILE + " in the workspace: cannot mail alerts (see `patchbay alerts --help`)"));
                try {
                    AlertMailer mailer = AlertMailer.toSupport(ws, workspace.path(), settings);
                    (json ? spec.commandLine().getErr() : out).println(mailer.mailedLine(mailer.mailUnmailed()));
                } catch (IOException e) {
                    throw new TransientFailure(e.getMessage() + " (tried again on the next run)", e);
                }
            }
        }
        return ExitCode.DONE.code();
    }

    /** An open alert as --json writes it: its kind as the word the text shows. */
    record AlertRow(long id, String kind, String subject, String message, Instant raisedAt, Instant mailedAt) {
    }

    /** The open alerts, one line each, or that there are none. */
    static void print(PrintWriter out, List<Alert> open) {
        if (open.isEmpty()) {
            out.println("no alerts");
            return;
        }
        for (Alert a : open) {
            out.println("ALERT " + a.kind().word() + ": " + a.message() + (a.mailedAt() == null ? "" : " (mailed)"));
        }
    }
}

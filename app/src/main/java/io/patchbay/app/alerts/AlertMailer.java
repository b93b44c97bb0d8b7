package io.patchbay.app.alerts;

import io.patchbay.agent.notify.MailSettings;
import io.patchbay.agent.notify.Mailer;
import io.patchbay.agent.notify.SmtpMailer;
import io.patchbay.agent.notify.Notice;
import io.patchbay.model.workspace.Alert;
import io.patchbay.model.workspace.Workspace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mails every open alert not mailed yet to the support address, one message each, and records each as
 * mailed right after it went out, so an alert is mailed once even when a later one fails.
 */
public final class AlertMailer {
    private final Workspace ws;
    private final Mailer mailer;
    private final String workspaceName;

    public AlertMailer(Workspace ws, Mailer mailer, String workspaceName) {
        this.ws = ws;
        this.mailer = mailer;
        this.workspaceName = workspaceName;
    }

    /** The mailer for a workspace folder's support settings; the folder's name says which workspace wrote. */
    public static AlertMailer toSupport(Workspace ws, Path workspaceDir, MailSettings settings) {
        return new AlertMailer(ws, new SmtpMailer(settings), workspaceDir.getFileName().toString());
    }

    /** What a person is told after a mailing, e.g. "1 alert mailed to support@vendor.example". */
    public static String mailedLine(List<Alert> sent, MailSettings settings) {
        return sent.size() + (sent.size() == 1 ? " alert" : " alerts") + " mailed to " + String.join(", ", settings.to());
    }

    /** Returns the alerts mailed; stops at the first that cannot be sent (a failure, tried again next time). */
    public List<Alert> mailUnmailed() throws IOException {
        List<Alert> sent = new ArrayList<>();
        for (Alert a : ws.alerts().unmailed()) {
            mailer.send(new Notice(Notice.Kind.SUPPORT_ALERT, "[patchbay " + workspaceName + "] " + a.kind().word() + ": "
                    + a.subject(), a.message() + "\n\nRaised at " + a.raisedAt() + " (UTC) by the workstation of workspace "
                    + workspaceName + ".\n", a.raisedAt()));
            ws.alerts().markMailed(a.id());
            sent.add(a);
        }
        return sent;
    }
}

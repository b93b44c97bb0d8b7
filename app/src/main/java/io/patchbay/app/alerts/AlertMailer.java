package io.patchbay.app.alerts;

import io.patchbay.agent.notify.MailSettings;
import io.patchbay.agent.notify.Mailer;
import io.patchbay.agent.notify.Notice;
import io.patchbay.agent.notify.SmtpMailer;
import io.patchbay.model.workspace.Alert;
import io.patchbay.model.workspace.SupportAddresses;
import io.patchbay.model.workspace.Workspace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Mails every open alert not mailed yet to support, one message each, and records each as mailed right
 * after it went out, so an alert is mailed once even when a later one fails. An alert about a release goes
 * to that release's support address when it has one ({@code patchbay release support}), else to the
 * workspace's.
 */
public final class AlertMailer {
    private final Workspace ws;
    private final MailSettings settings;
    private final Function<MailSettings, Mailer> mailers;
    private final String workspaceName;

    public AlertMailer(Workspace ws, MailSettings settings, Function<MailSettings, Mailer> mailers, String workspaceName) {
        this.ws = ws;
        this.settings = settings;
        this.mailers = mailers;
        this.workspaceName = workspaceName;
    }

    /** The mailer for a workspace folder's support settings; the folder's name says which workspace wrote. */
    public static AlertMailer toSupport(Workspace ws, Path workspaceDir, MailSettings settings) {
        return new AlertMailer(ws, settings, SmtpMailer::new, workspaceDir.getFileName().toString());
    }

    /** Who gets the alert. */
    public List<String> recipients(Alert alert) {
        return alert.supportMail() == null ? settings.to() : SupportAddresses.parse(alert.supportMail());
    }

    /** What a person is told after a mailing, e.g. "1 alert mailed to support@vendor.example". */
    public String mailedLine(List<Alert> sent) {
        Set<String> to = new LinkedHashSet<>();
        sent.forEach(a -> to.addAll(recipients(a)));
        if (to.isEmpty()) {
            to.addAll(settings.to());
        }
        return sent.size() + (sent.size() == 1 ? " alert" : " alerts") + " mailed to " + String.join(", ", to);
    }

    /** Returns the alerts mailed; stops at the first that cannot be sent (a failure, tried again next time). */
    public List<Alert> mailUnmailed() throws IOException {
        List<Alert> sent = new ArrayList<>();
        for (Alert a : ws.alerts().unmailed()) {
            mailers.apply(settings.withTo(recipients(a))).send(new Notice(Notice.Kind.SUPPORT_ALERT,
                    "[patchbay " + workspaceName + "] " + a.kind().word() + ": " + a.subject(), a.message()
                    + "\n\nRaised at " + a.raisedAt() + " (UTC) by the workstation of workspace " + workspaceName + ".\n",
                    a.raisedAt()));
            ws.alerts().markMailed(a.id());
            sent.add(a);
        }
        return sent;
    }
}

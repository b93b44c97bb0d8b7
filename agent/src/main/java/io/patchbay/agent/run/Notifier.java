package io.patchbay.agent.run;

import io.patchbay.agent.log.AgentLog;
import io.patchbay.agent.notify.Notice;
import io.patchbay.agent.notify.NoticeOutbox;
import io.patchbay.model.report.AgentHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Posts the agent's notices: into the {@link NoticeOutbox} when the site has e-mail configured (they wait there
 * while the mail server is down), otherwise only to the log. Never fails the agent's work.
 */
public final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private final NoticeOutbox outbox;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final AgentLog log;

    /** @param outbox null when the site has no e-mail notices */
    public Notifier(NoticeOutbox outbox) {
        this(outbox, AgentLog.none());
    }

    /** @param log where each notice is logged, one line, whether or not it is mailed */
    public Notifier(NoticeOutbox outbox, AgentLog log) {
        this.outbox = outbox;
        this.log = log;
    }

    /** Whether the notice was written to the outbox (only then may anyone say the administrator was told). */
    public boolean post(Notice notice) {
        if (outbox == null) {
            // Without e-mail, a notice the next tick repeats (manual install required) is logged once, not per tick.
            if (logged.add(notice.subject())) {
                log.event(AgentLog.Event.NOTICE, notice.subject());
            }
            return false;
        }
        log.event(AgentLog.Event.NOTICE, notice.subject());
        try {
            outbox.post(notice);
            return true;
        } catch (IOException e) {
            LOG.warn("cannot store notice '{}': {}", notice.subject(), e.getMessage());
            return false;
        }
    }

    /** E-mail as the health report shows it: off, ok, or failing with the mail server's last word. */
    public AgentHealth.Service mailState() {
        if (outbox == null) {
            return AgentHealth.Service.OFF;
        }
        String error = outbox.lastError();
        return error == null ? AgentHealth.Service.ok(null) : AgentHealth.Service.failing(error);
    }

    /** Retries notices still waiting for the mail server. */
    public void flush() {
        if (outbox == null) {
            return;
        }
        try {
            outbox.flush();
        } catch (IOException e) {
            LOG.warn("cannot read pending notices: {}", e.getMessage());
        }
    }
}

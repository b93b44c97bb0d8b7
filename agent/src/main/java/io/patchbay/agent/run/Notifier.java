package io.patchbay.agent.run;

import io.patchbay.agent.notify.Notice;
import io.patchbay.agent.notify.NoticeOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Posts the agent's notices: into the {@link NoticeOutbox} when the site has e-mail configured (they wait there
 * while the mail server is down), otherwise only to the log. Never fails the agent's work.
 */
public final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private final NoticeOutbox outbox;

    /** @param outbox null when the site has no e-mail notices */
    public Notifier(NoticeOutbox outbox) {
        this.outbox = outbox;
    }

    public void post(Notice notice) {
        LOG.info("notice: {}", notice.subject());
        if (outbox == null) {
            return;
        }
        try {
            outbox.post(notice);
        } catch (IOException e) {
            LOG.warn("cannot store notice '{}': {}", notice.subject(), e.getMessage());
        }
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

package io.patchbay.agent.notify;

import java.time.Instant;

/**
 * One message to the site administrator.
 *
 * @param kind    what happened, for de-duplication and filtering
 * @param subject the e-mail subject
 * @param body    plain text
 * @param at      when it happened
 */
public record Notice(Kind kind, String subject, String body, Instant at) {

    /** The moments design.md names for notices. */
    public enum Kind {
        DOWNLOAD_RECEIVED, INSTALLED, FAILED_ROLLED_BACK, MANUAL_INSTALL_REQUIRED
    }
}

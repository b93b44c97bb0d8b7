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
        DOWNLOAD_STARTED, DOWNLOAD_RECEIVED, INSTALLED, FAILED_ROLLED_BACK, MANUAL_INSTALL_REQUIRED,
        /** The vendor pulled a release (a verified pull notice arrived). */
        RELEASE_PULLED,
        /** A pull notice failed verification and was set aside. */
        PULL_NOTICE_REFUSED,
        /** Not the agent's: the workstation's alert to the vendor's support, sent with the same mailer. */
        SUPPORT_ALERT
    }
}

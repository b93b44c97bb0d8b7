package io.patchbay.transport.https;

import io.patchbay.model.PatchbayException;

/**
 * An HTTPS delivery failed. The message is one line naming the site (never the token). {@link
 * #retryable()} tells the outbox whether trying again later can help (a drop, a timeout, a server
 * error) or whether a person must act first (a wrong token, an untrusted certificate, a refused name).
 */
public class TusException extends PatchbayException {
    private static final long serialVersionUID = 1L;

    public enum Kind { RETRYABLE, NEEDS_ACTION, CANCELLED }

    private final Kind kind;

    public TusException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public TusException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind == Kind.RETRYABLE;
    }

    public boolean cancelled() {
        return kind == Kind.CANCELLED;
    }
}

package io.patchbay.model;

/**
 * A refusal a person can act on: bad input, an untrusted kit, an unreachable host. The message is one
 * line that names what is wrong; front ends print it as it is, without a stack trace.
 */
public class PatchbayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PatchbayException(String message) {
        super(message);
    }

    public PatchbayException(String message, Throwable cause) {
        super(message, cause);
    }
}

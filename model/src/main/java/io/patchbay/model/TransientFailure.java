package io.patchbay.model;

/**
 * A failure, not a refusal: a site, the database or this machine could not do it just now (unreachable, timed
 * out, disk full), and the same command may well succeed later. Kept apart from refusals by type so that
 * nothing reads "the network is down" as "your input is wrong" (a script retries exit 4, never exit 1).
 */
public class TransientFailure extends PatchbayException {
    private static final long serialVersionUID = 1L;

    public TransientFailure(String message) {
        super(message);
    }

    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

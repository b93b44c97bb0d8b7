package io.patchbay.model;

/**
 * The work was stopped before it was done (cancelled, interrupted, or out of time), not refused: what was done
 * stays done and running it again continues.
 */
public class StoppedException extends PatchbayException {
    private static final long serialVersionUID = 1L;

    public StoppedException(String message) {
        super(message);
    }
}

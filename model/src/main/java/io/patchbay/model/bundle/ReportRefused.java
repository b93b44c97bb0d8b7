package io.patchbay.model.bundle;

import io.patchbay.model.PatchbayException;

/**
 * A site's signed status report refused for good (of another site, signed by another key, changed, older than the
 * last one taken, or missing), with the reason. Its own type so that a harvest records it on the site, apart from a
 * site that could not be read just now (a {@link io.patchbay.model.TransientFailure}) or a database error.
 */
public final class ReportRefused extends PatchbayException {
    private static final long serialVersionUID = 1L;

    public ReportRefused(String message) {
        super(message);
    }

    public ReportRefused(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.patchbay.model;

/**
 * A refusal because what was named does not exist: no such workspace, release, site, rollout or file. Its own
 * type so a script can tell "you named something that is not there" (exit 3) from any other refusal.
 */
public final class NotFoundException extends PatchbayException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}

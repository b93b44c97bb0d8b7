package io.patchbay.agent.registry;

import io.patchbay.model.PatchbayException;

/**
 * A change the patch lifecycle does not allow (see {@link PatchLifecycle}); nothing was written. A program error or
 * a stale view of the registry, never a failure of this machine.
 */
public final class IllegalTransition extends PatchbayException {
    private static final long serialVersionUID = 1L;

    public IllegalTransition(String message) {
        super(message);
    }
}

package io.patchbay.model.kit;

import io.patchbay.model.StoppedException;

/** The build was cancelled; the kit file was not written (any earlier kit of that name is untouched). */
public final class KitBuildCancelledException extends StoppedException {
    private static final long serialVersionUID = 1L;

    public KitBuildCancelledException() {
        super("kit build cancelled");
    }
}

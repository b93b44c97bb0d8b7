package io.patchbay.app.ui.rollout;

import io.patchbay.model.matrix.MatrixState;

/** How many sites of a release stand in one state. */
public record StateTotal(MatrixState state, int count) {
    public String word() {
        return state.word();
    }
}

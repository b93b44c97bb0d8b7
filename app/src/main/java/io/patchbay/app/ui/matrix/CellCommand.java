package io.patchbay.app.ui.matrix;

import io.patchbay.model.matrix.MatrixState;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a person can do to matrix cells from the toolbar, the menu or the cell's context menu, and the states
 * in which each one means something (a command is offered only where it does, and applied only to such cells).
 */
public enum CellCommand {
    /**
     * Push now, skipping the wait of a retry or a rollout wave; for a delivery handed over by bundle, send it again
     * (the stick never reached the site).
     */
    DELIVER_NOW("Deliver now", EnumSet.of(MatrixState.QUEUED, MatrixState.RETRYING, MatrixState.BUNDLED)),
    /** Try a failed push again at once. */
    RETRY("Retry", EnumSet.of(MatrixState.RETRYING)),
    /** Stop a delivery that has not arrived. */
    HOLD("Hold", EnumSet.of(MatrixState.QUEUED, MatrixState.SENDING, MatrixState.RETRYING)),
    /** Lift a hold. */
    RELEASE_HOLD("Release hold", EnumSet.of(MatrixState.HELD));

    private final String label;
    private final Set<MatrixState> states;

    CellCommand(String label, Set<MatrixState> states) {
        this.label = label;
        this.states = states;
    }

    public String label() {
        return label;
    }

    /** Whether the command means something for a cell in this state. */
    public boolean appliesTo(MatrixState state) {
        return states.contains(state);
    }
}

package io.patchbay.app.ui.matrix;

import io.patchbay.model.matrix.MatrixState;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which sites the matrix shows: name contains {@code text} (any case), in {@code ring} (null: any), and
 * with at least one cell in one of {@code states} (empty: any).
 */
public record MatrixFilter(String text, String ring, Set<MatrixState> states) {
    public static final MatrixFilter ALL = new MatrixFilter("", null, Set.of());

    public MatrixFilter {
        text = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
    }

    /** The states as a bit mask of ordinals; 0 when any state will do. */
    int stateMask() {
        int mask = 0;
        for (MatrixState state : states) {
            mask |= 1 << state.ordinal();
        }
        return mask;
    }
}

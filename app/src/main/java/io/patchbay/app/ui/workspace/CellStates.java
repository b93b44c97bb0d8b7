package io.patchbay.app.ui.workspace;

import io.patchbay.model.matrix.MatrixCell;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.workspace.DeliveryState;

/**
 * Translates the workspace's cell (outbox half + agent half) into the state the matrix shows. The
 * workspace decides which half speaks ({@link io.patchbay.model.workspace.MatrixCell#word()}); this
 * class only maps that word to a {@link MatrixState}.
 */
public final class CellStates {
    private CellStates() {
    }

    /** The matrix cell for a workspace cell; {@code releasePulled} turns "held" into "pulled". */
    public static MatrixCell toMatrixCell(io.patchbay.model.workspace.MatrixCell c, boolean releasePulled) {
        MatrixState state = state(c, releasePulled);
        String event = c.word().isEmpty() ? null : c.word() + (c.reason() == null ? "" : ": " + c.reason());
        return new MatrixCell(state, c.percent(), c.reason(), c.nextTryAt(), event, c.updatedAt(), c.nextChance());
    }

    static MatrixState state(io.patchbay.model.workspace.MatrixCell c, boolean releasePulled) {
        String word = c.word();
        if (c.patch() != null && word.equals(c.patch().word())) {
            return of(c.patch());
        }
        if (word.equals(PatchState.PULLED.word())) { // pulled before its kit arrived
            return MatrixState.PULLED;
        }
        if (word.equals("held")) {
            return releasePulled ? MatrixState.PULLED : MatrixState.HELD;
        }
        return c.delivery() == null ? MatrixState.NONE : of(c.delivery());
    }

    /** The agent's word: a kit that arrived and was not yet evaluated shows as delivered. */
    public static MatrixState of(PatchState patch) {
        return switch (patch) {
            case RECEIVED -> MatrixState.DELIVERED;
            case REJECTED -> MatrixState.REJECTED;
            case WAITING -> MatrixState.WAITING;
            case SCHEDULED -> MatrixState.SCHEDULED;
            case INSTALLING -> MatrixState.INSTALLING;
            case INSTALLED, UP_TO_DATE -> MatrixState.INSTALLED;
            case ROLLED_BACK -> MatrixState.ROLLED_BACK;
            case FAILED -> MatrixState.FAILED;
            case PULLED -> MatrixState.PULLED;
            case HELD -> MatrixState.HELD;
            // The site's machine failed (disk full...): retried there, so not final; the reason says what failed.
            case SITE_FAILURE -> MatrixState.RETRYING;
        };
    }

    /** The outbox's word; a delivery a person cancelled is shown as held (that is how the matrix holds). */
    public static MatrixState of(DeliveryState delivery) {
        return switch (delivery) {
            case QUEUED -> MatrixState.QUEUED;
            case SENDING -> MatrixState.SENDING;
            case RETRYING -> MatrixState.RETRYING;
            case DELIVERED -> MatrixState.DELIVERED;
            case REJECTED -> MatrixState.REJECTED;
            case CANCELLED -> MatrixState.HELD;
        };
    }
}

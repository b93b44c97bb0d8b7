package io.patchbay.app.ui.matrix;

import java.util.List;

/**
 * What a user can do to selected cells. Implemented over the outbox and rollout domain; the view model
 * calls these on a background thread, so they may block. A refusal is a PatchbayException whose message
 * the user sees.
 */
public interface MatrixActions {
    /** Push now, skipping the wait of a retry or a rollout wave. */
    void deliverNow(List<CellRef> cells);

    /** Try a failed delivery again at once. */
    void retry(List<CellRef> cells);

    /** Stop these deliveries until released. */
    void hold(List<CellRef> cells);

    /** Lift a hold on these deliveries. */
    void releaseHold(List<CellRef> cells);
}

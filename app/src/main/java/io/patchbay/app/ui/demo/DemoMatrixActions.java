package io.patchbay.app.ui.demo;

import io.patchbay.app.ui.matrix.CellRef;
import io.patchbay.app.ui.matrix.MatrixActions;
import io.patchbay.model.matrix.MatrixCell;
import io.patchbay.model.matrix.MatrixState;

import java.time.Instant;
import java.util.List;

/**
 * Demo stand-ins for the matrix's actions until the outbox is connected: they only change the
 * generated cells so the grid's live repaint can be seen. No rule of the real outbox lives here.
 */
public final class DemoMatrixActions implements MatrixActions {
    private final GeneratedMatrixSource source;

    public DemoMatrixActions(GeneratedMatrixSource source) {
        this.source = source;
    }

    @Override
    public void deliverNow(List<CellRef> cells) {
        set(cells, MatrixState.SENDING, "demo: deliver now");
    }

    @Override
    public void retry(List<CellRef> cells) {
        set(cells, MatrixState.SENDING, "demo: retry");
    }

    @Override
    public void hold(List<CellRef> cells) {
        set(cells, MatrixState.HELD, "demo: held");
    }

    @Override
    public void releaseHold(List<CellRef> cells) {
        set(cells, MatrixState.QUEUED, "demo: hold released");
    }

    private void set(List<CellRef> cells, MatrixState state, String event) {
        for (CellRef cell : cells) {
            source.set(cell.site(), cell.release(), new MatrixCell(state, 0, null, null, event, Instant.now()));
        }
    }
}

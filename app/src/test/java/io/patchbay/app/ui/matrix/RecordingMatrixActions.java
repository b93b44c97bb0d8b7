package io.patchbay.app.ui.matrix;

import io.patchbay.model.PatchbayException;

import java.util.ArrayList;
import java.util.List;

/** Records each call; refuses every call when given a refusal. */
final class RecordingMatrixActions implements MatrixActions {
    final List<String> calls = new ArrayList<>();
    String refusal;

    @Override
    public void deliverNow(List<CellRef> cells) {
        record("deliverNow", cells);
    }

    @Override
    public void retry(List<CellRef> cells) {
        record("retry", cells);
    }

    @Override
    public void hold(List<CellRef> cells) {
        record("hold", cells);
    }

    @Override
    public void releaseHold(List<CellRef> cells) {
        record("releaseHold", cells);
    }

    private void record(String action, List<CellRef> cells) {
        if (refusal != null) {
            throw new PatchbayException(refusal);
        }
        calls.add(action + " " + cells);
    }
}

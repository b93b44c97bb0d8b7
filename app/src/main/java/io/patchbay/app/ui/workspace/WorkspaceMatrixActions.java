package io.patchbay.app.ui.workspace;

import io.patchbay.app.ui.matrix.CellRef;
import io.patchbay.app.ui.matrix.MatrixActions;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.Deliveries;
import io.patchbay.model.workspace.Workspace;

import java.util.List;

/**
 * The matrix's actions over the outbox. Deliver now and retry both ask {@link Deliveries#deliverNow}
 * (a waiting or retrying delivery becomes due at once). Hold cancels the delivery
 * ({@link Deliveries#cancel}: the outbox's only per-site stop, shown as held), and release hold queues
 * it again (deliverNow re-queues a cancelled delivery). Pausing a whole rollout is on the Rollout screen.
 */
public final class WorkspaceMatrixActions implements MatrixActions {
    private final Workspace workspace;
    private final WorkspaceMatrixSource source;
    private final String person;

    public WorkspaceMatrixActions(Workspace workspace, WorkspaceMatrixSource source, String person) {
        this.workspace = workspace;
        this.source = source;
        this.person = person;
    }

    @Override
    public void deliverNow(List<CellRef> cells) {
        each(cells, "deliver now", d -> workspace.deliveries().deliverNow(d.id(), person));
    }

    @Override
    public void retry(List<CellRef> cells) {
        each(cells, "retry", d -> workspace.deliveries().deliverNow(d.id(), person));
    }

    @Override
    public void hold(List<CellRef> cells) {
        each(cells, "hold", d -> workspace.deliveries().cancel(d.id(), person, "held by " + person));
    }

    @Override
    public void releaseHold(List<CellRef> cells) {
        each(cells, "release hold", d -> workspace.deliveries().deliverNow(d.id(), person));
    }

    private interface Step {
        void apply(Delivery delivery);
    }

    /** Applies the step to every cell; the others still run when one is refused, then the first refusal is told. */
    private void each(List<CellRef> cells, String verb, Step step) {
        PatchbayException first = null;
        int refused = 0;
        for (CellRef cell : cells) {
            try {
                String site = source.siteName(cell.site());
                Delivery d = workspace.deliveries().find(source.releaseId(cell.release()), site)
                        .orElseThrow(() -> new PatchbayException("nothing to " + verb + ": "
                                + source.releaseTitle(cell.release()) + " was never queued for " + site));
                step.apply(d);
            } catch (PatchbayException e) {
                refused++;
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw new PatchbayException(refused == 1 ? first.getMessage()
                    : first.getMessage() + " (and " + (refused - 1) + " more refused)", first);
        }
    }
}

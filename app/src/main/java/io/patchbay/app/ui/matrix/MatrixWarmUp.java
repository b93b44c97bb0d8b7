package io.patchbay.app.ui.matrix;

import io.patchbay.app.ui.DialogService;
import io.patchbay.app.ui.task.TaskExecutor;
import io.patchbay.model.matrix.MatrixSource;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;

import java.time.Clock;
import java.util.List;

/**
 * A matrix over sample data, laid out and rendered under an opaque cover that shows {@code front} (the
 * "Opening workspace" line) while the database opens, when the FX thread is idle. (Under a cover rather than
 * transparent, because nothing transparent is rendered, and rendering is part of what warms up.) The first real matrix then finds the grid's classes
 * loaded, its style sheet matched once for every state and its layout code compiled, and paints in about
 * half the time it takes in a fresh JVM ({@code .ci/bench matrix} prints both). It takes no input and
 * holds no workspace data.
 */
public final class MatrixWarmUp extends StackPane {
    private final MatrixViewModel model;

    public MatrixWarmUp(Node front, MatrixSource sample, TaskExecutor tasks, DialogService dialogs) {
        this.model = new MatrixViewModel(sample, new NoActions(), tasks, dialogs, Runnable::run, Clock.systemDefaultZone());
        MatrixView hidden = new MatrixView(model, null);
        hidden.setMouseTransparent(true);
        hidden.setFocusTraversable(false);
        StackPane cover = new StackPane(front);
        cover.getStyleClass().add("matrix-warm-up-cover");
        getChildren().addAll(hidden, cover);
    }

    /** Stops following the sample source; call when the real matrix takes its place. */
    public void close() {
        model.close();
    }

    /** The warm-up matrix has no cells a person could act on. */
    private static final class NoActions implements MatrixActions {
        @Override
        public void deliverNow(List<CellRef> cells) {
        }

        @Override
        public void retry(List<CellRef> cells) {
        }

        @Override
        public void hold(List<CellRef> cells) {
        }

        @Override
        public void releaseHold(List<CellRef> cells) {
        }
    }
}

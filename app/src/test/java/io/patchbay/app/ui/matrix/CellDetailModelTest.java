package io.patchbay.app.ui.matrix;

import io.patchbay.app.ui.RecordingDialogService;
import io.patchbay.app.ui.task.CurrentThreadTaskExecutor;
import io.patchbay.model.matrix.MatrixCell;
import io.patchbay.model.matrix.MatrixState;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import io.patchbay.model.report.InstallChance;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.patchbay.model.matrix.MatrixState.INSTALLED;
import static io.patchbay.model.matrix.MatrixState.WAITING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The detail pane's model without a Stage. */
class CellDetailModelTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private final TableMatrixSource source = new TableMatrixSource(List.of("pilot"), "1.0.0")
            .site("Graz School", "pilot", WAITING)
            .site("Linz Archive", "pilot", INSTALLED);
    private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
    private final MatrixViewModel matrix = new MatrixViewModel(source, new RecordingMatrixActions(), tasks,
            new RecordingDialogService(), Runnable::run, Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<String> reads = new ArrayList<>();
    private InstallChance nextChance;

    private final CellDetailModel model = new CellDetailModel(matrix, (site, release) -> {
        reads.add(site + "/" + release);
        return new CellDetail(null, List.of(), List.of(), List.of(), nextChance);
    }, tasks, ZoneId.of("America/New_York"), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void withoutACellItSaysHowToChooseOne() {
        assertEquals("Choose a cell to see its details", model.titleProperty().get());
        assertEquals(List.of(), reads);
    }

    @Test
    void theCursorsCellIsShownAndReadAgainWhenItChanges() {
        matrix.select(1, 0, SelectMode.REPLACE);
        assertEquals("Graz School (pilot)  ·  Spruce 1.0.0", model.titleProperty().get());
        assertEquals(WAITING, model.stateProperty().get());
        assertEquals("", model.nextChanceProperty().get(), "unknown next install chance: empty, the row hides");

        nextChance = InstallChance.at(Instant.parse("2026-11-22T21:00:00Z"), "install-window", ZoneId.of("Europe/Paris"));
        source.set(0, 0, new MatrixCell(MatrixState.WAITING, 0, "window: outside 22:00-04:00", null, null, null));

        assertEquals(List.of("0/0", "0/0"), reads);
        assertEquals("window: outside 22:00-04:00", model.reasonProperty().get());
        String shown = model.nextChanceProperty().get();
        assertTrue(shown.startsWith("Sun 2026-11-22 22:00 Europe/Paris (") && shown.contains("America/New_York")
                && shown.endsWith(", in 9 h, by install-window"), shown);

        source.set(1, 0, MatrixCell.of(MatrixState.FAILED));
        assertEquals(2, reads.size(), "another cell's change is not read");
    }
}

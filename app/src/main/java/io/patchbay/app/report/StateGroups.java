package io.patchbay.app.ui.reports;

import io.patchbay.app.ui.workspace.CellStates;
import io.patchbay.model.matrix.MatrixState;
import io.patchbay.model.workspace.MatrixCell;
import io.patchbay.model.workspace.Release;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Counts of matrix cells by the states a summary shows together: in the outbox, delivered, waiting to
 * install, installed, failed (failed, rolled back or rejected), held (held or pulled).
 */
public final class StateGroups {
    public static final List<String> HEADER = List.of("Sites", "In outbox", "Delivered", "Waiting", "Installed",
            "Failed", "Held");
    private static final Map<String, Set<MatrixState>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("In outbox", Set.of(MatrixState.QUEUED, MatrixState.SENDING, MatrixState.RETRYING));
        GROUPS.put("Delivered", Set.of(MatrixState.DELIVERED));
        GROUPS.put("Waiting", Set.of(MatrixState.WAITING, MatrixState.SCHEDULED, MatrixState.INSTALLING));
        GROUPS.put("Installed", Set.of(MatrixState.INSTALLED));
        GROUPS.put("Failed", Set.of(MatrixState.FAILED, MatrixState.ROLLED_BACK, MatrixState.REJECTED));
        GROUPS.put("Held", Set.of(MatrixState.HELD, MatrixState.PULLED));
    }

    private StateGroups() {
    }

    /** The state the matrix shows for a cell. */
    public static MatrixState stateOf(MatrixCell cell, Map<Long, Release> releases) {
        Release r = releases.get(cell.releaseId());
        return CellStates.toMatrixCell(cell, r != null && r.pulled()).state();
    }

    /** One row per key (release title, site name...), in first-seen order of {@code keys}. */
    public static List<List<String>> rows(List<String> keys, List<MatrixCell> cells, Function<MatrixCell, String> keyOf,
                                          Map<Long, Release> releases) {
        Map<String, Map<MatrixState, Integer>> counts = new LinkedHashMap<>();
        keys.forEach(k -> counts.put(k, new EnumMap<>(MatrixState.class)));
        for (MatrixCell c : cells) {
            MatrixState s = stateOf(c, releases);
            counts.computeIfAbsent(keyOf.apply(c), k -> new EnumMap<>(MatrixState.class)).merge(s, 1, Integer::sum);
        }
        List<List<String>> rows = new ArrayList<>();
        counts.forEach((key, byState) -> {
            List<String> row = new ArrayList<>();
            row.add(key);
            int total = byState.entrySet().stream().filter(e -> e.getKey() != MatrixState.NONE)
                    .mapToInt(Map.Entry::getValue).sum();
            row.add(Integer.toString(total));
            for (Set<MatrixState> group : GROUPS.values()) {
                row.add(Integer.toString(group.stream().mapToInt(s -> byState.getOrDefault(s, 0)).sum()));
            }
            rows.add(row);
        });
        return rows;
    }
}

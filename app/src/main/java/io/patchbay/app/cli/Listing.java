package io.patchbay.app.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.patchbay.model.json.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one way list and show commands print: rows are records; {@code --json} writes them as they are (Jackson:
 * nested objects stay objects, times are ISO text), and text is a table whose columns are as wide as their widest
 * cell, so a long value (a pull reason) never shifts the columns after it.
 *
 * @param <R> the row record
 */
final class Listing<R> {
    /** A column of the text table: its header and the cell of a row ({@code null} prints as "-"). */
    record Column<R>(String header, Function<R, Object> cell) {
    }

    private final List<Column<R>> columns;

    private Listing(List<Column<R>> columns) {
        this.columns = List.copyOf(columns);
    }

    @SafeVarargs
    static <R> Listing<R> of(Column<R>... columns) {
        return new Listing<>(List.of(columns));
    }

    static <R> Column<R> column(String header, Function<R, Object> cell) {
        return new Column<>(header, cell);
    }

    /**
     * As {@link #print(PrintWriter, List, boolean)}, but a text listing without rows is {@code emptyHint} (what to
     * do to get one) rather than a lone header line; JSON stays an empty array, for scripts.
     */
    void print(PrintWriter out, List<R> rows, boolean json, String emptyHint) {
        if (rows.isEmpty() && !json) {
            out.println(emptyHint);
        } else {
            print(out, rows, json);
        }
    }

    /** The rows as a table, or as a JSON array with {@code json}. */
    void print(PrintWriter out, List<R> rows, boolean json) {
        if (json) {
            json(out, rows);
            return;
        }
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns.stream().map(Column::header).toList());
        for (R row : rows) {
            cells.add(columns.stream().map(c -> Objects.toString(c.cell().apply(row), "-")).toList());
        }
        int[] width = new int[columns.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], line.get(i).length());
            }
        }
        for (List<String> line : cells) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                boolean last = i == width.length - 1;
                b.append(last ? line.get(i) : String.format("%-" + width[i] + "s  ", line.get(i)));
            }
            out.println(b.toString().stripTrailing());
        }
    }

    /**
     * One record: JSON with {@code json}, else a "name: value" line per field that has a value (a nested object
     * on one line as compact JSON).
     */
    static void show(PrintWriter out, Object row, boolean json) {
        if (json) {
            json(out, row);
            return;
        }
        Map<String, Object> fields = Json.mapper().convertValue(row, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        fields.forEach((name, value) -> {
            if (value != null) {
                out.printf("%-13s %s%n", name + ":", value instanceof Map<?, ?> || value instanceof List<?>
                        ? compact(value) : value);
            }
        });
    }

    private static String compact(Object value) {
        try {
            return Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any value (a row, a list of rows, a result) as pretty JSON. */
    static void json(PrintWriter out, Object value) {
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

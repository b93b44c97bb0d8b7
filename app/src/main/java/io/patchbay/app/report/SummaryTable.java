package io.patchbay.app.report;

import java.util.List;

/**
 * A report table as text: a header and rows, the last of which may be a total row. Written as CSV (RFC 4180,
 * spreadsheet-safe) here, as HTML by {@link ReportHtml}.
 *
 * @param hasTotal the last row is the total of the others
 */
public record SummaryTable(String title, List<String> header, List<List<String>> rows, boolean hasTotal) {
    public SummaryTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** A numeric column (counts, percentages) is drawn right-aligned: every value in it is a number or empty. */
    public boolean numeric(int column) {
        return column > 0 && rows.stream().allMatch(r -> column < r.size()
                && (r.get(column).isEmpty() || r.get(column).matches("\\d+(\\.\\d+)?%?")));
    }

    public String toCsv() {
        StringBuilder b = new StringBuilder();
        line(b, header);
        rows.forEach(r -> line(b, r));
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String c = neutralise(cells.get(i) == null ? "" : cells.get(i));
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        b.append("\r\n");
    }

    /**
     * A cell a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return: a site
     * name or a reason an agent reported can be anything) gets a leading apostrophe, so it reads as the text it is.
     */
    public static String neutralise(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }
}

package io.patchbay.app.ui.reports;

import java.util.List;

/** A report table as text: a header and rows, written as CSV (RFC 4180) or as a small HTML page. */
public record SummaryTable(String title, List<String> header, List<List<String>> rows) {
    public SummaryTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
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
            String c = cells.get(i) == null ? "" : cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        b.append("\r\n");
    }

    public String toHtml() {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>body{font-family:sans-serif}table{border-collapse:collapse}"
                        + "th,td{border:1px solid #999;padding:3px 8px;text-align:left}td.n{text-align:right}</style>\n"
                        + "</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n<table>\n<tr>");
        header.forEach(h -> b.append("<th>").append(escape(h)).append("</th>"));
        b.append("</tr>\n");
        for (List<String> r : rows) {
            b.append("<tr>");
            for (String c : r) {
                boolean number = c != null && c.matches("\\d+");
                b.append(number ? "<td class=\"n\">" : "<td>").append(escape(c == null ? "" : c)).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</table>\n</body>\n</html>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

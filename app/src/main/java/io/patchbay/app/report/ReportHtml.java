package io.patchbay.app.report;

import io.patchbay.model.BuildInfo;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A report as one self-contained, printable HTML file: the workspace's name, when and for which range it was
 * made, its charts as inline SVG and its table (numbers right-aligned, the total row set apart).
 */
public final class ReportHtml {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ENGLISH);
    // The report's own palette: it leaves the application, so it carries its colours (a print-friendly light set).
    private static final String STYLE = "body{font-family:system-ui,'DejaVu Sans',sans-serif;color:#1f2328;margin:24px}"
            + "h1{font-size:20px;margin:0 0 4px}p.meta{color:#57606a;margin:0 0 16px}"
            + "figure{margin:0 0 18px;break-inside:avoid}figcaption{font-weight:bold;margin-bottom:4px}"
            + "p.empty{color:#57606a;font-style:italic}"
            + "table{border-collapse:collapse;margin-top:8px}th,td{border:1px solid #c9d1d9;padding:3px 8px;text-align:left}"
            + "th{background:#eaeef2}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
            + "tr.total td{font-weight:bold;border-top:2px solid #57606a}"
            + "svg .grid{stroke:#dde3e9}svg .axis{stroke:#57606a}svg .tick,svg .label{font-size:11px;fill:#424a53}"
            + "svg .line{fill:none;stroke-width:2}svg .bar{fill:#0a5bd1}"
            + ".s0{stroke:#0a5bd1;fill:#0a5bd1}.s1{stroke:#17622c;fill:#17622c}.s2{stroke:#873800;fill:#873800}"
            + ".s3{stroke:#5a2a9c;fill:#5a2a9c}.s4{stroke:#0b5e5e;fill:#0b5e5e}.s5{stroke:#9d1419;fill:#9d1419}"
            + "@media print{body{margin:0}a{color:inherit}}";

    private ReportHtml() {
    }

    /** Adoption over time per release, installations by ring, failures by reason, and the releases table. */
    public static String releases(ReportData data) {
        return page(data, "Releases", List.of(
                SvgChart.lines("Adoption over time per release", "sites installed",
                        ReportCharts.adoptionByRelease(data), data.zone()),
                SvgChart.lines("Installations by ring (cumulative)", "installations",
                        ReportCharts.installedByRing(data), data.zone()),
                SvgChart.bars("Failures and rollbacks by reason", ReportCharts.failuresByReason(data),
                        "No installation failed or was rolled back in this range.")), ReportTables.releases(data));
    }

    /** The versions sites run, and the sites table. */
    public static String sites(ReportData data) {
        return page(data, "Sites", List.of(SvgChart.bars("Versions the sites run", ReportCharts.versionDistribution(data),
                "No site yet.")), ReportTables.sites(data));
    }

    /** The deltas' counters per release and why sites needed the full kit. */
    public static String deltas(ReportData data) {
        return page(data, "Deltas", List.of(), ReportTables.deltas(data));
    }

    /** Failures by reason, and the event log of the range. */
    public static String events(ReportData data) {
        return page(data, "Events", List.of(SvgChart.bars("Failures and rollbacks by reason",
                ReportCharts.failuresByReason(data), "No installation failed or was rolled back in this range.")),
                ReportTables.events(data));
    }

    private static String page(ReportData data, String what, List<String> charts, SummaryTable table) {
        String title = "Patchbay " + what.toLowerCase(Locale.ROOT) + " report: " + data.workspace();
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(SvgChart.esc(title)).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(SvgChart.esc(title)).append("</h1>\n<p class=\"meta\">Workspace ")
                .append(SvgChart.esc(data.workspace())).append(" &middot; ").append(SvgChart.esc(data.rangeText()))
                .append(" &middot; made ").append(SvgChart.esc(WHEN.format(data.generatedAt().atZone(data.zone()))))
                .append(" by Patchbay ").append(SvgChart.esc(BuildInfo.current().line())).append("</p>\n");
        charts.forEach(b::append);
        b.append("<table>\n<caption style=\"text-align:left;font-weight:bold\">").append(SvgChart.esc(table.title()))
                .append("</caption>\n<tr>");
        for (int i = 0; i < table.header().size(); i++) {
            b.append(table.numeric(i) ? "<th class=\"n\">" : "<th>").append(SvgChart.esc(table.header().get(i))).append("</th>");
        }
        b.append("</tr>\n");
        for (int r = 0; r < table.rows().size(); r++) {
            List<String> row = table.rows().get(r);
            boolean total = table.hasTotal() && r == table.rows().size() - 1;
            b.append(total ? "<tr class=\"total\">" : "<tr>");
            for (int i = 0; i < row.size(); i++) {
                b.append(table.numeric(i) ? "<td class=\"n\">" : "<td>").append(SvgChart.esc(row.get(i))).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</table>\n</body>\n</html>\n").toString();
    }
}

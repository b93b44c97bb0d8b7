package io.patchbay.app.report;

import io.patchbay.model.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A report as JSON: the workspace, the range, the table as objects keyed by header, and the charts' data. */
public final class ReportJson {
    private ReportJson() {
    }

    public static String releases(ReportData data) {
        Map<String, Object> charts = new LinkedHashMap<>();
        charts.put("adoptionByRelease", series(ReportCharts.adoptionByRelease(data)));
        charts.put("installedByRing", series(ReportCharts.installedByRing(data)));
        charts.put("failuresByReason", ReportCharts.failuresByReason(data));
        return write(data, ReportTables.releases(data), charts);
    }

    public static String sites(ReportData data) {
        return write(data, ReportTables.sites(data), Map.of("versionDistribution", ReportCharts.versionDistribution(data)));
    }

    public static String deltas(ReportData data) {
        return write(data, ReportTables.deltas(data), Map.of());
    }

    public static String events(ReportData data) {
        return write(data, ReportTables.events(data), Map.of("failuresByReason", ReportCharts.failuresByReason(data)));
    }

    private static List<Map<String, Object>> series(List<ReportCharts.Series> all) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ReportCharts.Series s : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("points", s.points().stream().map(p -> Map.of("at", p.at().toString(), "value", p.value())).toList());
            out.add(m);
        }
        return out;
    }

    private static String write(ReportData data, SummaryTable table, Map<String, Object> charts) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("workspace", data.workspace());
        root.put("generatedAt", data.generatedAt().toString());
        root.put("generatedBy", "Patchbay " + io.patchbay.model.BuildInfo.current().line());
        root.put("zone", data.zone().getId());
        root.put("from", data.from() == null ? null : data.from().toString());
        root.put("until", data.until() == null ? null : data.until().toString());
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> row : table.rows()) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < table.header().size(); i++) {
                m.put(table.header().get(i), row.get(i));
            }
            rows.add(m);
        }
        root.put(table.title().toLowerCase(java.util.Locale.ROOT), rows);
        root.put("charts", charts);
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON: " + e.getMessage(), e);
        }
    }
}

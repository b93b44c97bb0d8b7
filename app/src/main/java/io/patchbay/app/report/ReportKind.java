package io.patchbay.app.report;

import java.util.Locale;
import java.util.function.Function;

/** Which report: releases, sites, events or deltas; each written as CSV, HTML or JSON. */
public enum ReportKind {
    RELEASES(ReportTables::releases, ReportHtml::releases, ReportJson::releases),
    SITES(ReportTables::sites, ReportHtml::sites, ReportJson::sites),
    EVENTS(ReportTables::events, ReportHtml::events, ReportJson::events),
    DELTAS(ReportTables::deltas, ReportHtml::deltas, ReportJson::deltas);

    /** How a report is written. */
    public enum Format { CSV, HTML, JSON;
        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Function<ReportData, SummaryTable> table;
    private final Function<ReportData, String> html;
    private final Function<ReportData, String> json;

    ReportKind(Function<ReportData, SummaryTable> table, Function<ReportData, String> html,
               Function<ReportData, String> json) {
        this.table = table;
        this.html = html;
        this.json = json;
    }

    public SummaryTable table(ReportData data) {
        return table.apply(data);
    }

    /** The report's text in the format. */
    public String render(ReportData data, Format format) {
        return switch (format) {
            case CSV -> table.apply(data).toCsv();
            case HTML -> html.apply(data);
            case JSON -> json.apply(data);
        };
    }

    /** "releases.html". */
    public String fileName(Format format) {
        return name().toLowerCase(Locale.ROOT) + "." + format.extension();
    }
}

package io.patchbay.app.report;

import io.patchbay.app.ui.chart.ChartScale;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Charts as inline SVG for the HTML report: one file that prints, with no script and nothing fetched. Axes
 * come from {@link ChartScale} (whole sites, time ticks that fit the data), as on screen; series colours are
 * the report's style classes {@code s0}..{@code s5}.
 */
final class SvgChart {
    private static final int WIDTH = 760;
    private static final int LEFT = 56;
    private static final int RIGHT = 20;
    private static final int TOP = 34;
    private static final int BOTTOM = 62;
    private static final int SERIES_CLASSES = 6;
    private static final int MAX_LINES = 4;

    private SvgChart() {
    }

    /** Step lines over a real time axis; words instead when there is nothing to draw. */
    static String lines(String title, String yLabel, List<ReportCharts.Series> series, ZoneId zone) {
        if (series.isEmpty()) {
            return empty(title, "Nothing installed in this range yet.");
        }
        if (series.size() > MAX_LINES) { // more lines would be noise on paper: the newest
            title = title + " (the newest " + MAX_LINES + " of " + series.size() + ")";
            series = series.subList(series.size() - MAX_LINES, series.size());
        }
        int height = 300;
        Instant first = series.stream().map(s -> s.points().get(0).at()).min(Instant::compareTo).orElseThrow();
        Instant last = series.stream().map(s -> s.points().get(s.points().size() - 1).at()).max(Instant::compareTo).orElseThrow();
        long most = series.stream().flatMap(s -> s.points().stream()).mapToLong(ReportCharts.Point::value).max().orElse(1);
        ChartScale.Range x = ChartScale.time(first, last);
        ChartScale.Range y = ChartScale.count(most);
        StringBuilder b = open(title, height);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = height - TOP - BOTTOM;
        for (long t : y.ticks()) {
            double py = TOP + plotH - plotH * (t - y.lower()) / (y.upper() - y.lower());
            b.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                    + "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>%n",
                    LEFT, py, WIDTH - RIGHT, py, LEFT - 6, py + 4, t));
        }
        for (long t : x.ticks()) {
            double px = LEFT + plotW * (t - x.lower()) / (x.upper() - x.lower());
            b.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                    px, TOP + plotH, px, TOP + plotH + 4, px, TOP + plotH + 18, esc(ChartScale.tick(x, t, zone))));
        }
        b.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%d\">%s</text>%n", LEFT,
                TOP - 8, esc(yLabel)));
        b.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">time (%s)</text>%n",
                WIDTH - RIGHT, TOP + plotH + 34, esc(zone.getId())));
        int i = 0;
        for (ReportCharts.Series s : series) {
            StringBuilder path = new StringBuilder();
            double prevY = TOP + plotH;
            for (ReportCharts.Point p : s.points()) {
                double px = LEFT + plotW * (p.at().getEpochSecond() - x.lower()) / (x.upper() - x.lower());
                double py = TOP + plotH - plotH * (p.value() - y.lower()) / (y.upper() - y.lower());
                path.append(path.length() == 0 ? String.format(Locale.ROOT, "M%.1f %.1f", px, prevY)
                        : "").append(String.format(Locale.ROOT, " L%.1f %.1f L%.1f %.1f", px, prevY, px, py));
                prevY = py;
            }
            path.append(String.format(Locale.ROOT, " L%d %.1f", WIDTH - RIGHT, prevY));
            b.append("<path class=\"line s").append(i % SERIES_CLASSES).append("\" d=\"").append(path).append("\"/>\n");
            double lx = LEFT + i * 170;
            double ly = height - 14;
            b.append(String.format(Locale.ROOT, "<rect class=\"key s%d\" x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"4\"/>"
                    + "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%s</text>%n", i % SERIES_CLASSES, lx, ly - 4, lx + 16,
                    ly, esc(s.name() + " (" + s.points().get(s.points().size() - 1).value() + ")")));
            i++;
        }
        return b.append("</svg>\n</figure>\n").toString();
    }

    /** Horizontal bars with their counts; words instead when there is nothing to draw. */
    static String bars(String title, List<ReportCharts.Bar> bars, String emptyText) {
        if (bars.isEmpty()) {
            return empty(title, emptyText);
        }
        int row = 24;
        int labelWidth = 330;
        int height = TOP + bars.size() * row + 30;
        long most = bars.stream().mapToLong(ReportCharts.Bar::value).max().orElse(1);
        ChartScale.Range scale = ChartScale.count(most);
        double plotW = WIDTH - labelWidth - RIGHT - 40;
        StringBuilder b = open(title, height);
        int y = TOP;
        for (ReportCharts.Bar bar : bars) {
            double w = plotW * bar.value() / scale.upper();
            b.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                    + "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\"/>"
                    + "<text class=\"tick\" x=\"%.1f\" y=\"%d\">%d</text>%n", labelWidth - 8, y + 15, esc(bar.label()),
                    labelWidth, y + 3, w, row - 8, labelWidth + w + 6, y + 15, bar.value()));
            y += row;
        }
        return b.append("</svg>\n</figure>\n").toString();
    }

    private static StringBuilder open(String title, int height) {
        return new StringBuilder("<figure>\n<figcaption>").append(esc(title)).append("</figcaption>\n")
                .append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                        + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">%n", WIDTH, height, WIDTH, height, esc(title)));
    }

    private static String empty(String title, String text) {
        return "<figure>\n<figcaption>" + esc(title) + "</figcaption>\n<p class=\"empty\">" + esc(text) + "</p>\n</figure>\n";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

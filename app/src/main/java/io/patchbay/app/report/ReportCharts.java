package io.patchbay.app.report;

import io.patchbay.model.workspace.Outcome;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data of the reports' charts, for the Reports screen (JavaFX charts) and the HTML report (SVG) alike:
 * adoption over time per release, cumulative installations by ring, the versions sites run, and failures
 * and rollbacks by reason.
 */
public final class ReportCharts {
    /** How long a reason may be on a bar's label. */
    private static final int REASON_LENGTH = 70;

    /** A count at a moment. */
    public record Point(Instant at, long value) {
    }

    /** A named line of a chart: a count that steps up over time. */
    public record Series(String name, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    /** A named bar. */
    public record Bar(String label, long value) {
    }

    private ReportCharts() {
    }

    /**
     * Per release, how many sites had it installed at each moment of the range (the sites that installed it
     * before the range start it; the line steps up at each first installation and down at an operator's
     * rollback).
     */
    public static List<Series> adoptionByRelease(ReportData data) {
        Map<Long, String> titles = new LinkedHashMap<>();
        data.releases().stream().sorted(Comparator.comparing(Release::releasedAt)).forEach(r -> titles.put(r.id(), r.title()));
        return cumulative(data, o -> titles.getOrDefault(o.releaseId(), o.releaseTitle()), new ArrayList<>(titles.values()));
    }

    /** Per ring, how many releases were installed on its sites at each moment of the range (any release). */
    public static List<Series> installedByRing(ReportData data) {
        List<String> rings = new ArrayList<>();
        io.patchbay.app.ui.workspace.WorkspaceMatrixSource.RING_ORDER.stream()
                .filter(r -> data.sites().stream().anyMatch(s -> s.ring().equals(r))).forEach(rings::add);
        data.sites().stream().map(Site::ring).filter(r -> !rings.contains(r)).distinct().sorted().forEach(rings::add);
        return cumulative(data, Outcome::ring, rings);
    }

    private static List<Series> cumulative(ReportData data, java.util.function.Function<Outcome, String> keyOf,
                                           List<String> order) {
        Map<String, List<Point>> points = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Instant start = data.start();
        for (Outcome o : data.outcomes()) {
            boolean up = o.kind() == Outcome.Kind.INSTALLED;
            if (!up && o.kind() != Outcome.Kind.OPERATOR_ROLLBACK || o.at() == null || !beforeEnd(data, o.at())) {
                continue;
            }
            String key = keyOf.apply(o);
            long n = counts.merge(key, up ? 1L : -1L, Long::sum);
            List<Point> line = points.computeIfAbsent(key, k -> new ArrayList<>());
            Point p = new Point(start != null && o.at().isBefore(start) ? start : o.at(), n);
            if (!line.isEmpty() && line.get(line.size() - 1).at().equals(p.at())) {
                line.set(line.size() - 1, p); // several at one moment: one step
            } else {
                line.add(p);
            }
        }
        List<Series> series = new ArrayList<>();
        for (String key : order) {
            if (points.containsKey(key)) {
                series.add(new Series(key, points.get(key)));
            }
        }
        return series;
    }

    private static boolean beforeEnd(ReportData data, Instant t) {
        return data.end() == null || t.isBefore(data.end());
    }

    /** How many sites run each version now (the newest installed per product); sites with none say so. */
    public static List<Bar> versionDistribution(ReportData data) {
        Map<String, String> runs = ReportTables.runs(data);
        Map<String, Long> counts = new TreeMap<>();
        for (Site s : data.sites()) {
            String versions = runs.get(s.name());
            if (versions == null) {
                counts.merge("nothing installed yet", 1L, Long::sum);
            } else {
                for (String v : versions.split(", ")) {
                    counts.merge(v, 1L, Long::sum);
                }
            }
        }
        return counts.entrySet().stream().map(e -> new Bar(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Bar::value).reversed().thenComparing(Bar::label)).toList();
    }

    /** Failed installations, rollbacks after a failure and operators' rollbacks in the range, by reason. */
    public static List<Bar> failuresByReason(ReportData data) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Outcome o : data.outcomes()) {
            if (o.kind() != Outcome.Kind.INSTALLED && data.inRange(o.at())) {
                counts.merge(o.kind().word() + ": " + shortReason(o), 1L, Long::sum);
            }
        }
        return counts.entrySet().stream().map(e -> new Bar(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Bar::value).reversed().thenComparing(Bar::label)).toList();
    }

    private static String shortReason(Outcome o) {
        String r = o.reason() == null || o.reason().isBlank() ? "no reason given" : o.reason().strip();
        // An operator's rollback names its time: the same choice reads as one reason.
        if (o.kind() == Outcome.Kind.OPERATOR_ROLLBACK) {
            r = r.replaceAll(" at \\S+$", "");
        }
        return r.length() <= REASON_LENGTH ? r : r.substring(0, REASON_LENGTH - 3) + "...";
    }
}

package io.patchbay.app.report;

import io.patchbay.model.release.Version;
import io.patchbay.model.workspace.Event;
import io.patchbay.model.workspace.MatrixCell;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The report tables: per release (how many sites in each state group, installed share, with a total row),
 * per site (how many releases in each group and the versions it runs) and the event log of the range.
 */
public final class ReportTables {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ENGLISH);

    private ReportTables() {
    }

    /** One row per release, newest first, then a total row. Counts are of sites. */
    public static SummaryTable releases(ReportData data) {
        List<String> header = new ArrayList<>(List.of("Release", "Sites"));
        header.addAll(StateGroups.titles());
        header.add("Installed %");
        List<Release> newestFirst = new ArrayList<>(data.releases());
        newestFirst.sort(java.util.Comparator.comparing(Release::releasedAt).reversed());
        Map<String, String> keys = new LinkedHashMap<>();
        newestFirst.forEach(r -> keys.put(Long.toString(r.id()), r.title() + (r.pulled() ? " (pulled)" : "")));
        return table(data, "Releases", header, keys, c -> Long.toString(c.releaseId()), (k, row) -> { });
    }

    /** One row per site, by ring and name, then a total row. Counts are of releases; the versions it runs. */
    public static SummaryTable sites(ReportData data) {
        List<String> header = new ArrayList<>(List.of("Site", "Releases"));
        header.addAll(StateGroups.titles());
        header.add("Installed %");
        header.add("Runs");
        Map<String, String> keys = new LinkedHashMap<>();
        List<String> rings = io.patchbay.app.ui.workspace.WorkspaceMatrixSource.RING_ORDER;
        data.sites().stream().sorted(java.util.Comparator.comparingInt((Site s) -> rings.contains(s.ring())
                        ? rings.indexOf(s.ring()) : rings.size()).thenComparing(Site::ring).thenComparing(Site::name))
                .forEach(s -> keys.put(s.name(), s.name() + " (" + s.ring() + ")"));
        Map<String, String> runs = runs(data);
        return table(data, "Sites", header, keys, MatrixCell::siteName,
                (k, row) -> row.add(k == null ? "" : runs.getOrDefault(k, "")));
    }

    /**
     * One row per release whose deltas reached sites: how many, how many sites installed from them, how many needed
     * the full kit, and the reasons they gave (each with its count), then a total row. All time: a delta's story is
     * short and the counters are about the release, not the range.
     */
    public static SummaryTable deltas(ReportData data) {
        List<List<String>> rows = new ArrayList<>();
        int[] total = new int[3];
        for (io.patchbay.model.workspace.DeltaCounts d : data.deltas()) {
            StringBuilder why = new StringBuilder();
            d.reasons().forEach((reason, n) -> why.append(why.length() == 0 ? "" : "; ").append(n).append(" x ")
                    .append(reason));
            rows.add(List.of(d.releaseTitle(), Integer.toString(d.sent()), Integer.toString(d.applied()),
                    Integer.toString(d.fellBack()), why.toString()));
            total[0] += d.sent();
            total[1] += d.applied();
            total[2] += d.fellBack();
        }
        rows.add(List.of("Total", Integer.toString(total[0]), Integer.toString(total[1]), Integer.toString(total[2]), ""));
        return new SummaryTable("Deltas", List.of("Release", "Deltas sent", "Applied", "Fell back",
                "Why they fell back"), rows, true);
    }

    /** The events of the range, newest first. */
    public static SummaryTable events(ReportData data) {
        List<List<String>> rows = new ArrayList<>();
        for (Event e : data.events()) {
            rows.add(List.of(WHEN.format(e.at().atZone(data.zone())), e.kind(), e.subject(),
                    e.detail() == null ? "" : e.detail(), e.actor()));
        }
        return new SummaryTable("Events", List.of("When", "Kind", "Subject", "Detail", "By"), rows, false);
    }

    /** Per site, the newest installed version of each product: "Spruce 12.10.11". */
    public static Map<String, String> runs(ReportData data) {
        Map<Long, Release> byId = new HashMap<>();
        data.releases().forEach(r -> byId.put(r.id(), r));
        Map<String, Map<String, Version>> newest = new TreeMap<>();
        for (MatrixCell c : data.cells()) {
            Release r = byId.get(c.releaseId());
            if (r != null && c.state() == io.patchbay.model.matrix.MatrixState.INSTALLED) {
                newest.computeIfAbsent(c.siteName(), k -> new TreeMap<>()).merge(r.product(), r.version(),
                        (a, b) -> a.isNewerThan(b) ? a : b);
            }
        }
        Map<String, String> runs = new HashMap<>();
        newest.forEach((site, products) -> runs.put(site, String.join(", ",
                products.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList())));
        return runs;
    }

    private interface Extra {
        void add(String key, List<String> row);
    }

    private static SummaryTable table(ReportData data, String title, List<String> header, Map<String, String> keys,
                                      Function<MatrixCell, String> keyOf, Extra extra) {
        Map<String, Map<StateGroups, Integer>> counts = new LinkedHashMap<>();
        keys.keySet().forEach(k -> counts.put(k, new EnumMap<>(StateGroups.class)));
        Map<StateGroups, Integer> total = new EnumMap<>(StateGroups.class);
        for (MatrixCell c : data.cells()) {
            StateGroups g = StateGroups.of(c, data.operatorRollback(c));
            Map<StateGroups, Integer> row = counts.get(keyOf.apply(c));
            if (g != null && row != null) {
                row.merge(g, 1, Integer::sum);
                total.merge(g, 1, Integer::sum);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        counts.forEach((key, byGroup) -> {
            List<String> row = row(keys.get(key), byGroup);
            extra.add(key, row);
            rows.add(row);
        });
        List<String> totalRow = row("Total", total);
        extra.add(null, totalRow);
        rows.add(totalRow);
        return new SummaryTable(title, header, rows, true);
    }

    private static List<String> row(String name, Map<StateGroups, Integer> byGroup) {
        int all = byGroup.values().stream().mapToInt(Integer::intValue).sum();
        List<String> row = new ArrayList<>();
        row.add(name);
        row.add(Integer.toString(all));
        for (StateGroups g : StateGroups.values()) {
            row.add(Integer.toString(byGroup.getOrDefault(g, 0)));
        }
        int installed = byGroup.getOrDefault(StateGroups.INSTALLED, 0);
        row.add(all == 0 ? "" : percent(installed, all));
        return row;
    }

    /** "75%", "99.5%": whole percent, a decimal only where the whole number would say 100 or 0 wrongly. */
    public static String percent(long part, long whole) {
        double p = 100.0 * part / whole;
        if (part > 0 && p < 1 || part < whole && p > 99) {
            return String.format(Locale.ROOT, "%.1f%%", Math.floor(p * 10) / 10);
        }
        return (long) Math.floor(p) + "%";
    }
}

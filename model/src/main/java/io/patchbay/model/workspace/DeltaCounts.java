package io.patchbay.model.workspace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a release's deltas fared: how many sites a delta reached, how many installed the release from it, and how many
 * needed the full kit instead, with the sites' reasons grouped (most frequent first).
 *
 * @param sent     deliveries whose delta reached the site
 * @param applied  sites that installed the release from its delta
 * @param fellBack sites that refused the delta and were sent the full kit
 * @param reasons  the refusals' reasons ("needs the full kit: ..."), each with how many sites gave it
 */
public record DeltaCounts(long releaseId, String releaseTitle, int sent, int applied, int fellBack,
                          Map<String, Integer> reasons) {
    static final String FELL_BACK = "fell back";

    public DeltaCounts {
        reasons = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
    }

    /** {@code deltas sent 2, applied 1, fell back 1}: one line for status and reports. */
    public String summary() {
        return "deltas sent " + sent + ", applied " + applied + ", fell back " + fellBack;
    }

    static List<DeltaCounts> read(Connection c) throws SQLException {
        Map<Long, String> titles = new TreeMap<>();
        Map<Long, int[]> counts = new TreeMap<>();
        Map<Long, Map<String, Integer>> reasons = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT d.release_id, p.name, r.version, d.delta_outcome, "
                + "d.fallback_reason FROM delivery d JOIN release r ON r.id = d.release_id "
                + "JOIN product p ON p.id = r.product_id WHERE d.kind = 'kit' AND d.delta_kit IS NOT NULL "
                + "ORDER BY d.release_id, d.id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long release = r.getLong(1);
                titles.put(release, r.getString(2) + " " + r.getString(3));
                int[] n = counts.computeIfAbsent(release, k -> new int[3]);
                n[0]++;
                String outcome = r.getString(4);
                if ("applied".equals(outcome)) {
                    n[1]++;
                } else if (FELL_BACK.equals(outcome)) {
                    n[2]++;
                    String why = r.getString(5) == null ? "(no reason given)" : r.getString(5);
                    reasons.computeIfAbsent(release, k -> new TreeMap<>()).merge(why, 1, Integer::sum);
                }
            }
        }
        List<DeltaCounts> all = new ArrayList<>();
        for (Map.Entry<Long, int[]> e : counts.entrySet()) {
            Map<String, Integer> grouped = new LinkedHashMap<>();
            reasons.getOrDefault(e.getKey(), Map.of()).entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(x -> grouped.put(x.getKey(), x.getValue()));
            int[] n = e.getValue();
            all.add(new DeltaCounts(e.getKey(), titles.get(e.getKey()), n[0], n[1], n[2], grouped));
        }
        all.sort(java.util.Comparator.comparing(DeltaCounts::releaseTitle));
        return all;
    }
}

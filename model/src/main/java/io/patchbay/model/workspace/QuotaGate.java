package io.patchbay.model.workspace;

import io.patchbay.model.rollout.Admission;
import io.patchbay.model.rollout.QuotaRule;
import io.patchbay.model.rollout.RolloutClock;
import io.patchbay.model.rollout.RolloutPlan;
import io.patchbay.model.rollout.Target;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The daily quota as the outbox applies it when taking rows: for every running rollout with a quota,
 * {@link RolloutPlan} says how many of its targets (in their fixed order) are admitted now; deliveries
 * of targets past that count are not due yet.
 *
 * <p>Decisions: {@code --growth N} is read as N more sites each day (QuotaRule factor 1, step N), which
 * is what the stored {@code quota_growth_per_day} column means; quota days are UTC days (the workspace
 * has no time zone setting yet); the rollout's clock ignores its pauses (a paused rollout admits nothing
 * anyway, but days spent paused still count towards the quota).
 */
final class QuotaGate {
    private QuotaGate() {
    }

    /**
     * An SQL condition on delivery alias {@code d} that is true for deliveries the quota holds back;
     * {@code 1 = 0} when no quota holds anything. Only ids and counts are inlined (numbers, not text).
     */
    static String heldBack(Connection c, Instant now, String d) throws SQLException {
        return heldBack(limits(c, now), d);
    }

    /** For each running rollout whose quota holds sites back: {rollout id, admitted count}. */
    static List<long[]> limits(Connection c, Instant now) throws SQLException {
        List<long[]> limits = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, ring_order, quota_first_day, quota_growth_per_day, "
                + "started_at FROM rollout WHERE state = 'running' AND quota_first_day IS NOT NULL");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long id = r.getLong("id");
                int first = r.getInt("quota_first_day");
                Integer growth = Sql.integer(r, "quota_growth_per_day");
                List<String> rings = List.of(r.getString("ring_order").split(","));
                Instant started = Sql.instant(r, "started_at");
                List<Target> targets = targets(c, id, rings);
                if (targets.isEmpty()) {
                    continue;
                }
                RolloutPlan plan = new RolloutPlan(rings, new QuotaRule(first, 1.0, growth == null ? 0 : growth),
                        false, ZoneOffset.UTC);
                Admission admission = plan.admitted(targets, RolloutClock.startedAt(started), now, Map.of());
                if (admission.count() < targets.size()) {
                    limits.add(new long[]{id, admission.count()});
                }
            }
        }
        return limits;
    }

    /** The condition for delivery alias {@code d} from {@link #limits}. */
    static String heldBack(List<long[]> limits, String d) {
        if (limits.isEmpty()) {
            return "1 = 0";
        }
        StringBuilder sql = new StringBuilder("(");
        for (int i = 0; i < limits.size(); i++) {
            if (i > 0) {
                sql.append(" OR ");
            }
            sql.append("(").append(d).append(".rollout_id = ").append(limits.get(i)[0])
                    .append(" AND EXISTS (SELECT 1 FROM rollout_target qt WHERE qt.rollout_id = ").append(d)
                    .append(".rollout_id AND qt.site_id = ").append(d).append(".site_id AND qt.position >= ")
                    .append(limits.get(i)[1]).append("))");
        }
        return sql.append(")").toString();
    }

    /** The targets in their fixed order, each in the ring it had when the rollout started (its wave). */
    private static List<Target> targets(Connection c, long rolloutId, List<String> rings) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT s.name, t.wave FROM rollout_target t "
                + "JOIN site s ON s.id = t.site_id WHERE t.rollout_id = ? ORDER BY t.position")) {
            s.setLong(1, rolloutId);
            try (ResultSet r = s.executeQuery()) {
                List<Target> targets = new ArrayList<>();
                while (r.next()) {
                    targets.add(new Target(r.getString(1), rings.get(r.getInt(2))));
                }
                return targets;
            }
        }
    }
}

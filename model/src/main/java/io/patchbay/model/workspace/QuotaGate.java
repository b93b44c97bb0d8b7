package io.patchbay.model.workspace;

import io.patchbay.model.rollout.Admission;
import io.patchbay.model.rollout.QuotaRule;
import io.patchbay.model.rollout.RingAdvance;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The daily quota as the outbox applies it when taking rows: for every running rollout with a quota,
 * {@link RolloutPlan} says how many of its targets (in their fixed order) are admitted now; deliveries
 * of targets past that count are not due yet.
 *
 * <p>Decisions: {@code --growth N} is read as N more sites each day (QuotaRule step N), {@code --growth Nx}
 * as N times as many (QuotaRule factor N); quota days are UTC days (the workspace has no time zone setting
 * yet); the rollout's clock ignores its pauses (a paused rollout admits nothing anyway, but days spent
 * paused still count towards the quota). A rollout without a quota but with a ring advance rule is
 * gated too: its rings still open one after the other. With {@code --advance-at
 * X%} a ring is "complete" at the first successful installation that brought X% of it to installed.
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
        List<Rollout> gated = Rollouts.query(c, " WHERE o.state = 'running' AND (o.quota_first_day IS NOT NULL "
                + "OR o.advance_at_percent IS NOT NULL OR o.advance_after_days IS NOT NULL)");
        for (Rollout rollout : gated) {
            long id = rollout.id();
            List<String> rings = rollout.ringOrder();
            List<Target> targets = targets(c, id, rings);
            if (targets.isEmpty()) {
                continue;
            }
            QuotaRule quota = rollout.quota() == null ? null : rollout.quota().rule();
            RingAdvance advance = rollout.advance();
            RolloutPlan plan = new RolloutPlan(rings, quota, advance.waitsForInstalls(), ZoneOffset.UTC,
                    advance.afterDays());
            Map<String, Instant> completed = advance.waitsForInstalls()
                    ? ringsInstalled(c, rollout, targets, advance) : Map.of();
            Admission admission = plan.admitted(targets, RolloutClock.startedAt(rollout.startedAt()), now, completed);
            if (admission.count() < targets.size()) {
                limits.add(new long[]{id, admission.count()});
            }
        }
        return limits;
    }

    /**
     * For each ring, when enough of its sites had installed the release for the next ring to open: the
     * finish of the successful installation that reached the share; rings not there yet are absent.
     */
    private static Map<String, Instant> ringsInstalled(Connection c, Rollout rollout, List<Target> targets,
                                                       RingAdvance advance) throws SQLException {
        Map<String, List<Instant>> installedAt = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT t.wave, MIN(i.finished_at) AS first_installed FROM rollout_target t "
                + "JOIN installation i ON i.site_id = t.site_id AND i.release_id = ? AND i.state = 'INSTALLED' "
                + "WHERE t.rollout_id = ? AND i.finished_at IS NOT NULL GROUP BY t.site_id, t.wave")) {
            Sql.bind(s, rollout.releaseId(), rollout.id());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    installedAt.computeIfAbsent(rollout.ringOrder().get(r.getInt(1)), k -> new ArrayList<>())
                            .add(Sql.instant(r, "first_installed"));
                }
            }
        }
        Map<String, Instant> completed = new HashMap<>();
        for (String ring : rollout.ringOrder()) {
            int size = (int) targets.stream().filter(t -> t.ring().equals(ring)).count();
            List<Instant> times = installedAt.getOrDefault(ring, List.of()).stream().sorted().toList();
            int needed = advance.installsNeeded(size);
            if (size > 0 && times.size() >= needed) {
                completed.put(ring, times.get(needed - 1));
            }
        }
        return completed;
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

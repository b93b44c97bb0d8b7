package io.patchbay.model.workspace;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.release.Channel;
import io.patchbay.model.rollout.FailureThreshold;
import io.patchbay.model.rollout.RingAdvance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Rollouts: start one (fixing every site's place), pause and resume it. */
public final class Rollouts {
    private static final String COLUMNS = "o.id, o.release_id, p.name AS product, r.version, o.state, o.ring_order, "
            + "o.quota_first_day, o.quota_growth_per_day, o.quota_growth_factor, o.started_at, o.started_by, o.updated_at, "
            + "o.pause_after_failures, o.pause_after_percent, o.advance_at_percent, o.advance_after_days, o.paused_reason "
            + "FROM rollout o "
            + "JOIN release r ON r.id = o.release_id JOIN product p ON p.id = r.product_id";

    private final Database db;

    Rollouts(Database db) {
        this.db = db;
    }

    /** {@link #startWith} with no failure threshold and rings opening on the quota alone. */
    public Rollout start(long releaseId, List<String> siteNames, List<String> ringOrder, DailyQuota quota,
                         String actor) {
        return startWith(releaseId, siteNames, ringOrder, quota, null, RingAdvance.QUOTA_ONLY, actor).rollout();
    }

    /**
     * Starts a rollout of the release to the named sites that do not have it yet, and queues one delivery
     * per such site. A site the release is already on its way to (a delivery not cancelled) or at (its
     * agent reported it) is left out and named; when that leaves none, nothing starts and the refusal
     * says so. Sites are ordered once, here: by the position of their ring in {@code ringOrder} (rings not
     * listed follow, alphabetically), then by name. That order is stored and never recomputed, so a
     * restart never reshuffles it.
     *
     * @param quota      null for no daily quota
     * @param pauseAfter null: the rollout never pauses itself
     * @param advance    when the next ring opens
     */
    public RolloutStart startWith(long releaseId, List<String> siteNames, List<String> ringOrder, DailyQuota quota,
                                  FailureThreshold pauseAfter, RingAdvance advance, String actor) {
        if (siteNames.isEmpty()) {
            throw new PatchbayException("a rollout needs at least one site");
        }
        return db.inTransaction("start a rollout", c -> {
            Instant now = db.now(c);
            Release release = Releases.find(c, releaseId)
                    .orElseThrow(() -> new NotFoundException("no release with id " + releaseId));
            if (release.pulled()) {
                throw new PatchbayException(release.title() + " is pulled: it cannot be rolled out");
            }
            List<Site> sites = new ArrayList<>();
            List<String> already = new ArrayList<>();
            for (String name : new LinkedHashSet<>(siteNames)) {
                Site site = Sites.find(c, name).orElseThrow(() -> Sites.noSuchSite(name));
                if (release.channel() == Channel.BETA && site.spec().channel() == Channel.STABLE) {
                    throw new PatchbayException("site " + name + " follows the stable channel; "
                            + release.title() + " is beta");
                }
                if (hasRelease(c, releaseId, site.id())) {
                    already.add(name);
                } else {
                    sites.add(site);
                }
            }
            already.sort(null);
            if (sites.isEmpty()) {
                throw new PatchbayException("nothing to send: " + release.title() + " is already on its way to or at "
                        + (already.size() == 1 ? "site " + already.get(0) : "every site named (" + String.join(", ", already) + ")")
                        + "; no rollout started");
            }
            List<String> rings = waveOrder(ringOrder, sites);
            sites.sort(Comparator.comparingInt((Site s) -> rings.indexOf(s.ring())).thenComparing(Site::name));

            long id;
            RingAdvance ringAdvance = advance == null ? RingAdvance.QUOTA_ONLY : advance;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO rollout (release_id, state, ring_order, "
                    + "quota_first_day, quota_growth_per_day, quota_growth_factor, started_at, started_by, updated_at, "
                    + "pause_after_failures, pause_after_percent, advance_at_percent, advance_after_days) "
                    + "VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[]{"id"})) {
                s.setLong(1, releaseId);
                s.setString(2, String.join(",", rings));
                Sql.setInteger(s, 3, quota == null ? null : quota.firstDay());
                Sql.setInteger(s, 4, quota == null ? null : quota.growthPerDay());
                s.setObject(5, quota == null || quota.growthFactor() == 1.0 ? null : quota.growthFactor(), Types.DOUBLE);
                Sql.setInstant(s, 6, now);
                s.setString(7, actor);
                Sql.setInstant(s, 8, now);
                Sql.setInteger(s, 9, pauseAfter == null ? null : pauseAfter.count());
                Sql.setInteger(s, 10, pauseAfter == null ? null : pauseAfter.percent());
                Sql.setInteger(s, 11, ringAdvance.installedPercent());
                Sql.setInteger(s, 12, ringAdvance.afterDays());
                s.executeUpdate();
                id = Sql.generatedId(s);
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO rollout_target (rollout_id, site_id, wave, position) VALUES (?, ?, ?, ?)")) {
                for (int position = 0; position < sites.size(); position++) {
                    Site site = sites.get(position);
                    Sql.bind(s, id, site.id(), rings.indexOf(site.ring()), position);
                    s.addBatch();
                }
                s.executeBatch();
            }
            Events.append(c, now, actor, EventKind.ROLLOUT_STARTED, release.title(),
                    sites.size() + " sites, rings " + String.join(", ", rings)
                            + (quota == null ? "" : ", daily quota " + quota)
                            + (pauseAfter == null ? "" : ", pauses after " + pauseAfter + " failed")
                            + (ringAdvance.equals(RingAdvance.QUOTA_ONLY) ? "" : ", next ring " + ringAdvance)
                            + (already.isEmpty() ? "" : "; already on its way to or at " + String.join(", ", already)));
            for (Site site : sites) {
                Deliveries.enqueue(c, now, releaseId, site.id(), id, actor);
            }
            return new RolloutStart(find(c, id).orElseThrow(), sites.stream().map(Site::name).toList(), already);
        });
    }

    /** The release is on its way to the site (a kit delivery not cancelled) or its agent reported it. */
    private static boolean hasRelease(Connection c, long releaseId, long siteId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM delivery WHERE release_id = ? AND site_id = ? "
                + "AND kind = 'kit' AND state <> 'cancelled'")) {
            Sql.bind(s, releaseId, siteId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getInt(1) > 0) {
                    return true;
                }
            }
        }
        return Reports.patch(c, siteId, releaseId).isPresent();
    }

    /** The rollouts of a release, newest first. */
    public List<Rollout> ofRelease(long releaseId) {
        return db.read("list rollouts of a release", c -> query(c, " WHERE o.release_id = ? ORDER BY o.started_at DESC, o.id DESC", releaseId));
    }

    /** Stops new deliveries of this rollout; those already sending finish. */
    public Rollout pause(long id, String actor) {
        return change(id, RolloutState.RUNNING, RolloutState.PAUSED, EventKind.ROLLOUT_PAUSED, actor);
    }

    /** Continues where the rollout stopped: the same order, the same deliveries. */
    public Rollout resume(long id, String actor) {
        return change(id, RolloutState.PAUSED, RolloutState.RUNNING, EventKind.ROLLOUT_RESUMED, actor);
    }

    /**
     * Marks the rollout done when every site in it has ended: installed (or already up to date), failed,
     * rolled back, refused the kit, was told of a pull, had its delivery cancelled, or was removed.
     * Returns whether it is done. A delivered kit still waiting on its site keeps the rollout open.
     */
    public boolean finishIfComplete(long id, String actor) {
        return db.inTransaction("finish a rollout", c -> finishIfComplete(c, db.now(c), id, actor));
    }

    static boolean finishIfComplete(Connection c, Instant now, long id, String actor) throws SQLException {
        Rollout rollout = find(c, id).orElseThrow(() -> noSuchRollout(id));
        if (rollout.state() == RolloutState.DONE) {
            return true;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM rollout_target t "
                + "JOIN rollout o ON o.id = t.rollout_id "
                + "LEFT JOIN patch pt ON pt.site_id = t.site_id AND pt.release_id = o.release_id "
                + "LEFT JOIN delivery d ON d.site_id = t.site_id AND d.release_id = o.release_id AND d.kind = 'kit' "
                + "WHERE t.rollout_id = ? AND COALESCE(pt.state, '-') NOT IN (" + ENDED_PATCH + ") "
                + "AND COALESCE(d.state, '-') NOT IN ('rejected', 'cancelled')")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getInt(1) > 0) {
                    return false;
                }
            }
        }
        setState(c, id, RolloutState.DONE, now);
        Events.append(c, now, actor, EventKind.ROLLOUT_DONE, rollout.releaseTitle(), "every site installed, failed, "
                + "refused it, was told of a pull, was cancelled or was removed");
        return true;
    }

    /** Patch states after which a site has nothing more to do in a rollout. */
    private static final String ENDED_PATCH = "'INSTALLED', 'UP_TO_DATE', 'FAILED', 'ROLLED_BACK', 'PULLED', 'REJECTED'";

    /**
     * After a site's report of the release was recorded: every open rollout of the release that targets
     * the site checks its failure threshold (and pauses itself, saying why, when it is reached) and
     * whether it is done. Returns the rollouts that paused themselves, with why.
     */
    static Map<Rollout, String> afterReport(Connection c, Instant now, long releaseId, long siteId, String actor)
            throws SQLException {
        Map<Rollout, String> paused = new LinkedHashMap<>();
        List<Rollout> open = query(c, " WHERE o.release_id = ? AND o.state IN ('running', 'paused') "
                + "AND EXISTS (SELECT 1 FROM rollout_target x WHERE x.rollout_id = o.id AND x.site_id = ?)", releaseId, siteId);
        for (Rollout rollout : open) {
            if (rollout.state() == RolloutState.RUNNING && rollout.pauseAfter() != null) {
                Optional<String> why = rollout.pauseAfter().reached(failedByRing(c, rollout), sizeByRing(c, rollout));
                if (why.isPresent()) {
                    try (PreparedStatement s = c.prepareStatement("UPDATE rollout SET state = 'paused', paused_reason = ?, "
                            + "updated_at = ? WHERE id = ?")) {
                        Sql.bind(s, why.get(), now, rollout.id()).executeUpdate();
                    }
                    Events.append(c, now, actor, EventKind.ROLLOUT_PAUSED, rollout.releaseTitle(),
                            "rollout " + rollout.id() + " paused itself: " + why.get());
                    paused.put(rollout, why.get());
                    Alerts.raise(c, now, AlertKind.ROLLOUT_PAUSED, "rollout " + rollout.id(), "rollout " + rollout.id()
                            + " of " + rollout.releaseTitle() + " paused itself: " + why.get()
                            + "; resume it with `patchbay rollout resume " + rollout.id() + "`", releaseId, actor);
                }
            }
            finishIfComplete(c, now, rollout.id(), actor);
        }
        return paused;
    }

    private static Map<String, Integer> sizeByRing(Connection c, Rollout rollout) throws SQLException {
        return countByRing(c, rollout, "1 = 1");
    }

    private static Map<String, Integer> failedByRing(Connection c, Rollout rollout) throws SQLException {
        return countByRing(c, rollout, "pt.state IN ('FAILED', 'ROLLED_BACK')");
    }

    /** Targets meeting {@code condition} (on patch alias {@code pt}), by the ring they had at the start. */
    private static Map<String, Integer> countByRing(Connection c, Rollout rollout, String condition) throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT t.wave, COUNT(*) FROM rollout_target t "
                + "LEFT JOIN patch pt ON pt.site_id = t.site_id AND pt.release_id = ? "
                + "WHERE t.rollout_id = ? AND " + condition + " GROUP BY t.wave ORDER BY t.wave")) {
            Sql.bind(s, rollout.releaseId(), rollout.id());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(rollout.ringOrder().get(r.getInt(1)), r.getInt(2));
                }
            }
        }
        return counts;
    }

    public Optional<Rollout> find(long id) {
        return db.read("find rollout " + id, c -> find(c, id));
    }

    /** Every rollout, newest first. */
    public List<Rollout> list() {
        return db.read("list rollouts", c -> query(c, " ORDER BY o.started_at DESC, o.id DESC"));
    }

    /** The rollout's sites in their fixed order. */
    public List<RolloutTarget> targets(long id) {
        return db.read("list rollout targets", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT t.rollout_id, t.site_id, s.name, s.ring, t.wave, "
                    + "t.position FROM rollout_target t JOIN site s ON s.id = t.site_id WHERE t.rollout_id = ? "
                    + "ORDER BY t.position")) {
                s.setLong(1, id);
                try (ResultSet r = s.executeQuery()) {
                    List<RolloutTarget> targets = new ArrayList<>();
                    while (r.next()) {
                        targets.add(new RolloutTarget(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4),
                                r.getInt(5), r.getInt(6)));
                    }
                    return targets;
                }
            }
        });
    }

    private Rollout change(long id, RolloutState from, RolloutState to, String kind, String actor) {
        return db.inTransaction(to.word() + " rollout " + id, c -> {
            Rollout rollout = find(c, id).orElseThrow(() -> noSuchRollout(id));
            if (rollout.state() == to) {
                return rollout;
            }
            if (rollout.state() != from) {
                throw new PatchbayException("rollout of " + rollout.releaseTitle() + " is " + rollout.state().word()
                        + ": it cannot be " + (to == RolloutState.PAUSED ? "paused" : "resumed"));
            }
            Instant now = db.now(c);
            setState(c, id, to, now);
            Events.append(c, now, actor, kind, rollout.releaseTitle(), "rollout " + id);
            if (to == RolloutState.RUNNING) {
                Alerts.clear(c, now, AlertKind.ROLLOUT_PAUSED, "rollout " + id);
            }
            return find(c, id).orElseThrow();
        });
    }

    /**
     * Ends every running or paused rollout of a release that was just pulled: its deliveries were cancelled
     * with the pull, so nothing is left for it to do, and it must not read as still running.
     */
    static void endForPull(Connection c, Instant now, Release release, String actor) throws SQLException {
        List<Long> open = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM rollout WHERE release_id = ? "
                + "AND state IN ('running', 'paused')")) {
            s.setLong(1, release.id());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    open.add(r.getLong(1));
                }
            }
        }
        for (long id : open) {
            setState(c, id, RolloutState.DONE, now);
            Events.append(c, now, actor, EventKind.ROLLOUT_DONE, release.title(), "ended by the pull");
        }
    }

    /** Sets the state; a person's pause or resume, or the end, clears the reason a rollout paused itself. */
    private static void setState(Connection c, long id, RolloutState state, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE rollout SET state = ?, updated_at = ?, paused_reason = NULL "
                + "WHERE id = ?")) {
            Sql.bind(s, state.word(), now, id).executeUpdate();
        }
    }

    private static List<String> waveOrder(List<String> ringOrder, List<Site> sites) {
        Set<String> rings = new LinkedHashSet<>(ringOrder);
        sites.stream().map(Site::ring).filter(r -> !rings.contains(r)).sorted().forEach(rings::add);
        return List.copyOf(rings);
    }

    static Optional<Rollout> find(Connection c, long id) throws SQLException {
        return query(c, " WHERE o.id = ?", id).stream().findFirst();
    }

    static List<Rollout> query(Connection c, String tail, Object... args) throws SQLException {
        try (PreparedStatement s = Sql.bind(c.prepareStatement("SELECT " + COLUMNS + tail), args);
             ResultSet r = s.executeQuery()) {
            List<Rollout> rollouts = new ArrayList<>();
            while (r.next()) {
                Integer first = Sql.integer(r, "quota_first_day");
                Integer growth = Sql.integer(r, "quota_growth_per_day");
                double factor = r.getDouble("quota_growth_factor");
                factor = r.wasNull() ? 1.0 : factor;
                String order = r.getString("ring_order");
                Integer failures = Sql.integer(r, "pause_after_failures");
                Integer percent = Sql.integer(r, "pause_after_percent");
                rollouts.add(new Rollout(r.getLong("id"), r.getLong("release_id"),
                        r.getString("product") + " " + r.getString("version"),
                        RolloutState.ofWord(r.getString("state")),
                        order.isEmpty() ? List.of() : Arrays.asList(order.split(",")),
                        first == null ? null : new DailyQuota(first, growth == null ? 0 : growth, factor),
                        Sql.instant(r, "started_at"), r.getString("started_by"), Sql.instant(r, "updated_at"),
                        failures == null && percent == null ? null : new FailureThreshold(failures, percent),
                        new RingAdvance(Sql.integer(r, "advance_at_percent"), Sql.integer(r, "advance_after_days")),
                        r.getString("paused_reason")));
            }
            return rollouts;
        }
    }

    private static PatchbayException noSuchRollout(long id) {
        return new NotFoundException("no rollout with id " + id);
    }
}

package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.release.Channel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Rollouts: start one (fixing every site's place), pause and resume it. */
public final class Rollouts {
    private static final String COLUMNS = "o.id, o.release_id, p.name AS product, r.version, o.state, o.ring_order, "
            + "o.quota_first_day, o.quota_growth_per_day, o.started_at, o.started_by, o.updated_at FROM rollout o "
            + "JOIN release r ON r.id = o.release_id JOIN product p ON p.id = r.product_id";

    private final Database db;

    Rollouts(Database db) {
        this.db = db;
    }

    /**
     * Starts a rollout of the release to the named sites and queues one delivery per site (a site that
     * already has a delivery of this release keeps it). Sites are ordered once, here: by the position
     * of their ring in {@code ringOrder} (rings not listed follow, alphabetically), then by name. That
     * order is stored and never recomputed, so a restart never reshuffles it.
     *
     * @param quota null for no daily quota
     */
    public Rollout start(long releaseId, List<String> siteNames, List<String> ringOrder, DailyQuota quota,
                         String actor) {
        if (siteNames.isEmpty()) {
            throw new PatchbayException("a rollout needs at least one site");
        }
        return db.inTransaction("start a rollout", c -> {
            Instant now = db.now(c);
            Release release = Releases.find(c, releaseId)
                    .orElseThrow(() -> new PatchbayException("no release with id " + releaseId));
            if (release.pulled()) {
                throw new PatchbayException(release.title() + " is pulled: it cannot be rolled out");
            }
            List<Site> sites = new ArrayList<>();
            for (String name : new LinkedHashSet<>(siteNames)) {
                Site site = Sites.find(c, name).orElseThrow(() -> Sites.noSuchSite(name));
                if (release.channel() == Channel.BETA && site.spec().channel() == Channel.STABLE) {
                    throw new PatchbayException("site " + name + " follows the stable channel; "
                            + release.title() + " is beta");
                }
                sites.add(site);
            }
            List<String> rings = waveOrder(ringOrder, sites);
            sites.sort(Comparator.comparingInt((Site s) -> rings.indexOf(s.ring())).thenComparing(Site::name));

            long id;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO rollout (release_id, state, ring_order, "
                    + "quota_first_day, quota_growth_per_day, started_at, started_by, updated_at) "
                    + "VALUES (?, 'running', ?, ?, ?, ?, ?, ?)", new String[]{"id"})) {
                s.setLong(1, releaseId);
                s.setString(2, String.join(",", rings));
                Sql.setInteger(s, 3, quota == null ? null : quota.firstDay());
                Sql.setInteger(s, 4, quota == null ? null : quota.growthPerDay());
                Sql.setInstant(s, 5, now);
                s.setString(6, actor);
                Sql.setInstant(s, 7, now);
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
                            + (quota == null ? "" : ", daily quota " + quota.firstDay() + " +" + quota.growthPerDay()));
            for (Site site : sites) {
                Deliveries.enqueue(c, now, releaseId, site.id(), id, actor);
            }
            return find(c, id).orElseThrow();
        });
    }

    /** Stops new deliveries of this rollout; those already sending finish. */
    public Rollout pause(long id, String actor) {
        return change(id, RolloutState.RUNNING, RolloutState.PAUSED, EventKind.ROLLOUT_PAUSED, actor);
    }

    /** Continues where the rollout stopped: the same order, the same deliveries. */
    public Rollout resume(long id, String actor) {
        return change(id, RolloutState.PAUSED, RolloutState.RUNNING, EventKind.ROLLOUT_RESUMED, actor);
    }

    /** Marks the rollout done when every one of its deliveries has ended; returns whether it is done. */
    public boolean finishIfComplete(long id, String actor) {
        return db.inTransaction("finish a rollout", c -> {
            Rollout rollout = find(c, id).orElseThrow(() -> noSuchRollout(id));
            if (rollout.state() == RolloutState.DONE) {
                return true;
            }
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM delivery WHERE rollout_id = ? "
                    + "AND state IN ('queued', 'sending', 'retrying')")) {
                s.setLong(1, id);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return false;
                    }
                }
            }
            setState(c, id, RolloutState.DONE, db.now(c));
            Events.append(c, db.now(c), actor, EventKind.ROLLOUT_DONE, rollout.releaseTitle(), null);
            return true;
        });
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
            Events.append(c, now, actor, kind, rollout.releaseTitle(), null);
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

    private static void setState(Connection c, long id, RolloutState state, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE rollout SET state = ?, updated_at = ? WHERE id = ?")) {
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

    private static List<Rollout> query(Connection c, String tail, Object... args) throws SQLException {
        try (PreparedStatement s = Sql.bind(c.prepareStatement("SELECT " + COLUMNS + tail), args);
             ResultSet r = s.executeQuery()) {
            List<Rollout> rollouts = new ArrayList<>();
            while (r.next()) {
                Integer first = Sql.integer(r, "quota_first_day");
                Integer growth = Sql.integer(r, "quota_growth_per_day");
                String order = r.getString("ring_order");
                rollouts.add(new Rollout(r.getLong("id"), r.getLong("release_id"),
                        r.getString("product") + " " + r.getString("version"),
                        RolloutState.ofWord(r.getString("state")),
                        order.isEmpty() ? List.of() : Arrays.asList(order.split(",")),
                        first == null ? null : new DailyQuota(first, growth == null ? 0 : growth),
                        Sql.instant(r, "started_at"), r.getString("started_by"), Sql.instant(r, "updated_at")));
            }
            return rollouts;
        }
    }

    private static PatchbayException noSuchRollout(long id) {
        return new PatchbayException("no rollout with id " + id);
    }
}

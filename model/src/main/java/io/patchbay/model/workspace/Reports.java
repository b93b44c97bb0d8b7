package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.report.CheckOutcome;
import io.patchbay.model.report.CheckRow;
import io.patchbay.model.report.InstallationReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What sites' agents report, recorded on every harvest pass: the patch's state, its installation
 * attempts and its latest checks. Recording the same report twice changes nothing.
 */
public final class Reports {
    private final Database db;

    Reports(Database db) {
        this.db = db;
    }

    /**
     * Records one patch report from the site. Returns false (and records nothing) for a kit this
     * workspace does not know. A refused kit marks its delivery rejected. An event is written only when
     * the patch's state or reason changes, so a harvest pass that finds nothing new writes nothing.
     */
    public boolean record(String siteName, PatchReport report, String actor) {
        if (report.kit() == null || report.state() == null) {
            throw new PatchbayException("status report from " + siteName + " lacks its kit or state");
        }
        return db.inTransaction("record the report of " + siteName, c -> {
            Site site = Sites.find(c, siteName).orElseThrow(() -> Sites.noSuchSite(siteName));
            // Two workers may harvest one site at once: its reports are recorded one transaction after the
            // other, so the second sees the first's rows and writes no second event for the same change.
            lockForReports(c, site.id());
            Optional<Long> releaseId = releaseOfKit(c, report.kit());
            Optional<ReleaseDelta> delta = ReleaseDeltas.byKitFile(c, report.kit());
            if (releaseId.isEmpty() && delta.isEmpty()) {
                return false;
            }
            long rid = releaseId.orElseGet(() -> delta.get().releaseId());
            Instant now = db.now(c);
            if (delta.isPresent()) {
                switch (DeltaReport.of(report)) {
                    case NEEDS_FULL_KIT -> {
                        return fallBack(c, now, site, rid, report, actor);
                    }
                    case APPLIED -> Deliveries.deltaApplied(c, now, rid, site.id(), report.kit());
                    case OTHER -> {
                        // recorded below like any kit's report
                    }
                }
                if (Deliveries.fellBack(c, rid, site.id())) {
                    // The full kit's own reports speak for the release on this site from now on.
                    return false;
                }
            }
            Optional<Patch> before = patch(c, site.id(), rid);
            boolean changed = before.isEmpty() || before.get().state() != report.state()
                    || !Objects.equals(before.get().reason(), Sql.clip(report.reason(), 2000))
                    || (before.get().pullNoticedAt() == null && report.pullNoticeAt() != null);
            upsertPatch(c, site.id(), rid, report, now);
            InstallChances.record(c, site.id(), rid, report.nextChance());
            for (InstallationReport i : report.installations()) {
                upsertInstallation(c, site.id(), rid, i);
            }
            for (CheckRow check : report.checks()) {
                upsertCheck(c, site.id(), rid, check);
            }
            if (report.state() == PatchState.REJECTED) {
                Deliveries.markRejected(c, now, rid, site.id(), report.reason(), actor);
            }
            Release release = Releases.find(c, rid).orElseThrow();
            if (release.pulled() && report.state() != PatchState.REJECTED && report.pullNoticeAt() == null) {
                // The site holds a pulled release it was never told about (a kit carried by hand, or one that
                // landed while the pull cancelled its delivery): it gets the notice too.
                Releases.queueNoticeFor(c, now, rid, site.id(), actor);
            }
            if (changed) {
                Events.append(c, now, actor, EventKind.PATCH_REPORTED, release.title() + " -> " + siteName,
                        report.state().word() + (report.reason() == null ? "" : ": " + report.reason())
                                + (report.pullNoticeAt() == null ? "" : " (told of the pull at " + report.pullNoticeAt() + ")"));
            }
            if (changed) {
                Rollouts.afterReport(c, now, rid, site.id(), actor);
            }
            return true;
        });
    }

    /**
     * The site refused a delta it could not use: the full kit is queued (once), and the delta's patch, check and
     * reason rows are dropped, since the full kit's reports will speak for the release on this site. The refusal is
     * kept in the delivery ({@code fallback_reason}) and the event log, not as the release's state: the site needs
     * nothing from a person.
     */
    private static boolean fallBack(Connection c, Instant now, Site site, long releaseId, PatchReport report,
                                    String actor) throws SQLException {
        if (!Deliveries.fallBack(c, now, releaseId, site.id(), report.reason(), actor)) {
            return false;
        }
        for (String table : new String[]{"check_result", "patch"}) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE site_id = ? AND release_id = ?")) {
                Sql.bind(s, site.id(), releaseId).executeUpdate();
            }
        }
        return true;
    }

    public Optional<Patch> patch(String siteName, long releaseId) {
        return db.read("find a patch", c -> patch(c, siteId(c, siteName), releaseId));
    }

    /** Installation attempts of the release on the site, oldest first. */
    public List<Installation> installations(String siteName, long releaseId) {
        return db.read("list installations", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM installation WHERE site_id = ? "
                    + "AND release_id = ? ORDER BY attempt")) {
                Sql.bind(s, siteId(c, siteName), releaseId);
                try (ResultSet r = s.executeQuery()) {
                    List<Installation> rows = new ArrayList<>();
                    while (r.next()) {
                        rows.add(new Installation(r.getLong("site_id"), r.getLong("release_id"), r.getLong("attempt"),
                                r.getString("trigger_by"), PatchState.valueOf(r.getString("state")),
                                r.getString("step"), Sql.instant(r, "started_at"), Sql.instant(r, "finished_at"),
                                r.getString("reason")));
                    }
                    return rows;
                }
            }
        });
    }

    /** The latest checks of the release on the site, by check name. */
    public List<CheckResult> checks(String siteName, long releaseId) {
        return db.read("list check results", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM check_result WHERE site_id = ? "
                    + "AND release_id = ? ORDER BY check_name")) {
                Sql.bind(s, siteId(c, siteName), releaseId);
                try (ResultSet r = s.executeQuery()) {
                    List<CheckResult> rows = new ArrayList<>();
                    while (r.next()) {
                        rows.add(new CheckResult(r.getLong("site_id"), r.getLong("release_id"), r.getString("check_name"),
                                CheckOutcome.valueOf(r.getString("outcome").toUpperCase(Locale.ROOT)),
                                r.getString("reason"), Sql.instant(r, "checked_at")));
                    }
                    return rows;
                }
            }
        });
    }

    private static void lockForReports(Connection c, long siteId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM site WHERE id = ? FOR UPDATE")) {
            s.setLong(1, siteId);
            s.executeQuery().close();
        }
    }

    // Every installation attempt that ended, with its site and release; patches the agent says are installed
    // (or up to date) without an attempt of their own (a kit carried by hand), at their report's time; and
    // patches rolled back after their last attempt installed them: an operator's rollback.
    private static final String OUTCOMES = "SELECT i.site_id, s.name AS site_name, s.ring, i.release_id, p.name AS product, "
            + "r.version, i.state, COALESCE(i.finished_at, i.started_at) AS at, i.reason, i.attempt "
            + "FROM installation i JOIN site s ON s.id = i.site_id JOIN release r ON r.id = i.release_id "
            + "JOIN product p ON p.id = r.product_id "
            + "WHERE i.state IN ('INSTALLED', 'UP_TO_DATE', 'FAILED', 'ROLLED_BACK') "
            + "UNION ALL "
            + "SELECT pt.site_id, s.name, s.ring, pt.release_id, p.name, r.version, pt.state, pt.reported_at, pt.reason, "
            + "-1 FROM patch pt JOIN site s ON s.id = pt.site_id JOIN release r ON r.id = pt.release_id "
            + "JOIN product p ON p.id = r.product_id "
            + "WHERE (pt.state IN ('INSTALLED', 'UP_TO_DATE') AND NOT EXISTS (SELECT 1 FROM installation x "
            + "WHERE x.site_id = pt.site_id AND x.release_id = pt.release_id AND x.state IN ('INSTALLED', 'UP_TO_DATE'))) "
            + "OR (pt.state = 'ROLLED_BACK' AND (SELECT y.state FROM installation y WHERE y.site_id = pt.site_id "
            + "AND y.release_id = pt.release_id ORDER BY y.attempt DESC FETCH FIRST 1 ROWS ONLY) = 'INSTALLED') "
            + "ORDER BY 8, 1, 4, 10";

    /**
     * How patches ended, oldest first: each release's first installation per site, every failed or rolled-back
     * attempt, and operators' rollbacks (told apart from failures: the last attempt had installed).
     */
    public List<Outcome> outcomes() {
        return db.read("list installation outcomes", c -> {
            try (PreparedStatement s = c.prepareStatement(OUTCOMES); ResultSet r = s.executeQuery()) {
                List<Outcome> rows = new ArrayList<>();
                java.util.Set<List<Long>> installed = new java.util.HashSet<>();
                while (r.next()) {
                    long site = r.getLong("site_id");
                    long release = r.getLong("release_id");
                    PatchState state = PatchState.valueOf(r.getString("state"));
                    boolean fromPatch = r.getLong("attempt") < 0;
                    Outcome.Kind kind = fromPatch && state == PatchState.ROLLED_BACK ? Outcome.Kind.OPERATOR_ROLLBACK
                            : Outcome.Kind.ofInstallation(state);
                    if (kind == Outcome.Kind.INSTALLED && !installed.add(List.of(site, release))) {
                        continue; // a later reinstall: adoption counts the first
                    }
                    rows.add(new Outcome(site, r.getString("site_name"), r.getString("ring"), release,
                            r.getString("product") + " " + r.getString("version"), kind, Sql.instant(r, "at"),
                            r.getString("reason")));
                }
                return rows;
            }
        });
    }

    /** (site id, release id) of the cells whose rolled-back state was an operator's choice, not a failure. */
    public java.util.Set<List<Long>> operatorRollbacks() {
        java.util.Set<List<Long>> cells = new java.util.HashSet<>();
        outcomes().stream().filter(o -> o.kind() == Outcome.Kind.OPERATOR_ROLLBACK)
                .forEach(o -> cells.add(List.of(o.siteId(), o.releaseId())));
        return cells;
    }

    private static long siteId(Connection c, String siteName) throws SQLException {
        return Sites.find(c, siteName).orElseThrow(() -> Sites.noSuchSite(siteName)).id();
    }

    static Optional<Long> releaseOfKit(Connection c, String kitFile) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM release WHERE kit_file = ?")) {
            s.setString(1, kitFile);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    static Optional<Patch> patch(Connection c, long siteId, long releaseId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM patch WHERE site_id = ? AND release_id = ?")) {
            Sql.bind(s, siteId, releaseId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Patch(siteId, releaseId, PatchState.valueOf(r.getString("state")),
                        r.getString("reason"), Sql.instant(r, "scheduled_at"), Sql.instant(r, "reported_at"),
                        Sql.instant(r, "pull_noticed_at")));
            }
        }
    }

    // Upserts are an UPDATE and, when it found nothing, an INSERT: portable to every database. Two at once for
    // one key cannot both insert (the site is locked above); were they to, the loser's transaction runs again.
    private static void upsertPatch(Connection c, long siteId, long releaseId, PatchReport p, Instant now)
            throws SQLException {
        Instant reported = p.updatedAt() == null ? now : p.updatedAt();
        String reason = Sql.clip(p.reason(), 2000);
        try (PreparedStatement s = c.prepareStatement("UPDATE patch SET state = ?, reason = ?, scheduled_at = ?, "
                + "reported_at = ?, pull_noticed_at = ?, recorded_at = ? WHERE site_id = ? AND release_id = ?")) {
            s.setString(1, p.state().name());
            s.setString(2, reason);
            Sql.setInstant(s, 3, p.scheduledAt());
            Sql.setInstant(s, 4, reported);
            Sql.setInstant(s, 5, p.pullNoticeAt());
            Sql.setInstant(s, 6, now);
            s.setLong(7, siteId);
            s.setLong(8, releaseId);
            if (s.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO patch (site_id, release_id, state, reason, "
                + "scheduled_at, reported_at, pull_noticed_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, siteId);
            s.setLong(2, releaseId);
            s.setString(3, p.state().name());
            s.setString(4, reason);
            Sql.setInstant(s, 5, p.scheduledAt());
            Sql.setInstant(s, 6, reported);
            Sql.setInstant(s, 7, p.pullNoticeAt());
            Sql.setInstant(s, 8, now);
            s.executeUpdate();
        }
    }

    private static void upsertInstallation(Connection c, long siteId, long releaseId, InstallationReport i)
            throws SQLException {
        if (i.startedAt() == null || i.outcome() == null) {
            throw new PatchbayException("installation report " + i.id() + " lacks its start time or outcome");
        }
        String trigger = Sql.clip(i.trigger() == null ? "automatic" : i.trigger(), 16);
        try (PreparedStatement s = c.prepareStatement("UPDATE installation SET trigger_by = ?, state = ?, step = ?, "
                + "started_at = ?, finished_at = ?, reason = ? WHERE site_id = ? AND release_id = ? AND attempt = ?")) {
            s.setString(1, trigger);
            s.setString(2, i.outcome().name());
            s.setString(3, Sql.clip(i.step(), 32));
            Sql.setInstant(s, 4, i.startedAt());
            Sql.setInstant(s, 5, i.finishedAt());
            s.setString(6, Sql.clip(i.reason(), 2000));
            s.setLong(7, siteId);
            s.setLong(8, releaseId);
            s.setLong(9, i.id());
            if (s.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO installation (site_id, release_id, attempt, "
                + "trigger_by, state, step, started_at, finished_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, siteId);
            s.setLong(2, releaseId);
            s.setLong(3, i.id());
            s.setString(4, trigger);
            s.setString(5, i.outcome().name());
            s.setString(6, Sql.clip(i.step(), 32));
            Sql.setInstant(s, 7, i.startedAt());
            Sql.setInstant(s, 8, i.finishedAt());
            s.setString(9, Sql.clip(i.reason(), 2000));
            s.executeUpdate();
        }
    }

    private static void upsertCheck(Connection c, long siteId, long releaseId, CheckRow check) throws SQLException {
        if (check.check() == null || check.outcome() == null || check.at() == null) {
            throw new PatchbayException("check row lacks its name, outcome or time");
        }
        String outcome = check.outcome().name().toLowerCase(Locale.ROOT);
        try (PreparedStatement s = c.prepareStatement("UPDATE check_result SET outcome = ?, reason = ?, checked_at = ? "
                + "WHERE site_id = ? AND release_id = ? AND check_name = ?")) {
            s.setString(1, outcome);
            s.setString(2, Sql.clip(check.reason(), 2000));
            Sql.setInstant(s, 3, check.at());
            s.setLong(4, siteId);
            s.setLong(5, releaseId);
            s.setString(6, Sql.clip(check.check(), 64));
            if (s.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO check_result (site_id, release_id, check_name, "
                + "outcome, reason, checked_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, siteId);
            s.setLong(2, releaseId);
            s.setString(3, Sql.clip(check.check(), 64));
            s.setString(4, outcome);
            s.setString(5, Sql.clip(check.reason(), 2000));
            Sql.setInstant(s, 6, check.at());
            s.executeUpdate();
        }
    }
}

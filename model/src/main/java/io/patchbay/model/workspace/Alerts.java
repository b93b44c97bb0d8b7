package io.patchbay.model.workspace;

import io.patchbay.model.report.PatchState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The workstation's alerts: raised by the rollout guard and by the dead-man watch ({@link #watch}), listed
 * for {@code status} and the client, mailed once.
 */
public final class Alerts {
    private final Database db;

    Alerts(Database db) {
        this.db = db;
    }

    /**
     * The dead-man watch, run on every pass: raises an alert for every delivered kit still waiting on its site
     * {@code grace} after the next install chance its agent reported (for an offline site: only when a report made
     * after that still says so), and for every site with a delivered kit
     * whose agent has not reported for {@code quiet}; clears those whose condition went away.
     */
    public List<Alert> watch(Duration grace, Duration quiet, String actor) {
        return db.inTransaction("watch for missed chances and quiet sites", c -> {
            Instant now = db.now(c);
            Set<String> missed = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement("SELECT s.name, p.name AS product, r.id AS release_id, r.version, "
                    + "pt.next_chance_at, pt.next_chance_zone, pt.state, pt.reported_at, s.transport FROM patch pt JOIN site s ON s.id = pt.site_id "
                    + "JOIN release r ON r.id = pt.release_id JOIN product p ON p.id = r.product_id "
                    + "WHERE pt.state IN ('RECEIVED', 'WAITING', 'SCHEDULED') AND pt.next_chance_kind = 'at' "
                    + "AND pt.next_chance_at < ? AND r.pulled = FALSE")) {
                Sql.bind(s, now.minus(grace));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        if (noNewsYet(r, grace)) {
                            continue;
                        }
                        String subject = r.getString("product") + " " + r.getString("version") + " -> " + r.getString("name");
                        missed.add(subject);
                        raise(c, now, AlertKind.MISSED_CHANCE, subject, subject + " should have installed by "
                                + Sql.instant(r, "next_chance_at") + " (" + r.getString("next_chance_zone") + " chance plus "
                                + hours(grace) + " grace) and is still " + PatchState.valueOf(r.getString("state")).word(),
                                r.getLong("release_id"), actor);
                    }
                }
            }
            clearAllBut(c, now, AlertKind.MISSED_CHANCE, missed);
            Set<String> quietSites = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement("SELECT s.name, MAX(pt.reported_at) AS last_report, "
                    + "MAX(d.updated_at) AS delivered_at FROM site s "
                    + "JOIN delivery d ON d.site_id = s.id AND d.state = 'delivered' "
                    + "LEFT JOIN patch pt ON pt.site_id = s.id GROUP BY s.name")) {
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Instant last = Sql.instant(r, "last_report");
                        Instant since = last != null ? last : Sql.instant(r, "delivered_at");
                        if (since.isBefore(now.minus(quiet))) {
                            String site = r.getString("name");
                            quietSites.add(site);
                            raise(c, now, AlertKind.SITE_QUIET, site, "the agent of " + site
                                    + (last == null ? " has not reported since its kit was delivered at " + since
                                    : " has not reported since " + since) + " (more than " + hours(quiet) + ")", null, actor);
                        }
                    }
                }
            }
            clearAllBut(c, now, AlertKind.SITE_QUIET, quietSites);
            return open(c);
        });
    }

    /**
     * An offline site's last report came back before its chance had passed: it may well have installed since, and
     * the workstation cannot know until its next report bundle. Only a report made after the chance (plus the grace)
     * that still says waiting is a missed chance. (A site reached over the network reports on every pass.)
     */
    private static boolean noNewsYet(ResultSet r, Duration grace) throws SQLException {
        if (TransportKind.parse(r.getString("transport")) != TransportKind.OFFLINE) {
            return false;
        }
        Instant reported = Sql.instant(r, "reported_at");
        return reported == null || reported.isBefore(Sql.instant(r, "next_chance_at").plus(grace));
    }

    /** Open alerts, oldest first. */
    public List<Alert> open() {
        return db.read("list open alerts", Alerts::open);
    }

    /** Open alerts not mailed yet, oldest first. */
    public List<Alert> unmailed() {
        return open().stream().filter(a -> a.mailedAt() == null).toList();
    }

    /** Records that the alert was mailed, so it is never mailed again. */
    public void markMailed(long id) {
        db.inTransaction("mark an alert mailed", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE alert SET mailed_at = ? WHERE id = ? AND mailed_at IS NULL")) {
                Sql.bind(s, db.now(c), id).executeUpdate();
            }
            return null;
        });
    }

    /**
     * Raises the alert unless one of that kind and subject is open; one that had cleared opens again (a new
     * episode, mailed again). Returns whether it was newly raised.
     */
    static boolean raise(Connection c, Instant now, AlertKind kind, String subject, String message, Long releaseId,
                         String actor) throws SQLException {
        String clipped = Sql.clip(message, 2000);
        try (PreparedStatement s = c.prepareStatement("UPDATE alert SET message = ?, raised_at = ?, mailed_at = NULL, "
                + "cleared_at = NULL, release_id = ? WHERE kind = ? AND subject = ? AND cleared_at IS NOT NULL")) {
            if (Sql.bind(s, clipped, now, releaseId, kind.word(), subject).executeUpdate() == 1) {
                Events.append(c, now, actor, EventKind.ALERT_RAISED, subject, clipped);
                return true;
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM alert WHERE kind = ? AND subject = ?")) {
            Sql.bind(s, kind.word(), subject);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getInt(1) > 0) {
                    return false;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO alert (kind, subject, message, raised_at, release_id) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            Sql.bind(s, kind.word(), subject, clipped, now, releaseId).executeUpdate();
        }
        Events.append(c, now, actor, EventKind.ALERT_RAISED, subject, clipped);
        return true;
    }

    static void clear(Connection c, Instant now, AlertKind kind, String subject) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE alert SET cleared_at = ? WHERE kind = ? AND subject = ? "
                + "AND cleared_at IS NULL")) {
            Sql.bind(s, now, kind.word(), subject).executeUpdate();
        }
    }

    private static void clearAllBut(Connection c, Instant now, AlertKind kind, Set<String> stillOpen) throws SQLException {
        for (Alert a : open(c)) {
            if (a.kind() == kind && !stillOpen.contains(a.subject())) {
                try (PreparedStatement s = c.prepareStatement("UPDATE alert SET cleared_at = ? WHERE id = ?")) {
                    Sql.bind(s, now, a.id()).executeUpdate();
                }
            }
        }
    }

    private static List<Alert> open(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT a.*, r.support_mail FROM alert a "
                + "LEFT JOIN release r ON r.id = a.release_id WHERE a.cleared_at IS NULL ORDER BY a.raised_at, a.id");
             ResultSet r = s.executeQuery()) {
            List<Alert> alerts = new ArrayList<>();
            while (r.next()) {
                alerts.add(new Alert(r.getLong("id"), AlertKind.ofWord(r.getString("kind")), r.getString("subject"),
                        r.getString("message"), Sql.instant(r, "raised_at"), Sql.instant(r, "mailed_at"),
                        Sql.instant(r, "cleared_at"), r.getString("support_mail")));
            }
            return alerts;
        }
    }

    private static String hours(Duration d) {
        return d.toHours() + " h";
    }
}

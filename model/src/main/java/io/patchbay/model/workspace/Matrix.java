package io.patchbay.model.workspace;

import io.patchbay.model.report.PatchState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The site matrix as data: one cell per site and release that has a delivery or a patch report.
 * Empty cells (nothing sent, nothing reported) are not returned.
 */
public final class Matrix {
    // Kit deliveries with their patch if any, then patches the outbox never sent (e.g. a kit carried by hand);
    // each with the release's pull notice delivery to the site, if one was queued.
    private static final String CELLS = "SELECT s.id AS site_id, s.name AS site_name, s.ring, r.id AS release_id, "
            + "p.name AS product, r.version, r.pulled, r.pulled_reason, d.state AS delivery_state, "
            + "pt.state AS patch_state, o.state AS rollout_state, d.last_error, pt.reason AS patch_reason, "
            + "d.next_try_at, d.bytes_sent, d.size_bytes, d.updated_at AS d_updated, pt.reported_at, "
            + "pt.pull_noticed_at, d.bundle_file, n.state AS notice_state, n.last_error AS notice_error, "
            + "n.next_try_at AS notice_next_try_at, n.updated_at AS n_updated, "
            + "r.pull_notice IS NOT NULL AS notice_signed, s.transport, d.sent_kit, d.sent_kind, d.fallback_reason, "
            + InstallChances.COLUMNS + " "
            + "FROM delivery d JOIN site s ON s.id = d.site_id JOIN release r ON r.id = d.release_id "
            + "JOIN product p ON p.id = r.product_id LEFT JOIN rollout o ON o.id = d.rollout_id "
            + "LEFT JOIN patch pt ON pt.site_id = d.site_id AND pt.release_id = d.release_id "
            + "LEFT JOIN delivery n ON n.site_id = d.site_id AND n.release_id = d.release_id AND n.kind = 'pull' "
            + "WHERE d.kind = 'kit' AND %1$s "
            + "UNION ALL "
            + "SELECT s.id, s.name, s.ring, r.id, p.name, r.version, r.pulled, r.pulled_reason, NULL, pt.state, NULL, "
            + "NULL, pt.reason, NULL, 0, r.kit_size, NULL, pt.reported_at, pt.pull_noticed_at, NULL, n.state, n.last_error, "
            + "n.next_try_at, n.updated_at, r.pull_notice IS NOT NULL, s.transport, NULL, NULL, NULL, " + InstallChances.COLUMNS + " "
            + "FROM patch pt JOIN site s ON s.id = pt.site_id JOIN release r ON r.id = pt.release_id "
            + "JOIN product p ON p.id = r.product_id "
            + "LEFT JOIN delivery n ON n.site_id = pt.site_id AND n.release_id = pt.release_id AND n.kind = 'pull' "
            + "WHERE NOT EXISTS (SELECT 1 FROM delivery x "
            + "WHERE x.site_id = pt.site_id AND x.release_id = pt.release_id AND x.kind = 'kit') AND %2$s "
            + "ORDER BY 3, 2, 5, 4";

    // A cell also shows its site (name, ring) and its release (pulled): a change of only those rows changes the cell.
    private static final String JOINED_ROWS_CHANGED = "s.updated_at >= ? OR r.pulled_at >= ?";

    private final Database db;

    Matrix(Database db) {
        this.db = db;
    }

    /** Every non-empty cell, by ring and site, then release. */
    public List<MatrixCell> cells() {
        return db.read("read the matrix", c -> query(c, null));
    }

    /**
     * Cells whose delivery, pull notice, report, rollout, site or release pull was written at or after {@code since}
     * by the database's clock (a report's own time is the agent's and may be far older than its recording). A screen
     * that follows along uses {@link #feed()}, which also sees changes committed out of time order.
     */
    public List<MatrixCell> changedSince(Instant since) {
        return db.read("read the matrix", c -> query(c, since));
    }

    /** Follows the cells as they change, each committed change once ({@link MatrixFeed}). */
    public MatrixFeed feed() {
        return new MatrixFeed(this);
    }

    /** Cells written at or after {@code since} (every cell when null), and the database's time before reading them. */
    Snapshot snapshot(Instant since) {
        return db.read("read the matrix", c -> {
            Instant at = db.now(c); // first: a change committed after the cells were read is stamped later than this
            return new Snapshot(at, query(c, since));
        });
    }

    /** What one read of the matrix saw, and the database's time no later than the moment it saw it. */
    record Snapshot(Instant at, List<MatrixCell> cells) {
    }

    private List<MatrixCell> query(Connection c, Instant since) throws SQLException {
        String sql = since == null ? String.format(CELLS, "1 = 1", "1 = 1")
                : String.format(CELLS, "(d.updated_at >= ? OR pt.recorded_at >= ? OR n.updated_at >= ? "
                + "OR o.updated_at >= ? OR " + JOINED_ROWS_CHANGED + ")",
                "(pt.recorded_at >= ? OR n.updated_at >= ? OR " + JOINED_ROWS_CHANGED + ")");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (since != null) {
                Object[] stamps = new Object[10];
                java.util.Arrays.fill(stamps, since);
                Sql.bind(s, stamps);
            }
            try (ResultSet r = s.executeQuery()) {
                List<MatrixCell> cells = new ArrayList<>();
                while (r.next()) {
                    cells.add(cell(r));
                }
                return cells;
            }
        }
    }

    private static MatrixCell cell(ResultSet r) throws SQLException {
        String d = r.getString("delivery_state");
        String p = r.getString("patch_state");
        String n = r.getString("notice_state");
        boolean pulled = r.getBoolean("pulled");
        boolean paused = RolloutState.PAUSED.word().equals(r.getString("rollout_state"));
        DeliveryState delivery = d == null ? null : DeliveryState.ofWord(d);
        PatchState patch = p == null ? null : PatchState.valueOf(p);
        DeliveryState notice = n == null ? null : DeliveryState.ofWord(n);
        Instant noticed = Sql.instant(r, "pull_noticed_at");
        boolean refused = patch == PatchState.REJECTED || delivery == DeliveryState.REJECTED;
        boolean offline = TransportKind.parse(r.getString("transport")) == TransportKind.OFFLINE;
        boolean awaitingBundle = offline && (delivery == DeliveryState.QUEUED || delivery == DeliveryState.RETRYING);
        String fallback = r.getString("fallback_reason");
        SentKind sentKind = SentKind.ofWord(r.getString("sent_kind"));
        KitSent sent = sentKind == null ? null : new KitSent(sentKind, r.getString("sent_kit"), fallback);
        String reason = pulled && !refused ? pullReason(r, delivery, patch, notice, noticed)
                : patch != null && r.getString("patch_reason") != null ? r.getString("patch_reason")
                : pulled ? "pulled: " + r.getString("pulled_reason")
                : delivery == DeliveryState.BUNDLED ? "carried in " + r.getString("bundle_file")
                : awaitingBundle ? "the site has no network: patchbay bundle create --site " + r.getString("site_name")
                + " --out FILE"
                : r.getString("last_error") != null ? r.getString("last_error")
                : fallback == null || patch == PatchState.INSTALLED || patch == PatchState.UP_TO_DATE ? null
                : "the delta was refused (" + fallback + "): the full kit is sent instead";
        Instant nextTry = delivery == DeliveryState.RETRYING && !pulled ? Sql.instant(r, "next_try_at")
                : notice == DeliveryState.RETRYING && noticed == null ? Sql.instant(r, "notice_next_try_at") : null;
        Instant updated = latest(latest(Sql.instant(r, "d_updated"), Sql.instant(r, "reported_at")),
                Sql.instant(r, "n_updated"));
        return new MatrixCell(r.getLong("site_id"), r.getString("site_name"), r.getString("ring"),
                r.getLong("release_id"), r.getString("product") + " " + r.getString("version"), delivery, patch,
                pulled || paused, reason, nextTry, r.getLong("bytes_sent"), r.getLong("size_bytes"), updated,
                pulled, notice, noticed, InstallChances.read(r), offline, sent);
    }

    /**
     * Why a pulled release stands where it does on the site: the pull's reason, then what the site knows of
     * it: nothing arrived; refused by its agent; told and kept installed; or how far its notice got.
     */
    private static String pullReason(ResultSet r, DeliveryState delivery, PatchState patch, DeliveryState notice,
                                     Instant noticed) throws SQLException {
        String why = "pulled: " + r.getString("pulled_reason");
        if (patch == PatchState.PULLED) {
            return why + "; the site's agent will not install it";
        }
        boolean installed = patch == PatchState.INSTALLED || patch == PatchState.UP_TO_DATE;
        if (noticed != null) {
            return why + (installed ? "; installed before the pull: the site was told and keeps it" : "; the site was told");
        }
        if (patch == null && delivery != DeliveryState.DELIVERED && delivery != DeliveryState.BUNDLED) {
            return why; // the kit never arrived: nothing to tell
        }
        String prefix = why + (installed ? "; installed before the pull" : "");
        if (notice == null) {
            return prefix + "; no pull notice queued";
        }
        if (!r.getBoolean("notice_signed")) {
            return prefix + "; its pull notice waits for a signature (patchbay release pull VERSION --key FILE)";
        }
        return prefix + switch (notice) {
            case QUEUED -> "; pull notice queued";
            case SENDING -> "; pull notice sending";
            case RETRYING -> "; pull notice retrying: " + r.getString("notice_error");
            case DELIVERED -> "; pull notice delivered, not yet confirmed by the site's agent";
            case BUNDLED -> "; pull notice handed over by bundle, not yet confirmed by the site's agent";
            case REJECTED, CANCELLED -> "; pull notice " + notice.word();
        };
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}

package io.patchbay.model.workspace;

import io.patchbay.model.report.PatchState;

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
    // Deliveries with their patch if any, then patches the outbox never sent (e.g. a kit carried by hand).
    private static final String CELLS = "SELECT s.id AS site_id, s.name AS site_name, s.ring, r.id AS release_id, "
            + "p.name AS product, r.version, r.pulled, r.pulled_reason, d.state AS delivery_state, "
            + "pt.state AS patch_state, o.state AS rollout_state, d.last_error, pt.reason AS patch_reason, "
            + "d.next_try_at, d.bytes_sent, d.size_bytes, d.updated_at AS d_updated, pt.reported_at "
            + "FROM delivery d JOIN site s ON s.id = d.site_id JOIN release r ON r.id = d.release_id "
            + "JOIN product p ON p.id = r.product_id LEFT JOIN rollout o ON o.id = d.rollout_id "
            + "LEFT JOIN patch pt ON pt.site_id = d.site_id AND pt.release_id = d.release_id WHERE %1$s "
            + "UNION ALL "
            + "SELECT s.id, s.name, s.ring, r.id, p.name, r.version, r.pulled, r.pulled_reason, NULL, pt.state, NULL, "
            + "NULL, pt.reason, NULL, 0, r.kit_size, NULL, pt.reported_at "
            + "FROM patch pt JOIN site s ON s.id = pt.site_id JOIN release r ON r.id = pt.release_id "
            + "JOIN product p ON p.id = r.product_id WHERE NOT EXISTS (SELECT 1 FROM delivery x "
            + "WHERE x.site_id = pt.site_id AND x.release_id = pt.release_id) AND %2$s "
            + "ORDER BY 3, 2, 5, 4";

    private final Database db;

    Matrix(Database db) {
        this.db = db;
    }

    /** Every non-empty cell, by ring and site, then release. */
    public List<MatrixCell> cells() {
        return query("1 = 1", "1 = 1", null);
    }

    /** Cells whose delivery or report changed at or after {@code since}, for a screen that follows along. */
    public List<MatrixCell> changedSince(Instant since) {
        return query("(d.updated_at >= ? OR pt.reported_at >= ?)", "pt.reported_at >= ?", since);
    }

    private List<MatrixCell> query(String deliveryFilter, String patchFilter, Instant since) {
        String sql = String.format(CELLS, deliveryFilter, patchFilter);
        return db.read("read the matrix", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (since != null) {
                    Sql.bind(s, since, since, since);
                }
                try (ResultSet r = s.executeQuery()) {
                    List<MatrixCell> cells = new ArrayList<>();
                    while (r.next()) {
                        cells.add(cell(r));
                    }
                    return cells;
                }
            }
        });
    }

    private static MatrixCell cell(ResultSet r) throws SQLException {
        String d = r.getString("delivery_state");
        String p = r.getString("patch_state");
        boolean pulled = r.getBoolean("pulled");
        boolean paused = RolloutState.PAUSED.word().equals(r.getString("rollout_state"));
        DeliveryState delivery = d == null ? null : DeliveryState.ofWord(d);
        PatchState patch = p == null ? null : PatchState.valueOf(p);
        String reason = patch != null && r.getString("patch_reason") != null ? r.getString("patch_reason")
                : pulled ? "pulled: " + r.getString("pulled_reason")
                : r.getString("last_error");
        Instant dUpdated = Sql.instant(r, "d_updated");
        Instant reported = Sql.instant(r, "reported_at");
        Instant updated = dUpdated == null ? reported
                : reported == null || dUpdated.isAfter(reported) ? dUpdated : reported;
        return new MatrixCell(r.getLong("site_id"), r.getString("site_name"), r.getString("ring"),
                r.getLong("release_id"), r.getString("product") + " " + r.getString("version"), delivery, patch,
                pulled || paused, reason, delivery == DeliveryState.RETRYING ? Sql.instant(r, "next_try_at") : null,
                r.getLong("bytes_sent"), r.getLong("size_bytes"), updated);
    }
}

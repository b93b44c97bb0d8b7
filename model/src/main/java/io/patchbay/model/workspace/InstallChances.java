package io.patchbay.model.workspace;

import io.patchbay.model.report.InstallChance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/**
 * A patch's next install chance as its agent reported it, kept in four columns of {@code patch}
 * (V4): written with each report, read with the matrix. Apart from the patch upsert so that how a row
 * is upserted and what it carries can change independently.
 */
final class InstallChances {
    /** The columns to select, from alias {@code pt}. */
    static final String COLUMNS = "pt.next_chance_kind, pt.next_chance_at, pt.next_chance_rule, pt.next_chance_zone";

    private InstallChances() {
    }

    static void record(Connection c, long siteId, long releaseId, InstallChance chance) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE patch SET next_chance_kind = ?, next_chance_at = ?, "
                + "next_chance_rule = ?, next_chance_zone = ? WHERE site_id = ? AND release_id = ?")) {
            s.setString(1, chance == null ? null : chance.kind().word());
            Sql.setInstant(s, 2, chance == null ? null : chance.at());
            s.setString(3, chance == null ? null : Sql.clip(chance.rule(), 64));
            s.setString(4, chance == null ? null : chance.zone().getId());
            s.setLong(5, siteId);
            s.setLong(6, releaseId);
            s.executeUpdate();
        }
    }

    /** The chance of the current row; null when none was reported, or it cannot be read back. */
    static InstallChance read(ResultSet r) throws SQLException {
        String kind = r.getString("next_chance_kind");
        String zone = r.getString("next_chance_zone");
        if (kind == null || zone == null) {
            return null;
        }
        Instant at = Sql.instant(r, "next_chance_at");
        try {
            return new InstallChance(InstallChance.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), at,
                    r.getString("next_chance_rule"), ZoneId.of(zone));
        } catch (IllegalArgumentException | DateTimeException e) {
            return null; // a zone this JVM does not know: the cell shows no chance rather than failing the matrix
        }
    }
}

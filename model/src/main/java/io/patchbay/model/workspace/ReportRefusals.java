package io.patchbay.model.workspace;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per site, the last signed status report a harvest refused and how many in a row, so that a site whose reports are
 * refused does not merely look silent. An accepted report clears it; each refusal is also an event.
 */
public final class ReportRefusals {
    /** The longest reason kept; a refusal's message is one line, rarely longer. */
    private static final int MAX_REASON = 2000;

    private final Database db;

    ReportRefusals(Database db) {
        this.db = db;
    }

    /** Records one more refusal of the site's report, with its reason, and appends its event. */
    public ReportRefusal refused(String siteName, String reason, String actor) {
        return db.inTransaction("record a refused report of " + siteName, c -> {
            long siteId = Sites.find(c, siteName).orElseThrow(() -> Sites.noSuchSite(siteName)).id();
            Instant now = db.now(c);
            String why = Sql.clip(reason, MAX_REASON);
            int times;
            try (PreparedStatement s = c.prepareStatement("SELECT times FROM report_refusal WHERE site_id = ? FOR UPDATE")) {
                try (ResultSet r = Sql.bind(s, siteId).executeQuery()) {
                    times = r.next() ? r.getInt(1) + 1 : 1;
                }
            }
            String sql = times == 1 ? "INSERT INTO report_refusal (refused_at, reason, times, site_id) VALUES (?, ?, ?, ?)"
                    : "UPDATE report_refusal SET refused_at = ?, reason = ?, times = ? WHERE site_id = ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                Sql.bind(s, now, why, times, siteId).executeUpdate();
            }
            Events.append(c, now, actor, EventKind.REPORT_REFUSED, siteName, why);
            return new ReportRefusal(now, why, times);
        });
    }

    /** The site's report was accepted: its refusals, if any, are over. */
    public void accepted(String siteName) {
        db.inTransaction("clear the refused reports of " + siteName, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM report_refusal WHERE site_id = "
                    + "(SELECT id FROM site WHERE name = ?)")) {
                Sql.bind(s, siteName).executeUpdate();
            }
            return null;
        });
    }

    /** The site's last refused report, if its reports are being refused. */
    public Optional<ReportRefusal> find(String siteName) {
        return Optional.ofNullable(all().get(siteName));
    }

    /** Every site whose reports are being refused, by site name. */
    public Map<String, ReportRefusal> all() {
        return db.read("list refused reports", c -> {
            Map<String, ReportRefusal> bySite = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT s.name, r.refused_at, r.reason, r.times "
                    + "FROM report_refusal r JOIN site s ON s.id = r.site_id ORDER BY s.name");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    bySite.put(r.getString("name"), new ReportRefusal(Sql.instant(r, "refused_at"), r.getString("reason"),
                            r.getInt("times")));
                }
            }
            return bySite;
        });
    }
}

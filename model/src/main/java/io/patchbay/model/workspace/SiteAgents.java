package io.patchbay.model.workspace;

import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.AgentReport;
import io.patchbay.model.release.Version;
import io.patchbay.model.PatchbayException;

import java.sql.Connection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What each site's agent last said about itself, recorded on every harvest (see {@link SiteAgent}). */
public final class SiteAgents {
    private final Database db;

    SiteAgents(Database db) {
        this.db = db;
    }

    /**
     * Records the agent's health report and site report as just read from the site, replacing what was recorded
     * before. Reading neither records nothing: the site said nothing about its agent.
     */
    public void record(String siteName, Optional<AgentReport> agent, Optional<AgentHealth> health) {
        if (agent.isEmpty() && health.isEmpty()) {
            return;
        }
        db.inTransaction("record the agent health of " + siteName, c -> {
            long siteId = Sites.find(c, siteName).orElseThrow(() -> Sites.noSuchSite(siteName)).id();
            AgentHealth h = health.orElse(null);
            String version = h != null ? h.agentVersion() : agent.get().agentVersion();
            Object[] values = {
                    Sql.clip(version, 64), h == null ? null : h.startedAt(), h == null ? null : h.lastTick(),
                    h == null || h.lastError() == null ? null : Sql.clip(h.lastError().message(), 2000),
                    h == null || h.lastError() == null ? null : h.lastError().at(),
                    h == null ? null : h.homeFreeBytes(), h == null ? null : h.installRootFreeBytes(),
                    h == null ? null : h.policyReadable(),
                    state(h == null ? null : h.mail()), detail(h == null ? null : h.mail()),
                    state(h == null ? null : h.https()), detail(h == null ? null : h.https()),
                    agent.map(AgentReport::updatedAt).orElse(null), db.now(c), siteId};
            boolean updated;
            try (PreparedStatement s = c.prepareStatement("UPDATE agent_health SET agent_version = ?, started_at = ?, "
                    + "last_tick = ?, last_error = ?, last_error_at = ?, home_free_bytes = ?, install_root_free_bytes = ?, "
                    + "policy_readable = ?, mail_state = ?, mail_detail = ?, https_state = ?, https_detail = ?, "
                    + "site_report_at = ?, harvested_at = ? WHERE site_id = ?")) {
                updated = Sql.bind(s, values).executeUpdate() == 1;
            }
            if (!updated) {
                insertHealth(c, values);
            }
            if (agent.isPresent()) {
                recordInstalled(c, siteId, agent.get().installed());
            }
            return null;
        });
    }

    private static void insertHealth(Connection c, Object[] values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO agent_health (agent_version, started_at, "
                + "last_tick, last_error, last_error_at, home_free_bytes, install_root_free_bytes, policy_readable, "
                + "mail_state, mail_detail, https_state, https_detail, site_report_at, harvested_at, site_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Sql.bind(s, values).executeUpdate();
        }
    }

    /** Replaces what the site has installed with what its agent's site report says. */
    private static void recordInstalled(Connection c, long siteId, Map<String, String> installed) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM site_installed WHERE site_id = ?")) {
            Sql.bind(s, siteId).executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO site_installed (site_id, product, version) "
                + "VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> e : installed.entrySet()) {
                Sql.bind(s, siteId, Sql.clip(e.getKey(), 200), Sql.clip(e.getValue(), 64)).executeUpdate();
            }
        }
    }

    /**
     * The release of {@code product} the site runs, as its agent last said: from its site report when one was read,
     * else (an agent that wrote none yet) the newest release whose patch it reported installed. Null when it has none
     * or the version cannot be read.
     */
    static Version installed(Connection c, long siteId, String product) throws SQLException {
        boolean reported;
        try (PreparedStatement s = c.prepareStatement("SELECT site_report_at FROM agent_health WHERE site_id = ?")) {
            try (ResultSet r = Sql.bind(s, siteId).executeQuery()) {
                reported = r.next() && r.getObject(1) != null;
            }
        }
        String sql = reported ? "SELECT version FROM site_installed WHERE site_id = ? AND product = ?"
                : "SELECT r.version FROM patch pt JOIN release r ON r.id = pt.release_id JOIN product p "
                + "ON p.id = r.product_id WHERE pt.site_id = ? AND p.name = ? AND pt.state IN ('INSTALLED', 'UP_TO_DATE')";
        Version newest = null;
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = Sql.bind(s, siteId, product).executeQuery()) {
            while (r.next()) {
                Version v = version(r.getString(1));
                if (v != null && (newest == null || v.compareTo(newest) > 0)) {
                    newest = v;
                }
            }
        }
        return newest;
    }

    private static Version version(String text) {
        try {
            return Version.parse(text);
        } catch (PatchbayException | IllegalArgumentException e) {
            return null; // an agent's word we cannot read matches no delta's base: the full kit goes
        }
    }

    /** Every site's agent, by ring and then name; a site never harvested has only its name. */
    public List<SiteAgent> list() {
        return db.read("list site agents", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT s.name, h.*, (SELECT MAX(p.reported_at) FROM patch p "
                    + "WHERE p.site_id = s.id) AS last_patch_report_at FROM site s LEFT JOIN agent_health h "
                    + "ON h.site_id = s.id ORDER BY s.ring, s.name")) {
                return read(s);
            }
        });
    }

    /** The agent of one site. */
    public SiteAgent get(String siteName) {
        return list().stream().filter(a -> a.siteName().equals(siteName)).findFirst()
                .orElseThrow(() -> Sites.noSuchSite(siteName));
    }

    private static List<SiteAgent> read(PreparedStatement s) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            List<SiteAgent> agents = new ArrayList<>();
            while (r.next()) {
                String error = r.getString("last_error");
                boolean policy = r.getBoolean("policy_readable");
                Boolean policyReadable = r.wasNull() ? null : policy;
                agents.add(new SiteAgent(r.getString("name"), r.getString("agent_version"),
                        Sql.instant(r, "started_at"), Sql.instant(r, "last_tick"),
                        error == null ? null : new AgentHealth.LastError(error, Sql.instant(r, "last_error_at")),
                        Sql.nullableLong(r, "home_free_bytes"), Sql.nullableLong(r, "install_root_free_bytes"),
                        policyReadable, service(r, "mail"), service(r, "https"), Sql.instant(r, "site_report_at"),
                        Sql.instant(r, "last_patch_report_at"), Sql.instant(r, "harvested_at")));
            }
            return agents;
        }
    }

    private static AgentHealth.Service service(ResultSet r, String prefix) throws SQLException {
        String state = r.getString(prefix + "_state");
        return state == null ? null : new AgentHealth.Service(AgentHealth.ServiceState.valueOf(state),
                r.getString(prefix + "_detail"));
    }

    private static String state(AgentHealth.Service s) {
        return s == null || s.state() == null ? null : s.state().name();
    }

    private static String detail(AgentHealth.Service s) {
        return s == null ? null : Sql.clip(s.detail(), 2000);
    }
}

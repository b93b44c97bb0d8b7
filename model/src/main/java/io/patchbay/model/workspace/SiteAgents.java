package io.patchbay.model.workspace;

import io.patchbay.model.report.AgentHealth;
import io.patchbay.model.report.AgentReport;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
            try (PreparedStatement s = c.prepareStatement("UPDATE agent_health SET agent_version = ?, started_at = ?, "
                    + "last_tick = ?, last_error = ?, last_error_at = ?, home_free_bytes = ?, install_root_free_bytes = ?, "
                    + "policy_readable = ?, mail_state = ?, mail_detail = ?, https_state = ?, https_detail = ?, "
                    + "site_report_at = ?, harvested_at = ? WHERE site_id = ?")) {
                if (Sql.bind(s, values).executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO agent_health (agent_version, started_at, "
                    + "last_tick, last_error, last_error_at, home_free_bytes, install_root_free_bytes, policy_readable, "
                    + "mail_state, mail_detail, https_state, https_detail, site_report_at, harvested_at, site_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Sql.bind(s, values).executeUpdate();
            }
            return null;
        });
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

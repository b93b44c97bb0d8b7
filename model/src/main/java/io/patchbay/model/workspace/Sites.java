package io.patchbay.model.workspace;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.release.Channel;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The sites kits go to. */
public final class Sites {
    private static final String COLUMNS = "id, name, transport, endpoint, identity_file, known_hosts_file, "
            + "token_file, ca_cert_file, ring, channel, time_zone, policy_json, created_at, updated_at, ca_cert_pem FROM site";

    private final Database db;

    Sites(Database db) {
        this.db = db;
    }

    /**
     * Adds a site, with a notice of every key rotation recorded so far queued for it. An HTTPS site's CA certificate file, when it is on this machine, is read and its certificate
     * stored, so every machine on the workspace's database trusts the same CA.
     */
    public Site add(SiteSpec spec, String actor) {
        String caPem = CaCertificates.read(spec.caCertFile()).orElse(null);
        return db.inTransaction("add site " + spec.name(), c -> {
            if (find(c, spec.name()).isPresent()) {
                throw new PatchbayException("site already exists: " + spec.name());
            }
            Instant now = db.now(c);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO site (name, transport, endpoint, identity_file, "
                    + "known_hosts_file, token_file, ca_cert_file, ring, channel, time_zone, policy_json, created_at, "
                    + "updated_at, ca_cert_pem) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[]{"id"})) {
                int i = bindSpec(s, spec);
                Sql.setInstant(s, i, now);
                Sql.setInstant(s, i + 1, now);
                s.setString(i + 2, caPem);
                s.executeUpdate();
                long id = Sql.generatedId(s);
                Events.append(c, now, actor, EventKind.SITE_ADDED, spec.name(), describe(spec));
                // A site added after a key changed learns it like the others (its operator may trust the old key).
                KeyRotations.queueAllFor(c, now, id, actor);
                return new Site(id, spec, now, now, caPem);
            }
        });
    }

    /**
     * Replaces what is known about the site called {@code spec.name()}. The stored CA certificate is read again
     * from the CA file when it is on this machine; kept when the file is the same but only on another machine.
     */
    public Site update(SiteSpec spec, String actor) {
        java.util.Optional<String> readPem = CaCertificates.read(spec.caCertFile());
        return db.inTransaction("update site " + spec.name(), c -> {
            Site old = find(c, spec.name()).orElseThrow(() -> noSuchSite(spec.name()));
            String caPem = readPem.orElse(java.util.Objects.equals(old.spec().caCertFile(), spec.caCertFile())
                    ? old.caCertificatePem() : null);
            Instant now = db.now(c);
            try (PreparedStatement s = c.prepareStatement("UPDATE site SET name = ?, transport = ?, endpoint = ?, "
                    + "identity_file = ?, known_hosts_file = ?, token_file = ?, ca_cert_file = ?, ring = ?, "
                    + "channel = ?, time_zone = ?, policy_json = ?, updated_at = ?, ca_cert_pem = ? WHERE id = ?")) {
                int i = bindSpec(s, spec);
                Sql.setInstant(s, i, now);
                s.setString(i + 1, caPem);
                s.setLong(i + 2, old.id());
                s.executeUpdate();
            }
            Events.append(c, now, actor, EventKind.SITE_UPDATED, spec.name(), describe(spec));
            return new Site(old.id(), spec, old.createdAt(), now, caPem);
        });
    }

    /**
     * Removes a site and its outbox and report rows; the event log keeps its history. Refused while a
     * worker is sending to it (cancel that delivery first).
     */
    public void remove(String name, String actor) {
        db.inTransaction("remove site " + name, c -> {
            Site site = find(c, name).orElseThrow(() -> noSuchSite(name));
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*) FROM delivery WHERE site_id = ? AND state = 'sending' AND lease_expires_at > ?")) {
                Sql.bind(s, site.id(), db.now(c));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        throw new PatchbayException("site " + name + " is receiving a kit right now; cancel "
                                + "its delivery first");
                    }
                }
            }
            for (String table : new String[]{"check_result", "installation", "patch", "delivery", "rollout_target",
                    "agent_health", "site_agent_key", "report_refusal"}) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE site_id = ?")) {
                    s.setLong(1, site.id());
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM site WHERE id = ?")) {
                s.setLong(1, site.id());
                s.executeUpdate();
            }
            Events.append(c, db.now(c), actor, EventKind.SITE_REMOVED, name, null);
            return null;
        });
    }

    public Optional<Site> find(String name) {
        return db.read("find site " + name, c -> find(c, name));
    }

    /** The site called {@code name}, or a refusal naming it. */
    public Site get(String name) {
        return find(name).orElseThrow(() -> noSuchSite(name));
    }

    /** Every site, by ring and then name. */
    public List<Site> list() {
        return db.read("list sites", c -> query(c, " ORDER BY ring, name"));
    }

    /**
     * Takes up to {@code max} sites whose reports are due to be read (never read, or last taken
     * {@code every} ago, by the database's clock), leaving out {@code busy} ones (a kit is being sent to
     * them), and makes each due again {@code every} from now: with several workers on one database, each site
     * is read by one of them per interval. Rows another transaction holds are skipped, not waited for. The sites
     * waiting longest come first: when a pass cannot read every site within {@code every}, the first sites by id
     * would otherwise be due again before the last were ever read.
     */
    public List<Site> claimHarvests(int max, Duration every, Collection<Long> busy) {
        if (max <= 0 || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("claimHarvests needs max > 0 and a positive interval");
        }
        return db.inTransaction("take sites to read", c -> {
            Instant now = db.now(c);
            String leaveOut = busy.isEmpty() ? "" : " AND id NOT IN (" + String.join(", ",
                    busy.stream().map(id -> Long.toString(id)).toList()) + ")";
            List<Long> ids = new ArrayList<>();
            // An offline site's reports come back only by report bundle (status import): nothing to read.
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM site WHERE transport <> 'offline' AND "
                    + "(next_harvest_at IS NULL OR next_harvest_at <= ?)" + leaveOut + " ORDER BY next_harvest_at NULLS FIRST, id FETCH FIRST " + max
                    + " ROWS ONLY FOR UPDATE SKIP LOCKED")) {
                Sql.bind(s, now);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getLong(1));
                    }
                }
            }
            List<Site> taken = new ArrayList<>();
            for (long id : ids) {
                // Re-checked in the UPDATE: without row locks, another worker may have taken it meanwhile.
                try (PreparedStatement s = c.prepareStatement("UPDATE site SET next_harvest_at = ? WHERE id = ? "
                        + "AND (next_harvest_at IS NULL OR next_harvest_at <= ?)")) {
                    if (Sql.bind(s, now.plus(every), id, now).executeUpdate() == 1) {
                        find(c, id).ifPresent(taken::add);
                    }
                }
            }
            return taken;
        });
    }

    static Optional<Site> find(Connection c, String name) throws SQLException {
        SiteSpec.requireName(name);
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " WHERE name = ?")) {
            s.setString(1, name);
            return read(s).stream().findFirst();
        }
    }

    static Optional<Site> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " WHERE id = ?")) {
            s.setLong(1, id);
            return read(s).stream().findFirst();
        }
    }

    private static List<Site> query(Connection c, String tail) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + tail)) {
            return read(s);
        }
    }

    private static List<Site> read(PreparedStatement s) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            List<Site> sites = new ArrayList<>();
            while (r.next()) {
                SiteSpec spec = new SiteSpec(r.getString("name"), TransportKind.parse(r.getString("transport")),
                        URI.create(r.getString("endpoint")), path(r, "identity_file"), path(r, "known_hosts_file"),
                        path(r, "token_file"), path(r, "ca_cert_file"), r.getString("ring"),
                        Channel.parse(r.getString("channel")), ZoneId.of(r.getString("time_zone")),
                        r.getString("policy_json"));
                sites.add(new Site(r.getLong("id"), spec, Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"),
                        r.getString("ca_cert_pem")));
            }
            return sites;
        }
    }

    private static int bindSpec(PreparedStatement s, SiteSpec spec) throws SQLException {
        s.setString(1, spec.name());
        s.setString(2, spec.transport().word());
        s.setString(3, spec.endpoint().toString());
        s.setString(4, text(spec.identityFile()));
        s.setString(5, text(spec.knownHostsFile()));
        s.setString(6, text(spec.tokenFile()));
        s.setString(7, text(spec.caCertFile()));
        s.setString(8, spec.ring());
        s.setString(9, spec.channel().word());
        s.setString(10, spec.timeZone().getId());
        s.setString(11, spec.policyJson());
        return 12;
    }

    private static String text(Path path) {
        return path == null ? null : path.toString();
    }

    private static Path path(ResultSet r, String column) throws SQLException {
        String v = r.getString(column);
        return v == null ? null : Path.of(v);
    }

    private static String describe(SiteSpec spec) {
        return spec.endpoint() + " ring " + spec.ring() + " channel " + spec.channel().word() + " zone "
                + spec.timeZone().getId();
    }

    static PatchbayException noSuchSite(String name) {
        return new NotFoundException("no such site: " + name);
    }
}

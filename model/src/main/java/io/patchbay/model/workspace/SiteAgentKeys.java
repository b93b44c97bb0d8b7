package io.patchbay.model.workspace;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.bundle.ReportRefused;
import io.patchbay.model.kit.sign.SigningKeys;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Each site's agent key (the public half of the key its agent made at {@code init}), which a report bundle from a
 * site without a network must be signed with, and the number of the newest report imported from it, so that an
 * older one is refused as a replay. Public keys only: nothing here is secret.
 */
public final class SiteAgentKeys {
    private final Database db;

    SiteAgentKeys(Database db) {
        this.db = db;
    }

    /** Records (or replaces) the site's agent key; a new key starts its report numbers afresh. */
    public void record(String siteName, PublicKey key, String person) {
        db.inTransaction("record an agent key", c -> {
            Site site = Sites.find(c, siteName).orElseThrow(() -> Sites.noSuchSite(siteName));
            Instant now = db.now(c);
            String encoded = Base64.getEncoder().encodeToString(key.getEncoded());
            try (PreparedStatement s = c.prepareStatement("DELETE FROM site_agent_key WHERE site_id = ?")) {
                s.setLong(1, site.id());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO site_agent_key (site_id, public_key, fingerprint, "
                    + "recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?)")) {
                Sql.bind(s, site.id(), encoded, SigningKeys.fingerprint(key), now, person).executeUpdate();
            }
            Events.append(c, now, person, EventKind.SITE_UPDATED, siteName, "agent key " + SigningKeys.fingerprint(key));
            return null;
        });
    }

    /** The site's agent key, if one was recorded. */
    public Optional<PublicKey> find(String siteName) {
        return db.read("read an agent key", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT k.public_key FROM site_agent_key k "
                    + "JOIN site s ON s.id = k.site_id WHERE s.name = ?")) {
                s.setString(1, siteName);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(SigningKeys.publicKey(Base64.getDecoder().decode(r.getString(1)),
                            "the agent key of " + siteName)) : Optional.<PublicKey>empty();
                }
            }
        });
    }

    /** The site's agent key, refused with how to record it when there is none. */
    public PublicKey require(String siteName) {
        return find(siteName).orElseThrow(() -> new NotFoundException("no agent key recorded for site " + siteName
                + ": record its agent.pub with `patchbay site agent-key " + siteName + " FILE`"));
    }

    /**
     * Accepts report number {@code sequence}, written at {@code at}, as the site's newest: refused as a replay when
     * an older number than the newest imported; the same number again is the same report and accepted (recording a
     * report twice changes nothing).
     */
    public void acceptReport(String siteName, long sequence, Instant at) {
        db.inTransaction("accept a report bundle", c -> {
            Site site = Sites.find(c, siteName).orElseThrow(() -> Sites.noSuchSite(siteName));
            try (PreparedStatement s = c.prepareStatement("SELECT last_report_sequence FROM site_agent_key "
                    + "WHERE site_id = ? FOR UPDATE")) {
                s.setLong(1, site.id());
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new NotFoundException("no agent key recorded for site " + siteName);
                    }
                    long last = r.getLong(1);
                    if (!r.wasNull() && sequence < last) {
                        throw new ReportRefused("an older report of " + siteName + " (number " + sequence
                                + ") than the last one imported (number " + last + "): refused as a replay");
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE site_agent_key SET last_report_sequence = ?, "
                    + "last_report_at = ? WHERE site_id = ?")) {
                Sql.bind(s, sequence, at, site.id()).executeUpdate();
            }
            return null;
        });
    }
}

package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Releases and their kits. */
public final class Releases {
    private static final String COLUMNS = "r.id, p.name AS product, r.version, r.channel, r.automatic, r.major, "
            + "r.released_at, r.pulled, r.pulled_reason, r.pulled_at, r.kit_file, r.kit_sha256, r.kit_size, "
            + "r.signer_fingerprint, r.manifest_text, r.added_at FROM release r JOIN product p ON p.id = r.product_id";

    private final Database db;

    Releases(Database db) {
        this.db = db;
    }

    /**
     * Records a verified kit as a release (adding its product if new). Refuses a version the product
     * already has (12.10 and 12.10.0 count as the same) and a kit file name already in use.
     */
    public Release add(NewRelease kit, String actor) {
        var m = kit.manifest();
        return db.inTransaction("add release " + m.title(), c -> {
            Instant now = db.now();
            Product product = Products.findOrAdd(c, m.product(), now, actor);
            for (Release existing : listOf(c, product.name())) {
                if (existing.version().equals(m.version())) {
                    throw new PatchbayException("release already in the workspace: " + existing.title());
                }
                if (existing.kitFile().equals(kit.kitFile())) {
                    throw new PatchbayException("kit file name already used by " + existing.title() + ": "
                            + kit.kitFile());
                }
            }
            if (findByKitFile(c, kit.kitFile()).isPresent()) {
                throw new PatchbayException("kit file name already used: " + kit.kitFile());
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO release (product_id, version, channel, "
                    + "automatic, major, released_at, kit_file, kit_sha256, kit_size, signer_fingerprint, "
                    + "manifest_text, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[]{"id"})) {
                Sql.bind(s, product.id(), m.version().toString(), m.channel().word(), m.automatic(), m.major(),
                        m.released(), kit.kitFile(), kit.kitSha256(), kit.kitSize(), kit.signerFingerprint(),
                        kit.manifestText(), now);
                s.executeUpdate();
                long id = Sql.generatedId(s);
                Events.append(c, now, actor, EventKind.RELEASE_ADDED, m.title(), kit.kitFile() + " sha256 "
                        + kit.kitSha256());
                return find(c, id).orElseThrow();
            }
        });
    }

    public Optional<Release> find(long id) {
        return db.read("find release " + id, c -> find(c, id));
    }

    public Optional<Release> find(String product, Version version) {
        return db.read("find release " + product + " " + version,
                c -> listOf(c, product).stream().filter(r -> r.version().equals(version)).findFirst());
    }

    /** Every release, by product and then newest version first. */
    public List<Release> list() {
        return db.read("list releases", c -> {
            List<Release> all = query(c, "", List.of());
            all.sort(Comparator.comparing(Release::product).thenComparing(Release::version, Comparator.reverseOrder()));
            return all;
        });
    }

    /**
     * Pulls a release: no new delivery of it starts from now on (the outbox skips it), and the
     * pull is recorded with its reason. Pulling twice keeps the first reason.
     */
    public Release pull(long id, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new PatchbayException("pulling a release needs a reason");
        }
        return db.inTransaction("pull release " + id, c -> {
            Release release = find(c, id).orElseThrow(() -> new PatchbayException("no release with id " + id));
            if (release.pulled()) {
                return release;
            }
            Instant now = db.now();
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE release SET pulled = TRUE, pulled_reason = ?, pulled_at = ? WHERE id = ?")) {
                Sql.bind(s, Sql.clip(reason, 2000), now, id).executeUpdate();
            }
            Events.append(c, now, actor, EventKind.RELEASE_PULLED, release.title(), reason);
            return find(c, id).orElseThrow();
        });
    }

    static Optional<Release> find(Connection c, long id) throws SQLException {
        return query(c, " WHERE r.id = ?", List.of(id)).stream().findFirst();
    }

    private static Optional<Release> findByKitFile(Connection c, String kitFile) throws SQLException {
        return query(c, " WHERE r.kit_file = ?", List.of(kitFile)).stream().findFirst();
    }

    private static List<Release> listOf(Connection c, String product) throws SQLException {
        return query(c, " WHERE p.name = ?", List.of(product));
    }

    private static List<Release> query(Connection c, String where, List<Object> args) throws SQLException {
        try (PreparedStatement s = Sql.bind(c.prepareStatement("SELECT " + COLUMNS + where), args.toArray());
             ResultSet r = s.executeQuery()) {
            List<Release> releases = new ArrayList<>();
            while (r.next()) {
                releases.add(new Release(r.getLong("id"), r.getString("product"), Version.parse(r.getString("version")),
                        Channel.parse(r.getString("channel")), r.getBoolean("automatic"), r.getBoolean("major"),
                        Sql.instant(r, "released_at"), r.getBoolean("pulled"), r.getString("pulled_reason"),
                        Sql.instant(r, "pulled_at"), r.getString("kit_file"), r.getString("kit_sha256"),
                        r.getLong("kit_size"), r.getString("signer_fingerprint"), r.getString("manifest_text"),
                        Sql.instant(r, "added_at")));
            }
            return releases;
        }
    }
}

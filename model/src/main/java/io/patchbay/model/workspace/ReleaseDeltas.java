package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.release.Version;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The delta kits the workspace holds beside its releases' full kits ({@link ReleaseDelta}). */
public final class ReleaseDeltas {
    private static final String COLUMNS = "x.id, x.release_id, x.base_release_id, b.version AS base_version, x.kit_file, "
            + "x.kit_sha256, x.kit_size, x.added_at FROM release_delta x JOIN release b ON b.id = x.base_release_id";

    private final Database db;

    ReleaseDeltas(Database db) {
        this.db = db;
    }

    /**
     * Records a verified delta of {@code release} from {@code base}, whose bytes are already in the kit store. Adding
     * the same delta again returns the one recorded; another delta for the same base, or a file name already used by
     * a kit or delta, is refused.
     */
    public ReleaseDelta add(Release release, Release base, String kitFile, String sha256, long size, String actor) {
        return db.inTransaction("add a delta of " + release.title(), c -> {
            Optional<ReleaseDelta> same = query(c, " WHERE x.release_id = ? AND x.base_release_id = ?",
                    release.id(), base.id()).stream().findFirst();
            if (same.isPresent()) {
                if (same.get().kitSha256().equals(sha256)) {
                    return same.get();
                }
                throw new PatchbayException(release.title() + " already has a delta from " + base.version()
                        + " (" + same.get().kitFile() + "), with other content; a release's kits never change");
            }
            if (byKitFile(c, kitFile).isPresent() || Reports.releaseOfKit(c, kitFile).isPresent()) {
                throw new PatchbayException("kit file name already used in the workspace: " + kitFile);
            }
            Instant now = db.now(c);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO release_delta (release_id, base_release_id, "
                    + "kit_file, kit_sha256, kit_size, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    new String[]{"id"})) {
                Sql.bind(s, release.id(), base.id(), kitFile, sha256, size, now, Sql.clip(actor, 200)).executeUpdate();
                long id = Sql.generatedId(s);
                Events.append(c, now, actor, EventKind.DELTA_ADDED, release.title(), "delta from " + base.version()
                        + ": " + kitFile + " sha256 " + sha256);
                return query(c, " WHERE x.id = ?", id).get(0);
            }
        });
    }

    /** Every delta the workspace holds, by release and base. */
    public List<ReleaseDelta> all() {
        return db.read("list deltas", c -> query(c, " ORDER BY x.release_id, x.base_release_id"));
    }

    /** The release's deltas, by base version. */
    public List<ReleaseDelta> of(long releaseId) {
        return db.read("list the deltas of a release", c -> of(c, releaseId));
    }

    static List<ReleaseDelta> of(Connection c, long releaseId) throws SQLException {
        return query(c, " WHERE x.release_id = ? ORDER BY x.base_release_id", releaseId);
    }

    static Optional<ReleaseDelta> byKitFile(Connection c, String kitFile) throws SQLException {
        return query(c, " WHERE x.kit_file = ?", kitFile).stream().findFirst();
    }

    private static List<ReleaseDelta> query(Connection c, String where, Object... args) throws SQLException {
        try (PreparedStatement s = Sql.bind(c.prepareStatement("SELECT " + COLUMNS + where), args);
             ResultSet r = s.executeQuery()) {
            List<ReleaseDelta> deltas = new ArrayList<>();
            while (r.next()) {
                deltas.add(new ReleaseDelta(r.getLong("id"), r.getLong("release_id"), r.getLong("base_release_id"),
                        Version.parse(r.getString("base_version")), r.getString("kit_file"), r.getString("kit_sha256"),
                        r.getLong("kit_size"), Sql.instant(r, "added_at")));
            }
            return deltas;
        }
    }
}

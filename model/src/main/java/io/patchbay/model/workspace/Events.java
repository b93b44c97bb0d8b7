package io.patchbay.model.workspace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The append-only audit log. There is deliberately no update or delete: an event, once written, stays.
 * Repositories append their events through {@link #append(Connection, Instant, String, String, String, String)}
 * inside their own transaction, so a change and its event commit together or not at all.
 */
public final class Events {
    private final Database db;

    Events(Database db) {
        this.db = db;
    }

    /** Appends one event in its own transaction and returns it. */
    public Event append(String actor, String kind, String subject, String detail) {
        return db.inTransaction("append an event", c -> {
            Instant at = db.now(c);
            return new Event(append(c, at, actor, kind, subject, detail), at, actor, kind, subject, detail);
        });
    }

    static long append(Connection c, Instant at, String actor, String kind, String subject, String detail)
            throws SQLException {
        requireText(actor, "actor");
        requireText(kind, "kind");
        requireText(subject, "subject");
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO event (occurred_at, actor, kind, subject, detail) VALUES (?, ?, ?, ?, ?)",
                new String[]{"id"})) {
            Sql.setInstant(s, 1, at);
            s.setString(2, Sql.clip(actor, 200));
            s.setString(3, Sql.clip(kind, 64));
            s.setString(4, Sql.clip(subject, 500));
            s.setString(5, Sql.clip(detail, 8000));
            s.executeUpdate();
            return Sql.generatedId(s);
        }
    }

    /** The events that match, newest first. */
    public List<Event> find(EventQuery q) {
        Objects.requireNonNull(q, "query");
        StringBuilder sql = new StringBuilder(
                "SELECT id, occurred_at, actor, kind, subject, detail FROM event WHERE id > ?");
        List<Object> args = new ArrayList<>();
        args.add(q.afterId());
        if (q.kind() != null) {
            if (q.kind().endsWith(".")) {
                sql.append(" AND kind LIKE ? ESCAPE '\\'");
                args.add(escapeLike(q.kind()) + "%");
            } else {
                sql.append(" AND kind = ?");
                args.add(q.kind());
            }
        }
        if (q.subject() != null) {
            sql.append(" AND subject LIKE ? ESCAPE '\\'");
            args.add("%" + escapeLike(q.subject()) + "%");
        }
        if (q.from() != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(q.from());
        }
        if (q.until() != null) {
            sql.append(" AND occurred_at < ?");
            args.add(q.until());
        }
        sql.append(" ORDER BY id DESC FETCH FIRST ").append(q.limit()).append(" ROWS ONLY");
        return db.read("list events", c -> {
            try (PreparedStatement s = Sql.bind(c.prepareStatement(sql.toString()), args.toArray());
                 ResultSet r = s.executeQuery()) {
                List<Event> events = new ArrayList<>();
                while (r.next()) {
                    events.add(new Event(r.getLong("id"), Sql.instant(r, "occurred_at"), r.getString("actor"),
                            r.getString("kind"), r.getString("subject"), r.getString("detail")));
                }
                return events;
            }
        });
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an event needs a " + name);
        }
    }
}

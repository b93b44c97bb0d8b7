package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.trust.KeyTrust;
import io.patchbay.model.trust.RotationStatement;
import io.patchbay.model.trust.RotationStatements;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key rotation statements this workspace knows, kept as signed, and their notices: each goes to every site
 * through the outbox ({@link DeliveryKind#ROTATION}), also to a site added later ({@link #queueAllFor}).
 *
 * <p>The workspace judges a statement with its sites' own rules ({@link KeyTrust}, rooted in the keys it trusts):
 * rooted in a key it trusts, signed by both keys, numbered higher than any before, one successor per key. So it
 * never sends a notice its sites would refuse for its content, and it knows the revocations its sites know:
 * {@code release add} refuses what they would refuse ({@link KitImport}).
 */
public final class KeyRotations {
    /** A statement the workspace recorded, as it was signed. */
    public record Recorded(long id, RotationStatement statement, byte[] bytes, Instant recordedAt, String recordedBy) {
    }

    /**
     * What recording a statement did.
     *
     * @param known  the workspace had it already (kits and a second announce repeat it): nothing recorded again
     * @param queued how many sites got a notice queued now (sites that had one already are not counted)
     */
    public record Outcome(RotationStatement statement, boolean known, int queued) {
    }

    private final Database db;
    private final TrustedSigners signers;

    KeyRotations(Database db, TrustedSigners signers) {
        this.db = db;
        this.signers = signers;
    }

    /**
     * Records a statement ({@code source} names it in refusals), queues its notice for every site that has none
     * yet, and trusts its new key, as a site does when it accepts it. A statement the sites would refuse is
     * refused here with their one-line reason, and nothing changes. Recording one the workspace has is harmless: it
     * queues the notice for sites that miss it.
     */
    public Outcome record(byte[] bytes, String source, String actor) {
        return record(bytes, source, List.of(), actor);
    }

    /** As {@link #record(byte[], String, String)}, also trusting {@code alsoTrusted} (keys given to a {@code release add}). */
    Outcome record(byte[] bytes, String source, Collection<PublicKey> alsoTrusted, String actor) {
        if (!Arrays.equals(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), bytes)) {
            throw new PatchbayException("rotation statement " + source + " is not UTF-8 text: not a statement");
        }
        List<PublicKey> roots = new ArrayList<>(signers.keys());
        roots.addAll(alsoTrusted);
        Outcome outcome = db.inTransaction("record the rotation statement " + source, c -> {
            KeyTrust trust = KeyTrust.rebuild(roots, stored(c)).trust();
            String old = RotationStatements.read(bytes, source).oldFingerprint();
            if (!trust.fingerprints().contains(old)) {
                // KeyTrust would say the same in a site's words; the fix here is the workspace's.
                throw new PatchbayException("rotation statement " + source + " rotates " + old + ", a key this workspace "
                        + "does not trust: refused (a kit signed by it, added with `release add --trust KEY.pub`, "
                        + "makes it trusted)");
            }
            KeyTrust.Accepted accepted = trust.accept(bytes, source);
            RotationStatement s = accepted.statement();
            Instant now = db.now(c);
            long id = accepted.known() ? idOf(c, s.sequence()) : insert(c, now, s, bytes, actor);
            int queued = 0;
            for (long siteId : siteIds(c)) {
                if (Deliveries.enqueueRotation(c, now, id, siteId, bytes.length, actor).isPresent()) {
                    queued++;
                }
            }
            return new Outcome(s, accepted.known(), queued);
        });
        signers.pin(outcome.statement().newKey(), actor);
        return outcome;
    }

    /** Queues every recorded statement for a site just added, oldest first, in the transaction that adds it. */
    static void queueAllFor(Connection c, Instant now, long siteId, String actor) throws SQLException {
        for (Recorded r : list(c)) {
            Deliveries.enqueueRotation(c, now, r.id(), siteId, r.bytes().length, actor);
        }
    }

    /** The recorded statements, in sequence order. */
    public List<Recorded> list() {
        return db.read("list the key rotations", KeyRotations::list);
    }

    public Optional<Recorded> find(long id) {
        return list().stream().filter(r -> r.id() == id).findFirst();
    }

    /** The trust of a site that trusts the workspace's keys and accepted every recorded statement. */
    public KeyTrust trust() {
        return trust(signers.keys());
    }

    /** The trust of a site that trusts {@code roots} and accepted the recorded statements rooted in them. */
    public KeyTrust trust(Collection<PublicKey> roots) {
        return KeyTrust.rebuild(roots, db.read("read the key rotations", KeyRotations::stored)).trust();
    }

    private static Map<String, byte[]> stored(Connection c) throws SQLException {
        Map<String, byte[]> stored = new LinkedHashMap<>();
        for (Recorded r : list(c)) {
            stored.put(RotationStatements.fileName(r.statement().sequence()), r.bytes());
        }
        return stored;
    }

    private static List<Recorded> list(Connection c) throws SQLException {
        List<Recorded> all = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, statement, recorded_at, recorded_by FROM key_rotation "
                + "ORDER BY sequence"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                byte[] bytes = r.getString("statement").getBytes(StandardCharsets.UTF_8);
                String source = "recorded key rotation " + r.getLong("id");
                // Judged when recorded; read here only to tell what it says (the trust rebuilds judge it again).
                all.add(new Recorded(r.getLong("id"), RotationStatements.read(bytes, source), bytes,
                        Sql.instant(r, "recorded_at"), r.getString("recorded_by")));
            }
        }
        return all;
    }

    private static long insert(Connection c, Instant now, RotationStatement s, byte[] bytes, String actor)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO key_rotation (sequence, old_fingerprint, "
                + "new_fingerprint, revokes_old, made_at, statement, recorded_at, recorded_by) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", new String[]{"id"})) {
            Sql.bind(st, s.sequence(), s.oldFingerprint(), s.newFingerprint(), s.revokesOld(), s.madeAt().toInstant(),
                    new String(bytes, StandardCharsets.UTF_8), now, actor).executeUpdate();
            long id = Sql.generatedId(st);
            Events.append(c, now, actor, EventKind.SIGNER_ROTATED, s.oldFingerprint(), s.title());
            return id;
        }
    }

    private static long idOf(Connection c, long sequence) throws SQLException {
        try (PreparedStatement s = Sql.bind(c.prepareStatement("SELECT id FROM key_rotation WHERE sequence = ?"), sequence);
             ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new IllegalStateException("key rotation " + sequence + " is known but not stored");
            }
            return r.getLong(1);
        }
    }

    private static List<Long> siteIds(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM site ORDER BY id"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                ids.add(r.getLong(1));
            }
        }
        return ids;
    }
}

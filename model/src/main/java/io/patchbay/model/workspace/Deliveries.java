package io.patchbay.model.workspace;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.delivery.RetryBackoff;
import io.patchbay.model.pull.PullNotices;
import io.patchbay.model.release.Version;
import io.patchbay.model.trust.RotationStatements;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The durable outbox. Every delivery is a row (a kit, a release's pull notice, or a key rotation notice); workers (threads or processes, one workstation or a
 * team on PostgreSQL) take due rows by writing a lease, push, and report back. A row leaves the outbox
 * only when its kit arrived, the site refused it, or a person cancelled it.
 *
 * <p>Taking rows is safe with any number of workers: candidates are selected with
 * {@code FOR UPDATE SKIP LOCKED} (H2 2.5 and PostgreSQL both support it), and each is then taken with a
 * conditional {@code UPDATE} that re-checks it is still due, so even without row locks no row is taken
 * twice. A site's own row is locked while one of its deliveries is taken, so one site never receives
 * two kits at once. Every state change appends its event in the same transaction.
 */
public final class Deliveries {
    private static final String COLUMNS = "d.id, d.release_id, d.site_id, d.rollout_id, s.name AS site_name, "
            + "p.name AS product, r.version, r.kit_file, d.state, d.attempts, d.bytes_sent, d.size_bytes, "
            + "d.next_try_at, d.last_error, d.lease_owner, d.lease_expires_at, d.row_version, d.created_at, "
            + "d.updated_at, d.kind, d.rotation_id, k.sequence AS rotation_sequence FROM delivery d "
            + "JOIN site s ON s.id = d.site_id LEFT JOIN release r ON r.id = d.release_id "
            + "LEFT JOIN product p ON p.id = r.product_id LEFT JOIN key_rotation k ON k.id = d.rotation_id";
    /**
     * Due and not held: the same test for choosing candidates and for taking one; two parameters (now).
     */
    private static String due(String d) {
        return "((" + d + ".state IN ('queued', 'retrying') AND " + d + ".next_try_at <= ?) "
                + "OR (" + d + ".state = 'sending' AND " + d + ".lease_expires_at <= ?)) AND " + notHeld(d)
                + " AND NOT " + toOfflineSite(d);
    }

    /** A delivery to a site without a network: no worker takes it; it waits for a bundle. No parameters. */
    private static String toOfflineSite(String d) {
        return d + ".site_id IN (SELECT id FROM site WHERE transport = 'offline')";
    }

    /**
     * The one rule for what is held, whatever the time: a kit once its release is pulled, a pull notice until
     * someone signed it, and a delivery of a rollout that is not running. A rotation notice is never held: it is
     * signed when recorded and belongs to no release or rollout. (A daily quota also holds, see
     * {@link QuotaGate}; it needs the time.) No parameters.
     */
    private static String notHeld(String d) {
        return "(" + d + ".kind = 'rotation' "
                + "OR (" + d + ".kind = 'kit' AND " + d + ".release_id IN (SELECT id FROM release WHERE pulled = FALSE)) "
                + "OR (" + d + ".kind = 'pull' AND " + d + ".release_id IN "
                + "(SELECT id FROM release WHERE pull_notice IS NOT NULL))) "
                + "AND (" + d + ".rollout_id IS NULL OR " + d + ".rollout_id IN "
                + "(SELECT id FROM rollout WHERE state = 'running'))";
    }

    /** Waiting rows a daily quota holds back now ({@code heldBack} from {@link QuotaGate#heldBack}). */
    private static String quotaHeld(String d, String heldBack) {
        return "(" + d + ".state IN ('queued', 'retrying') AND " + heldBack + ")";
    }

    /**
     * Candidates: due, for a site nobody is sending to, and the site's first due delivery (so one site
     * with many queued releases cannot fill the batch and starve the others). Rotation notices come first, then
     * pull notices, then kits: a site should learn a new key before a kit signed by it arrives, and of a pull
     * before it receives anything else. ('rotation' sorts after 'pull' after 'kit', hence the descending order on
     * kind.) Parameters: now x5.
     */
    private static String candidates(String heldBackD, String heldBackY) {
        return "SELECT d.id, d.site_id FROM delivery d WHERE " + due("d") + " AND NOT " + heldBackD
                + " AND NOT EXISTS (SELECT 1 FROM delivery x WHERE x.site_id = d.site_id AND x.id <> d.id "
                + "AND x.state = 'sending' AND x.lease_expires_at > ?)"
                + " AND NOT EXISTS (SELECT 1 FROM delivery y WHERE y.site_id = d.site_id "
                + "AND (y.kind > d.kind OR (y.kind = d.kind AND y.id < d.id)) AND "
                + due("y") + " AND NOT " + heldBackY + ") ORDER BY d.kind DESC, d.next_try_at, d.id";
    }

    private final Database db;

    Deliveries(Database db) {
        this.db = db;
    }

    /**
     * The ids of queued or retrying deliveries a rollout's daily quota holds back right now (their sites are
     * past today's admitted count); they become due on a later day without anyone acting.
     */
    public Set<Long> heldByQuota() {
        return db.inTransaction("find deliveries the quota holds back", c -> {
            String held = quotaHeld("d", QuotaGate.heldBack(QuotaGate.limits(c, db.now(c)), "d"));
            Set<Long> ids = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement("SELECT d.id FROM delivery d WHERE " + held);
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
            return ids;
        });
    }

    /**
     * Deliveries neither final nor held, oldest first: what {@code deliver --until-done} waits for. Held is
     * what {@link #claim} never takes, by the same rule: a pulled release's kit, an unsigned pull notice, a
     * delivery of a paused (or finished) rollout, and one its rollout's daily quota admits only on a later day. Not
     * a delivery to an offline site either: no worker takes it, it waits for a bundle ({@link #forBundle}).
     */
    public List<Delivery> outstanding() {
        return outstanding(false);
    }

    private List<Delivery> outstanding(boolean withOffline) {
        return db.inTransaction("list outstanding deliveries", c -> {
            String quota = quotaHeld("d", QuotaGate.heldBack(QuotaGate.limits(c, db.now(c)), "d"));
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " WHERE d.state IN ('queued', "
                    + "'sending', 'retrying') AND " + notHeld("d") + " AND NOT " + quota
                    + (withOffline ? "" : " AND NOT " + toOfflineSite("d")) + " ORDER BY d.id")) {
                return read(s);
            }
        });
    }

    /**
     * Queues the release for the site, due now. Idempotent: a release goes to a site at most once, so
     * asking again returns the delivery that exists (whatever its state) and writes nothing.
     */
    public Delivery enqueue(long releaseId, String siteName, String actor) {
        try {
            return db.inTransaction("queue a delivery", c -> {
                Site site = Sites.find(c, siteName).orElseThrow(() -> Sites.noSuchSite(siteName));
                return enqueue(c, db.now(c), releaseId, site.id(), null, actor);
            });
        } catch (PatchbayException e) {
            // Two processes queued the same pair at once: the unique key kept one; return it.
            if (e.getCause() instanceof SQLException sql && isUniqueViolation(sql)) {
                return db.read("find a delivery", c -> findByPair(c, releaseId, siteName, DeliveryKind.KIT))
                        .orElseThrow(() -> e);
            }
            throw e;
        }
    }

    static Delivery enqueue(Connection c, Instant now, long releaseId, long siteId, Long rolloutId, String actor)
            throws SQLException {
        Optional<Delivery> existing = findByIds(c, releaseId, siteId, DeliveryKind.KIT);
        if (existing.isPresent()) {
            return existing.get();
        }
        Release release = Releases.find(c, releaseId)
                .orElseThrow(() -> new NotFoundException("no release with id " + releaseId));
        if (release.pulled()) {
            throw new PatchbayException(release.title() + " is pulled: it is not delivered any more");
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO delivery (release_id, site_id, rollout_id, state, "
                + "size_bytes, next_try_at, created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?)",
                new String[]{"id"})) {
            s.setLong(1, releaseId);
            s.setLong(2, siteId);
            Sql.setLong(s, 3, rolloutId);
            s.setLong(4, release.kitSize());
            Sql.setInstant(s, 5, now);
            Sql.setInstant(s, 6, now);
            Sql.setInstant(s, 7, now);
            s.executeUpdate();
            Delivery d = find(c, Sql.generatedId(s)).orElseThrow();
            Events.append(c, now, actor, EventKind.DELIVERY_QUEUED, d.subject(), null);
            return d;
        }
    }

    /**
     * Queues the release's pull notice for the site, due now (it waits while the notice is unsigned).
     * Idempotent, like kits: asking again returns the notice delivery that exists.
     */
    static Delivery enqueueNotice(Connection c, Instant now, long releaseId, long siteId, long size, String actor)
            throws SQLException {
        Optional<Delivery> existing = findByIds(c, releaseId, siteId, DeliveryKind.PULL);
        if (existing.isPresent()) {
            return existing.get();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO delivery (release_id, site_id, kind, state, "
                + "size_bytes, next_try_at, created_at, updated_at) VALUES (?, ?, 'pull', 'queued', ?, ?, ?, ?)",
                new String[]{"id"})) {
            Sql.bind(s, releaseId, siteId, size, now, now, now).executeUpdate();
            Delivery d = find(c, Sql.generatedId(s)).orElseThrow();
            Events.append(c, now, actor, EventKind.DELIVERY_QUEUED, d.subject(), null);
            return d;
        }
    }

    /**
     * Queues a recorded rotation statement for the site, due now. Idempotent: a site gets each statement at most
     * once, so asking again returns the delivery that exists (whatever its state); empty when one existed.
     */
    static Optional<Delivery> enqueueRotation(Connection c, Instant now, long rotationId, long siteId, long size,
                                              String actor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM delivery WHERE rotation_id = ? AND site_id = ?")) {
            try (ResultSet r = Sql.bind(s, rotationId, siteId).executeQuery()) {
                if (r.next()) {
                    return Optional.empty();
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO delivery (rotation_id, site_id, kind, state, "
                + "size_bytes, next_try_at, created_at, updated_at) VALUES (?, ?, 'rotation', 'queued', ?, ?, ?, ?)",
                new String[]{"id"})) {
            Sql.bind(s, rotationId, siteId, size, now, now, now).executeUpdate();
            Delivery d = find(c, Sql.generatedId(s)).orElseThrow();
            Events.append(c, now, actor, EventKind.DELIVERY_QUEUED, d.subject(), null);
            return Optional.of(d);
        }
    }

    /** Every rotation notice delivery, by site name and then sequence. */
    public List<Delivery> rotationNotices() {
        return db.read("list rotation notice deliveries", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                    + " WHERE d.kind = 'rotation' ORDER BY s.name, k.sequence")) {
                return read(s);
            }
        });
    }

    /** The pull notice delivery of the release to the site, if one was queued. */
    public Optional<Delivery> findNotice(long releaseId, String siteName) {
        return db.read("find a pull notice delivery", c -> findByPair(c, releaseId, siteName, DeliveryKind.PULL));
    }

    /** The release's pull notice deliveries, by site name. */
    public List<Delivery> notices(long releaseId) {
        return db.read("list pull notice deliveries", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                    + " WHERE d.release_id = ? AND d.kind = 'pull' ORDER BY s.name")) {
                s.setLong(1, releaseId);
                return read(s);
            }
        });
    }

    /**
     * Takes up to {@code max} due deliveries for {@code worker}, at most one per site, and marks them
     * sending under a lease of {@code lease}. Due means: queued or retrying with its next try reached,
     * or sending under a lease that lapsed (its worker died); never a pulled release's kit, an unsigned pull
     * notice, a paused rollout, or a site its rollout's daily quota has not admitted yet ({@link QuotaGate}).
     * Pull notices first, then oldest due first.
     */
    public List<Delivery> claim(String worker, int max, Duration lease) {
        requireWorker(worker);
        if (max <= 0 || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("claim needs max > 0 and a positive lease");
        }
        return db.inTransaction("take due deliveries", c -> {
            Instant now = db.now(c);
            List<long[]> candidates = new ArrayList<>();
            List<long[]> limits = QuotaGate.limits(c, now);
            String sql = candidates(QuotaGate.heldBack(limits, "d"), QuotaGate.heldBack(limits, "y"));
            try (PreparedStatement s = c.prepareStatement(sql + " FETCH FIRST " + (max * 2)
                    + " ROWS ONLY FOR UPDATE SKIP LOCKED")) {
                Sql.bind(s, now, now, now, now, now);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        candidates.add(new long[]{r.getLong(1), r.getLong(2)});
                    }
                }
            }
            List<Delivery> taken = new ArrayList<>();
            Set<Long> sites = new HashSet<>();
            for (long[] candidate : candidates) {
                if (taken.size() == max) {
                    break;
                }
                long id = candidate[0];
                long siteId = candidate[1];
                if (!sites.add(siteId) || !lockSite(c, siteId) || siteBusy(c, siteId, id, now)) {
                    continue;
                }
                Optional<Delivery> before = find(c, id);
                if (before.isEmpty() || !take(c, id, worker, now, now.plus(lease))) {
                    continue;
                }
                Delivery d = find(c, id).orElseThrow();
                if (before.get().state() == DeliveryState.SENDING) {
                    Events.append(c, now, worker, EventKind.DELIVERY_LEASE_EXPIRED, d.subject(),
                            "taken over from " + before.get().leaseOwner());
                }
                Events.append(c, now, worker, EventKind.DELIVERY_SENDING, d.subject(), "attempt " + d.attempts());
                taken.add(d);
            }
            return taken;
        });
    }

    /**
     * Records how far the transfer got and renews the lease for another {@code lease}. Returns false
     * when the worker no longer holds the delivery (a person cancelled it, or another worker took it
     * over): the worker should stop sending. No event: progress is not a change of state.
     */
    public boolean progress(long id, String worker, long bytesSent, Duration lease) {
        return db.inTransaction("record progress", c -> {
            Instant now = db.now(c);
            try (PreparedStatement s = c.prepareStatement("UPDATE delivery SET bytes_sent = ?, lease_expires_at = ?, "
                    + "row_version = row_version + 1, updated_at = ? WHERE id = ? AND state = 'sending' "
                    + "AND lease_owner = ?")) {
                return Sql.bind(s, bytesSent, now.plus(lease), now, id, worker).executeUpdate() == 1;
            }
        });
    }

    /**
     * Remembers where the site keeps this delivery's resumable upload (tus), so the next attempt, even
     * by another worker after a restart, continues it. False when the worker no longer holds the delivery.
     */
    public boolean recordUploadUrl(long id, String worker, String uploadUrl) {
        requireWorker(worker);
        return db.inTransaction("record an upload URL", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE delivery SET upload_url = ? WHERE id = ? "
                    + "AND state = 'sending' AND lease_owner = ?")) {
                return Sql.bind(s, Sql.clip(uploadUrl, 2000), id, worker).executeUpdate() == 1;
            }
        });
    }

    /** The resumable upload recorded for this delivery, if any. */
    public Optional<String> uploadUrl(long id) {
        return db.read("read an upload URL", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT upload_url FROM delivery WHERE id = ?")) {
                s.setLong(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * The whole kit is in the site's inbox. False when the worker no longer held the delivery. A delta that arrived is
     * remembered as this delivery's delta, whatever is sent after it (the counters of {@link #deltaCounts}).
     */
    public boolean markDelivered(long id, String worker) {
        return finishAttempt(id, worker, "state = 'delivered', bytes_sent = size_bytes, last_error = NULL, "
                + "upload_url = NULL, stalls = 0, "
                + "delta_kit = CASE WHEN sent_kind = 'delta' THEN sent_kit ELSE delta_kit END",
                EventKind.DELIVERY_DELIVERED, null);
    }

    /**
     * Decides which kit this kit delivery, held by {@code worker}, sends now ({@link KitRoute#choose}): the delta
     * whose base is the release the site last reported installed, else the full kit, and always the full kit once
     * the site refused a delta. Decided at every attempt, as the installed release may change while it waits, and
     * recorded in the row (its file, kind and size); an upload begun for another file is not resumed.
     */
    public KitRoute route(long id, String worker) {
        requireWorker(worker);
        return db.inTransaction("choose the kit to send", c -> {
            Delivery d = find(c, id).orElseThrow(() -> noSuchDelivery(id));
            if (d.kind() != DeliveryKind.KIT) {
                throw new IllegalArgumentException(d.subject() + " carries no kit");
            }
            Release release = Releases.find(c, d.releaseId()).orElseThrow();
            String sentKit;
            boolean fellBack;
            try (PreparedStatement s = c.prepareStatement("SELECT sent_kit, delta_outcome FROM delivery WHERE id = ?")) {
                try (ResultSet r = Sql.bind(s, id).executeQuery()) {
                    r.next();
                    sentKit = r.getString(1);
                    fellBack = DeltaCounts.FELL_BACK.equals(r.getString(2));
                }
            }
            KitRoute route = KitRoute.choose(release, ReleaseDeltas.of(c, release.id()),
                    SiteAgents.installed(c, d.siteId(), release.product()), fellBack);
            String restart = route.kitFile().equals(sentKit) ? "" : ", upload_url = NULL, bytes_sent = 0";
            try (PreparedStatement s = c.prepareStatement("UPDATE delivery SET sent_kit = ?, sent_kind = ?, "
                    + "size_bytes = ?" + restart + " WHERE id = ? AND state = 'sending' AND lease_owner = ?")) {
                Sql.bind(s, route.kitFile(), route.kind().word(), route.size(), id, worker).executeUpdate();
            }
            return route;
        });
    }

    /**
     * The site refused the delta it was sent with {@code reason} ("needs the full kit: ..."): the delivery is queued
     * again, due now, and will send the full kit ({@link #route}). Once only: a delivery that fell back before is left
     * as it is, so a second refusal never starts a loop. A delta the outbox never sent (carried by hand) gets a
     * delivery of its own. Returns whether it fell back now.
     */
    static boolean fallBack(Connection c, Instant now, long releaseId, long siteId, String reason, String actor)
            throws SQLException {
        Delivery d = findByIds(c, releaseId, siteId, DeliveryKind.KIT)
                .orElseGet(() -> {
                    try {
                        return enqueue(c, now, releaseId, siteId, null, actor);
                    } catch (SQLException e) {
                        throw new PatchbayException("cannot queue the full kit: " + e.getMessage(), e);
                    }
                });
        try (PreparedStatement s = c.prepareStatement("UPDATE delivery SET delta_outcome = 'fell back', "
                + "fallback_reason = ?, delta_kit = COALESCE(delta_kit, sent_kit), state = 'queued', next_try_at = ?, "
                + "last_error = NULL, bytes_sent = 0, upload_url = NULL, stalls = 0, lease_owner = NULL, "
                + "lease_expires_at = NULL, row_version = row_version + 1, updated_at = ? "
                + "WHERE id = ? AND (delta_outcome IS NULL OR delta_outcome <> 'fell back')")) {
            if (Sql.bind(s, Sql.clip(reason, 2000), now, now, d.id()).executeUpdate() != 1) {
                return false;
            }
        }
        Events.append(c, now, actor, EventKind.DELIVERY_FELL_BACK, d.subject(), reason + "; the full kit is queued");
        return true;
    }

    /** The site installed the delta it was sent: counted as applied (once). */
    static void deltaApplied(Connection c, Instant now, long releaseId, long siteId, String deltaKit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE delivery SET delta_outcome = 'applied', "
                + "delta_kit = COALESCE(delta_kit, ?), row_version = row_version + 1, updated_at = ? "
                + "WHERE release_id = ? AND site_id = ? AND kind = 'kit' AND delta_outcome IS NULL")) {
            Sql.bind(s, deltaKit, now, releaseId, siteId).executeUpdate();
        }
    }

    /** Whether the delivery of the release to the site already fell back from a delta to the full kit. */
    static boolean fellBack(Connection c, long releaseId, long siteId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM delivery WHERE release_id = ? AND site_id = ? "
                + "AND kind = 'kit' AND delta_outcome = 'fell back'")) {
            try (ResultSet r = Sql.bind(s, releaseId, siteId).executeQuery()) {
                return r.next();
            }
        }
    }

    /** Per release with a delta delivered to some site: how many, applied, fallen back and why; by release title. */
    public List<DeltaCounts> deltaCounts() {
        return db.read("count deltas", DeltaCounts::read);
    }

    /**
     * The try failed: keep it for another try at {@code nextTryAt} and show {@code reason}; the count of
     * stalls stays as it is. For a worker that stops (due again at once). False when the worker no longer
     * held the delivery.
     */
    public boolean markFailed(long id, String worker, String reason, Instant nextTryAt) {
        return markFailed(id, worker, reason, now -> nextTryAt);
    }

    /**
     * As {@link #markFailed(long, String, String, Instant)}, due again {@code retryIn} after now by the
     * database's clock: workers on machines whose clocks disagree still agree on when it is due.
     */
    public boolean markFailed(long id, String worker, String reason, Duration retryIn) {
        if (retryIn.isNegative()) {
            throw new IllegalArgumentException("a retry cannot be due in the past: " + retryIn);
        }
        return markFailed(id, worker, reason, now -> now.plus(retryIn));
    }

    private boolean markFailed(long id, String worker, String reason, UnaryOperator<Instant> nextTry) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a failed try needs a reason");
        }
        requireWorker(worker);
        return db.inTransaction("record a failed try", c -> {
            Instant at = nextTry.apply(db.now(c));
            return finishAttempt(c, id, worker, "state = 'retrying', last_error = ?, next_try_at = ?",
                    EventKind.DELIVERY_RETRYING, reason + "; next try " + at, Sql.clip(reason, 2000), at);
        });
    }

    /**
     * The try failed with the site holding {@code reached} bytes; {@code moved} says whether this attempt
     * moved any. Keeps it for another try when {@link RetryBackoff#after} says (at once after an attempt that
     * moved bytes; after a growing pause for stalls in a row) and shows {@code reason}. Returns the next try;
     * empty when the worker no longer held the delivery.
     */
    public Optional<Instant> markFailed(long id, String worker, String reason, long reached, boolean moved,
                                        RetryBackoff backoff) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a failed try needs a reason");
        }
        requireWorker(worker);
        return db.inTransaction("record a failed try", c -> {
            int stalls;
            try (PreparedStatement s = c.prepareStatement("SELECT stalls FROM delivery WHERE id = ? "
                    + "AND state = 'sending' AND lease_owner = ? FOR UPDATE")) {
                Sql.bind(s, id, worker);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<Instant>empty();
                    }
                    stalls = r.getInt(1);
                }
            }
            RetryBackoff.Retry retry = backoff.after(db.now(c), stalls, moved);
            boolean held = finishAttempt(c, id, worker, "state = 'retrying', last_error = ?, next_try_at = ?, "
                            + "stalls = ?, bytes_sent = ?", EventKind.DELIVERY_RETRYING,
                    reason + "; next try " + retry.at(), Sql.clip(reason, 2000), retry.at(), retry.stalls(), reached);
            return held ? Optional.of(retry.at()) : Optional.<Instant>empty();
        });
    }

    private boolean finishAttempt(long id, String worker, String set, String kind, String detail, Object... setArgs) {
        requireWorker(worker);
        return db.inTransaction("record a delivery outcome", c -> finishAttempt(c, id, worker, set, kind, detail, setArgs));
    }

    private boolean finishAttempt(Connection c, long id, String worker, String set, String kind, String detail,
                                  Object... setArgs) throws SQLException {
        Instant now = db.now(c);
        Object[] all = Arrays.copyOf(setArgs, setArgs.length + 3);
        all[setArgs.length] = now;
        all[setArgs.length + 1] = id;
        all[setArgs.length + 2] = worker;
        try (PreparedStatement s = c.prepareStatement("UPDATE delivery SET " + set + ", lease_owner = NULL, "
                + "lease_expires_at = NULL, row_version = row_version + 1, updated_at = ? "
                + "WHERE id = ? AND state = 'sending' AND lease_owner = ?")) {
            if (Sql.bind(s, all).executeUpdate() != 1) {
                return false;
            }
        }
        Delivery d = find(c, id).orElseThrow();
        Events.append(c, now, worker, kind, d.subject(), detail);
        return true;
    }

    /** The site's agent refused the kit (from its status report). Final: no worker retries it. */
    public void markRejected(long releaseId, long siteId, String reason, String actor) {
        db.inTransaction("record a rejected kit", c -> {
            markRejected(c, db.now(c), releaseId, siteId, reason, actor);
            return null;
        });
    }

    static void markRejected(Connection c, Instant now, long releaseId, long siteId, String reason, String actor)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE delivery SET state = 'rejected', last_error = ?, "
                + "lease_owner = NULL, lease_expires_at = NULL, row_version = row_version + 1, updated_at = ? "
                + "WHERE release_id = ? AND site_id = ? AND kind = 'kit' AND state <> 'rejected' AND state <> 'cancelled'")) {
            Sql.bind(s, Sql.clip(reason, 2000), now, releaseId, siteId);
            if (s.executeUpdate() == 1) {
                Events.append(c, now, actor, EventKind.DELIVERY_REJECTED, findByIds(c, releaseId, siteId, DeliveryKind.KIT)
                        .orElseThrow().subject(), reason);
            }
        }
    }

    /**
     * A person cancels a delivery: the only way one ends without arriving. A worker sending it learns
     * on its next {@link #progress} call. Refused once the kit has arrived or was refused.
     */
    public Delivery cancel(long id, String person, String reason) {
        requirePerson(person);
        return db.inTransaction("cancel a delivery", c -> {
            Delivery d = find(c, id).orElseThrow(() -> noSuchDelivery(id));
            if (d.state() == DeliveryState.CANCELLED) {
                return d;
            }
            if (d.state().isFinal()) {
                throw new PatchbayException("cannot cancel " + d.subject() + ": already " + d.state().word());
            }
            Instant now = db.now(c);
            update(c, id, d.rowVersion(), now, "state = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, "
                    + "last_error = ?", Sql.clip(reason == null ? "cancelled by " + person : reason, 2000));
            Events.append(c, now, person, EventKind.DELIVERY_CANCELLED, d.subject(), reason);
            return find(c, id).orElseThrow();
        });
    }

    /**
     * What a bundle for {@code siteNames} carries: their deliveries waiting for a worker (queued or retrying), held by
     * nothing ({@link #outstanding()}'s rule: not a pulled release's kit, an unsigned notice, a paused rollout or a
     * daily quota), in the order a worker sends them: key rotation notices first in their sequence (a site learns a
     * new key before the kits signed with it), then pull notices, then kits oldest first.
     */
    public List<Delivery> forBundle(Collection<String> siteNames) {
        Set<String> sites = Set.copyOf(siteNames);
        return outstanding(true).stream()
                .filter(d -> sites.contains(d.siteName()))
                .filter(d -> d.state() == DeliveryState.QUEUED || d.state() == DeliveryState.RETRYING)
                .sorted(Comparator.comparingInt((Delivery d) -> bundleRank(d.kind()))
                        // a rotation notice's name carries its sequence, zero-padded: name order is sequence order
                        .thenComparing(d -> d.kind() == DeliveryKind.ROTATION ? d.fileName() : "")
                        .thenComparing(Delivery::id))
                .toList();
    }

    private static int bundleRank(DeliveryKind kind) {
        return switch (kind) {
            case ROTATION -> 0;
            case PULL -> 1;
            case KIT -> 2;
        };
    }

    /**
     * The deliveries were written into {@code bundleFile}: they are handed over by bundle ({@link DeliveryState#BUNDLED})
     * and no worker sends them. All or none: refused, changing nothing, if any of them changed since it was read (a
     * worker took it, a person cancelled it), so a bundle never carries what is also sent another way.
     */
    public void markBundled(List<Delivery> carried, String bundleFile, String person) {
        requirePerson(person);
        db.inTransaction("record a bundle", c -> {
            Instant now = db.now(c);
            for (Delivery d : carried) {
                update(c, d.id(), d.rowVersion(), now, "state = 'bundled', bundle_file = ?, bundled_at = ?, "
                        + "lease_owner = NULL, lease_expires_at = NULL, last_error = NULL", Sql.clip(bundleFile, 255), now);
                Events.append(c, now, person, EventKind.DELIVERY_BUNDLED, d.subject(), bundleFile);
            }
            return null;
        });
    }

    /**
     * A person asks for a try now: a waiting or retrying delivery becomes due at once; a cancelled one
     * is queued again. Refused for one that arrived, was refused, or is being sent.
     */
    public Delivery deliverNow(long id, String person) {
        requirePerson(person);
        return db.inTransaction("queue a delivery again", c -> {
            Delivery d = find(c, id).orElseThrow(() -> noSuchDelivery(id));
            if (d.state() == DeliveryState.DELIVERED || d.state() == DeliveryState.REJECTED
                    || d.state() == DeliveryState.SENDING) {
                throw new PatchbayException("cannot deliver " + d.subject() + " now: it is " + d.state().word());
            }
            if (d.kind() == DeliveryKind.KIT && Releases.find(c, d.releaseId()).orElseThrow().pulled()) {
                throw new PatchbayException("cannot deliver " + d.subject() + ": " + d.releaseTitle()
                        + " is pulled, it is not delivered any more");
            }
            Instant now = db.now(c);
            // A cancelled delivery, or one handed over by a bundle that never reached the site, is sent again.
            String state = d.state() == DeliveryState.CANCELLED || d.state() == DeliveryState.BUNDLED ? "queued"
                    : d.state().word();
            update(c, id, d.rowVersion(), now, "state = '" + state + "', next_try_at = ?", now);
            Events.append(c, now, person, EventKind.DELIVERY_REQUEUED, d.subject(), null);
            return find(c, id).orElseThrow();
        });
    }

    /**
     * Returns deliveries whose worker's lease lapsed (the worker was killed or hung) to retrying, due
     * now, so the matrix stops showing them as sending. Claiming takes lapsed rows anyway; this is for
     * what a person sees. Returns how many were released.
     */
    public int releaseExpiredLeases(String actor) {
        return db.inTransaction("release expired leases", c -> {
            Instant now = db.now(c);
            List<Delivery> lapsed = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                    + " WHERE d.state = 'sending' AND d.lease_expires_at <= ?")) {
                Sql.bind(s, now);
                lapsed.addAll(read(s));
            }
            int released = 0;
            for (Delivery d : lapsed) {
                try (PreparedStatement s = c.prepareStatement("UPDATE delivery SET state = 'retrying', next_try_at = ?, "
                        + "last_error = ?, lease_owner = NULL, lease_expires_at = NULL, row_version = row_version + 1, "
                        + "updated_at = ? WHERE id = ? AND state = 'sending' AND lease_expires_at <= ?")) {
                    String why = "worker " + d.leaseOwner() + " stopped while sending (its lease lapsed)";
                    if (Sql.bind(s, now, why, now, d.id(), now).executeUpdate() == 1) {
                        Events.append(c, now, actor, EventKind.DELIVERY_LEASE_EXPIRED, d.subject(), why);
                        released++;
                    }
                }
            }
            return released;
        });
    }

    public Optional<Delivery> find(long id) {
        return db.read("find delivery " + id, c -> find(c, id));
    }

    /** The kit delivery of the release to the site, if one was queued. */
    public Optional<Delivery> find(long releaseId, String siteName) {
        return db.read("find a delivery", c -> findByPair(c, releaseId, siteName, DeliveryKind.KIT));
    }

    /** Every delivery (kits and pull notices), newest change first; the matrix's outbox half. */
    public List<Delivery> list() {
        return db.read("list deliveries", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " ORDER BY d.updated_at DESC, d.id")) {
                return read(s);
            }
        });
    }

    /** Deliveries changed at or after {@code since}, for a screen that follows the worker. */
    public List<Delivery> changedSince(Instant since) {
        return db.read("list changed deliveries", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " WHERE d.updated_at >= ? "
                    + "ORDER BY d.updated_at, d.id")) {
                Sql.bind(s, since);
                return read(s);
            }
        });
    }

    private static boolean lockSite(Connection c, long siteId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM site WHERE id = ? FOR UPDATE SKIP LOCKED")) {
            s.setLong(1, siteId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static boolean siteBusy(Connection c, long siteId, long exceptId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM delivery WHERE site_id = ? AND id <> ? "
                + "AND state = 'sending' AND lease_expires_at > ?")) {
            Sql.bind(s, siteId, exceptId, now);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1) > 0;
            }
        }
    }

    private static boolean take(Connection c, long id, String worker, Instant now, Instant leaseUntil)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE delivery d SET state = 'sending', lease_owner = ?, "
                + "lease_expires_at = ?, attempts = attempts + 1, row_version = row_version + 1, updated_at = ? "
                + "WHERE d.id = ? AND " + due("d"))) {
            return Sql.bind(s, worker, leaseUntil, now, id, now, now).executeUpdate() == 1;
        }
    }

    /** An optimistic update: refused if the row changed since it was read at {@code rowVersion}. */
    private static void update(Connection c, long id, long rowVersion, Instant now, String set, Object... setArgs)
            throws SQLException {
        Object[] all = new Object[setArgs.length + 3];
        System.arraycopy(setArgs, 0, all, 0, setArgs.length);
        all[setArgs.length] = now;
        all[setArgs.length + 1] = id;
        all[setArgs.length + 2] = rowVersion;
        try (PreparedStatement s = c.prepareStatement("UPDATE delivery SET " + set
                + ", row_version = row_version + 1, updated_at = ? WHERE id = ? AND row_version = ?")) {
            if (Sql.bind(s, all).executeUpdate() != 1) {
                throw new PatchbayException("delivery " + id + " changed meanwhile; look again and retry");
            }
        }
    }

    static Optional<Delivery> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " WHERE d.id = ?")) {
            s.setLong(1, id);
            return read(s).stream().findFirst();
        }
    }

    static Optional<Delivery> findByIds(Connection c, long releaseId, long siteId, DeliveryKind kind)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " WHERE d.release_id = ? AND d.site_id = ? AND d.kind = ?")) {
            Sql.bind(s, releaseId, siteId, kind.word());
            return read(s).stream().findFirst();
        }
    }

    private static Optional<Delivery> findByPair(Connection c, long releaseId, String siteName, DeliveryKind kind)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " WHERE d.release_id = ? AND s.name = ? AND d.kind = ?")) {
            Sql.bind(s, releaseId, siteName, kind.word());
            return read(s).stream().findFirst();
        }
    }

    /** Every kit delivery of the release, in any state. */
    static List<Delivery> kitsOf(Connection c, long releaseId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " WHERE d.release_id = ? AND d.kind = 'kit' ORDER BY d.id")) {
            s.setLong(1, releaseId);
            return read(s);
        }
    }

    private static List<Delivery> read(PreparedStatement s) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            List<Delivery> rows = new ArrayList<>();
            while (r.next()) {
                DeliveryKind kind = DeliveryKind.ofWord(r.getString("kind"));
                String product = r.getString("product");
                String version = r.getString("version");
                String kitFile = r.getString("kit_file");
                Long rotationId = Sql.nullableLong(r, "rotation_id");
                long rotationSequence = r.getLong("rotation_sequence");
                String fileName = switch (kind) {
                    case PULL -> PullNotices.fileName(product, Version.parse(version));
                    case ROTATION -> RotationStatements.fileName(rotationSequence);
                    case KIT -> kitFile;
                };
                String title = kind == DeliveryKind.ROTATION ? "key rotation " + rotationSequence : product + " " + version;
                rows.add(new Delivery(r.getLong("id"), r.getLong("release_id"), r.getLong("site_id"),
                        Sql.nullableLong(r, "rollout_id"), r.getString("site_name"), title, kitFile,
                        DeliveryState.ofWord(r.getString("state")), r.getInt("attempts"), r.getLong("bytes_sent"),
                        r.getLong("size_bytes"), Sql.instant(r, "next_try_at"), r.getString("last_error"),
                        r.getString("lease_owner"), Sql.instant(r, "lease_expires_at"), r.getLong("row_version"),
                        Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"), kind, fileName, rotationId));
            }
            return rows;
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static void requireWorker(String worker) {
        if (worker == null || worker.isBlank()) {
            throw new IllegalArgumentException("a worker needs an id");
        }
    }

    private static void requirePerson(String person) {
        if (person == null || person.isBlank()) {
            throw new PatchbayException("only a person can do this: give your name");
        }
    }

    private static PatchbayException noSuchDelivery(long id) {
        return new PatchbayException("no delivery with id " + id);
    }
}

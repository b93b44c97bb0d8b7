package io.patchbay.model.workspace;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.pull.PullNotice;
import io.patchbay.model.pull.PullNotices;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Releases and their kits. */
public final class Releases {
    private static final String COLUMNS = "r.id, p.name AS product, r.version, r.channel, r.automatic, r.major, "
            + "r.released_at, r.pulled, r.pulled_reason, r.pulled_at, r.kit_file, r.kit_sha256, r.kit_size, "
            + "r.signer_fingerprint, r.manifest_text, r.added_at, r.pull_notice IS NOT NULL AS pull_notice_signed "
            + "FROM release r JOIN product p ON p.id = r.product_id";

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
            Instant now = db.now(c);
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
                inheritSupportMail(c, product.id(), id);
                Events.append(c, now, actor, EventKind.RELEASE_ADDED, m.title(), kit.kitFile() + " sha256 "
                        + kit.kitSha256());
                return find(c, id).orElseThrow();
            }
        });
    }

    /**
     * Sets where alerts about the release are mailed (its product's support team), replacing the workspace's
     * address for them; null or blank goes back to the workspace's. Later releases of the product inherit it.
     */
    public void setSupportMail(long id, String addresses, String actor) {
        String value = addresses == null || addresses.isBlank() ? null : SupportAddresses.normalise(addresses);
        db.inTransaction("set the support address of release " + id, c -> {
            Release release = find(c, id).orElseThrow(() -> new PatchbayException("no release with id " + id));
            try (PreparedStatement s = c.prepareStatement("UPDATE release SET support_mail = ? WHERE id = ?")) {
                Sql.bind(s, value, id).executeUpdate();
            }
            Events.append(c, db.now(c), actor, EventKind.RELEASE_SUPPORT_SET, release.title(),
                    value == null ? "alerts go to the workspace's support address" : "alerts go to " + value);
            return null;
        });
    }

    /** Where alerts about the release are mailed, or empty: the workspace's support address. */
    public Optional<String> supportMail(long id) {
        return db.read("read the support address of release " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT support_mail FROM release WHERE id = ?")) {
                try (ResultSet r = Sql.bind(s, id).executeQuery()) {
                    return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** A new release keeps the support team its product's latest release had. */
    private static void inheritSupportMail(Connection c, long productId, long releaseId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE release SET support_mail = (SELECT p.support_mail "
                + "FROM release p WHERE p.product_id = ? AND p.id <> ? AND p.support_mail IS NOT NULL "
                + "ORDER BY p.added_at DESC, p.id DESC FETCH FIRST 1 ROWS ONLY) WHERE id = ?")) {
            Sql.bind(s, productId, releaseId, releaseId).executeUpdate();
        }
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
     * Pulls a release (design.md, "Rollout waves, pulls and holds"), in one transaction:
     * <ul>
     *   <li>no new delivery of its kit starts from now on: kit deliveries not yet arrived (queued, retrying,
     *       even sending: the worker stops at its next chunk) are cancelled, with the pull as their reason;</li>
     *   <li>every site that has the kit (delivered, being sent, or reported by its agent) gets a pull notice
     *       delivery in the outbox; it goes out once the notice is signed ({@link #signPullNotice}).</li>
     * </ul>
     * The pull is recorded with its reason. Pulling again changes nothing and keeps the first reason.
     */
    public Release pull(long id, String reason, String actor) {
        return pull(id, reason, actor, null);
    }

    /**
     * As {@link #pull(long, String, String)}, and signs the pull notice with {@code signingKey} in the same
     * step (null: the notices wait for {@link #signPullNotice}). On a release already pulled, only signs
     * its notice if that is still needed; {@code reason} may then be null.
     */
    public Release pull(long id, String reason, String actor, PrivateKey signingKey) {
        return db.inTransaction("pull release " + id, c -> {
            Release release = find(c, id).orElseThrow(() -> new NotFoundException("no release with id " + id));
            Instant now = db.now(c);
            if (!release.pulled()) {
                if (reason == null || reason.isBlank()) {
                    throw new PatchbayException("pulling a release needs a reason");
                }
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE release SET pulled = TRUE, pulled_reason = ?, pulled_at = ? WHERE id = ?")) {
                    Sql.bind(s, Sql.clip(reason.strip(), PullNotice.MAX_REASON), now, id).executeUpdate();
                }
                Events.append(c, now, actor, EventKind.RELEASE_PULLED, release.title(), reason);
                stopDeliveries(c, now, find(c, id).orElseThrow(), actor);
                Rollouts.endForPull(c, now, release, actor);
            }
            if (signingKey != null) {
                sign(c, now, find(c, id).orElseThrow(), signingKey, actor);
            }
            return find(c, id).orElseThrow();
        });
    }

    /**
     * Signs the pulled release's notice with {@code signingKey}, which must be the key that signed its kit
     * (the sites trust no other); its notice deliveries then go out. Signing again changes nothing.
     */
    public Release signPullNotice(long id, PrivateKey signingKey, String actor) {
        return db.inTransaction("sign the pull notice of release " + id, c -> {
            Release release = find(c, id).orElseThrow(() -> new NotFoundException("no release with id " + id));
            if (!release.pulled()) {
                throw new PatchbayException(release.title() + " is not pulled: there is no pull notice to sign");
            }
            sign(c, db.now(c), release, signingKey, actor);
            return find(c, id).orElseThrow();
        });
    }

    /** The signed pull notice's file content; empty until the release is pulled and its notice signed. */
    public Optional<byte[]> pullNotice(long id) {
        return db.read("read the pull notice of release " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT pull_notice FROM release WHERE id = ?")) {
                s.setLong(1, id);
                try (ResultSet r = s.executeQuery()) {
                    String text = r.next() ? r.getString(1) : null;
                    return Optional.ofNullable(text).map(t -> t.getBytes(StandardCharsets.UTF_8));
                }
            }
        });
    }

    /** Cancels the pulled release's kit deliveries that have not arrived; queues a notice for every site that has it. */
    private static void stopDeliveries(Connection c, Instant now, Release release, String actor) throws SQLException {
        String why = "pulled: " + release.pulledReason();
        Set<Long> holders = new LinkedHashSet<>();
        for (Delivery d : Deliveries.kitsOf(c, release.id())) {
            if (d.state() == DeliveryState.DELIVERED || d.state() == DeliveryState.SENDING
                    || d.state() == DeliveryState.BUNDLED) {
                // a kit being sent may land before its worker learns of the pull; a bundle may be on its way
                holders.add(d.siteId());
            }
            if (d.state().isFinal()) {
                continue;
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE delivery SET state = 'cancelled', last_error = ?, "
                    + "lease_owner = NULL, lease_expires_at = NULL, row_version = row_version + 1, updated_at = ? "
                    + "WHERE id = ? AND state IN ('queued', 'sending', 'retrying')")) {
                if (Sql.bind(s, Sql.clip(why, 2000), now, d.id()).executeUpdate() == 1) {
                    Events.append(c, now, actor, EventKind.DELIVERY_CANCELLED, d.subject(), why);
                }
            }
        }
        // Sites whose agent reported the kit, however it got there; a site that refused it does not hold it.
        try (PreparedStatement s = c.prepareStatement("SELECT site_id FROM patch WHERE release_id = ? "
                + "AND state <> 'REJECTED' ORDER BY site_id")) {
            s.setLong(1, release.id());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    holders.add(r.getLong(1));
                }
            }
        }
        for (long site : holders) {
            Deliveries.enqueueNotice(c, now, release.id(), site, noticeSize(c, release.id()), actor);
        }
    }

    /**
     * Queues the pulled release's notice for a site found to hold it later (a report of a kit carried by
     * hand, or one that landed as the pull cancelled its delivery). Idempotent.
     */
    static void queueNoticeFor(Connection c, Instant now, long releaseId, long siteId, String actor) throws SQLException {
        Deliveries.enqueueNotice(c, now, releaseId, siteId, noticeSize(c, releaseId), actor);
    }

    private static void sign(Connection c, Instant now, Release release, PrivateKey key, String actor)
            throws SQLException {
        if (release.pullNoticeSigned()) {
            return;
        }
        String fingerprint = SigningKeys.fingerprint(SigningKeys.publicKeyOf(key));
        if (!fingerprint.equals(release.signerFingerprint())) {
            throw new PatchbayException("this key (" + fingerprint + ") did not sign " + release.title() + " (signed by "
                    + release.signerFingerprint() + "): its sites would refuse the pull notice; use the kit's key");
        }
        long sequence = nextPullSequence(c);
        byte[] notice = PullNotices.sign(new PullNotice(release.product(), release.version(), release.pulledAt(),
                release.pulledReason(), sequence), key);
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE release SET pull_notice = ?, pull_sequence = ? WHERE id = ? AND pull_notice IS NULL")) {
            Sql.bind(s, new String(notice, StandardCharsets.UTF_8), sequence, release.id()).executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE delivery SET size_bytes = ?, "
                + "row_version = row_version + 1, updated_at = ? WHERE release_id = ? AND kind = 'pull' "
                + "AND state IN ('queued', 'retrying')")) {
            Sql.bind(s, (long) notice.length, now, release.id()).executeUpdate();
        }
        Events.append(c, now, actor, EventKind.PULL_NOTICE_SIGNED, release.title(), "signed by " + fingerprint);
    }

    /**
     * The next pull notice's number: one above every notice signed in this workspace. Two workstations of a team
     * signing at once may take the same number for two releases; sites compare numbers per release, so that is
     * harmless.
     */
    private static long nextPullSequence(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(pull_sequence), 0) + 1 FROM release");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long noticeSize(Connection c, long releaseId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pull_notice FROM release WHERE id = ?")) {
            s.setLong(1, releaseId);
            try (ResultSet r = s.executeQuery()) {
                String text = r.next() ? r.getString(1) : null;
                return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
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
                        Sql.instant(r, "added_at"), r.getBoolean("pull_notice_signed")));
            }
            return releases;
        }
    }
}

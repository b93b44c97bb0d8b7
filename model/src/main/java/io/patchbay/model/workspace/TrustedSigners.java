package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.sign.SigningKeys;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The signer keys a workspace trusts, kept in its database (table {@code trusted_signer}) so every workstation
 * on a team's database trusts the same keys. {@code release add} accepts only kits signed by one of them; the
 * first kit added to a workspace that trusts nobody pins its own signer (trust on first use).
 *
 * <p>A workspace from before V5 pinned keys as files ({@code *.pub}, X.509 PEM) in its {@code trust/} folder:
 * those are still trusted, on the machine that has them; a key pinned now goes into the database.
 */
public final class TrustedSigners {
    public static final String FOLDER = "trust";

    private final Database db;
    private final Path dir;

    TrustedSigners(Database db, Path workspaceDir) {
        this.db = db;
        this.dir = workspaceDir.resolve(FOLDER);
    }

    /** Where a workspace from before V5 kept its trusted keys as files (still read). */
    public Path dir() {
        return dir;
    }

    /**
     * Every trusted key: the database's and this machine's {@code trust/*.pub}. A file that is not an Ed25519
     * public key is refused with its name.
     */
    public List<PublicKey> keys() {
        List<PublicKey> keys = new ArrayList<>(db.read("read the trusted signers", c -> {
            List<PublicKey> stored = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT fingerprint, public_key FROM trusted_signer ORDER BY added_at, fingerprint");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    stored.add(SigningKeys.publicKey(Base64.getDecoder().decode(r.getString(2)),
                            "trusted signer " + r.getString(1)));
                }
            }
            return stored;
        }));
        keys.addAll(folderKeys());
        return keys;
    }

    /** The keys in this machine's {@code trust/*.pub}; a file that is not an Ed25519 public key is refused. */
    private List<PublicKey> folderKeys() {
        List<PublicKey> keys = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return keys;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pub")) {
            for (Path f : files) {
                keys.add(SigningKeys.readPublic(f));
            }
        } catch (IOException e) {
            throw new PatchbayException("cannot read trusted keys in " + dir + ": " + e.getMessage(), e);
        }
        return keys;
    }

    public boolean trusts(PublicKey key) {
        return keys().stream().anyMatch(k -> Arrays.equals(k.getEncoded(), key.getEncoded()));
    }

    /**
     * Pins {@code key} in the database; returns whether it was newly pinned (false when already trusted, also
     * when another workstation pinned it at the same moment).
     */
    public boolean pin(PublicKey key, String actor) {
        if (trusts(key)) {
            return false;
        }
        return store(key, actor);
    }

    /**
     * Pins in the database the keys this machine trusts only as files ({@code trust/*.pub}), so a copy of the
     * database ({@code workspace migrate}) trusts them too; returns how many were newly pinned.
     */
    public int storeFolder(String actor) {
        int stored = 0;
        for (PublicKey key : folderKeys()) {
            if (store(key, actor)) {
                stored++;
            }
        }
        return stored;
    }

    /** Inserts the key unless the database has it already. */
    private boolean store(PublicKey key, String actor) {
        String fingerprint = SigningKeys.fingerprint(key);
        String encoded = Base64.getEncoder().encodeToString(key.getEncoded());
        // Read before write: a concurrent pin of the same key makes this insert fail on the primary key, and
        // the transaction runs again and finds the other's row.
        return db.inTransaction("pin signer " + fingerprint, c -> {
            try (PreparedStatement s = Sql.bind(c.prepareStatement(
                    "SELECT 1 FROM trusted_signer WHERE fingerprint = ?"), fingerprint);
                 ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return false;
                }
            }
            java.time.Instant now = db.now(c);
            try (PreparedStatement s = Sql.bind(c.prepareStatement(
                    "INSERT INTO trusted_signer (fingerprint, public_key, added_at, added_by) VALUES (?, ?, ?, ?)"),
                    fingerprint, encoded, now, actor)) {
                s.executeUpdate();
            }
            Events.append(c, now, actor, EventKind.SIGNER_TRUSTED, fingerprint, null);
            return true;
        });
    }
}

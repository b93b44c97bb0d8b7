package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.FileHashes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The SFTP host keys pinned in the workspace database (table {@code host_key}), so every workstation and worker
 * on a team's database checks a site's SSH server against the same keys: the one that pins a key first (with
 * {@code --accept-host-key}, or from a known_hosts file) pins it for all. Keys are named by host as OpenSSH's
 * known_hosts does ({@code [host]:port} off port 22), so several sites behind one SSH server share their pins.
 *
 * <p>This class only stores keys; comparing the key a server presents is the SFTP client's job.
 */
public final class HostKeyPins {
    /** What the workspace's own known_hosts file becomes once its keys are in the database. */
    public static final String IMPORTED_SUFFIX = ".imported";
    private static final Pattern KEY_TYPE = Pattern.compile("[A-Za-z0-9@._-]{1,64}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    private final Database db;

    HostKeyPins(Database db) {
        this.db = db;
    }

    /** The keys pinned for {@code host}, oldest first; empty when none is. */
    public List<PinnedHostKey> of(String host) {
        return db.read("read the host keys of " + host, c -> {
            try (PreparedStatement s = Sql.bind(c.prepareStatement("SELECT host, key_type, public_key, fingerprint, "
                    + "pinned_at, pinned_by FROM host_key WHERE host = ? ORDER BY pinned_at, fingerprint"), host);
                 ResultSet r = s.executeQuery()) {
                List<PinnedHostKey> keys = new ArrayList<>();
                while (r.next()) {
                    keys.add(new PinnedHostKey(r.getString("host"), r.getString("key_type"), r.getString("public_key"),
                            r.getString("fingerprint"), Sql.instant(r, "pinned_at"), r.getString("pinned_by")));
                }
                return keys;
            }
        });
    }

    /**
     * Pins a key for {@code host}; returns whether it was newly pinned (false when it already was, also when
     * another machine pinned it at the same moment). A malformed key is refused with what is wrong.
     *
     * @param publicKey the SSH wire encoding in base64, as in a known_hosts line
     */
    public boolean pin(String host, String keyType, String publicKey, String actor) {
        requireHost(host);
        if (keyType == null || !KEY_TYPE.matcher(keyType).matches()) {
            throw new PatchbayException("not an SSH key type: '" + keyType + "'");
        }
        String fingerprint = fingerprint(publicKey);
        // Read before write: a concurrent pin of the same key fails on the primary key, and the transaction runs
        // again and finds the other's row.
        return db.inTransaction("pin the host key of " + host, c -> {
            try (PreparedStatement s = Sql.bind(c.prepareStatement(
                    "SELECT 1 FROM host_key WHERE host = ? AND fingerprint = ?"), host, fingerprint);
                 ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return false;
                }
            }
            Instant now = db.now(c);
            try (PreparedStatement s = Sql.bind(c.prepareStatement("INSERT INTO host_key (host, fingerprint, key_type, "
                    + "public_key, pinned_at, pinned_by) VALUES (?, ?, ?, ?, ?, ?)"),
                    host, fingerprint, keyType, publicKey, now, actor)) {
                s.executeUpdate();
            }
            Events.append(c, now, actor, EventKind.HOST_KEY_PINNED, host, keyType + " " + fingerprint);
            return true;
        });
    }

    /**
     * Forgets every key pinned for {@code host} (the site really changed its key); returns how many. The next
     * connection meets an unknown key and needs {@code --accept-host-key} again.
     */
    public int forget(String host, String actor) {
        requireHost(host);
        return db.inTransaction("forget the host keys of " + host, c -> {
            int removed;
            try (PreparedStatement s = Sql.bind(c.prepareStatement("DELETE FROM host_key WHERE host = ?"), host)) {
                removed = s.executeUpdate();
            }
            if (removed > 0) {
                Events.append(c, db.now(c), actor, EventKind.HOST_KEY_FORGOTTEN, host, removed + " key(s)");
            }
            return removed;
        });
    }

    /**
     * Pins the plain lines of an OpenSSH known_hosts file ({@code host[,host...] keytype base64 [comment]}) and
     * returns how many keys were newly pinned. Hashed host names ({@code |1|...}), patterns and marked lines
     * ({@code @revoked}, {@code @cert-authority}) name no host this can store: they are left out, and the SFTP
     * client still reads them from a site's own known_hosts file.
     */
    public int importKnownHosts(Path file, String actor) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PatchbayException("cannot read known_hosts file " + file + ": " + e.getMessage(), e);
        }
        int pinned = 0;
        for (String line : lines) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 3 || fields[0].startsWith("#") || fields[0].startsWith("@") || fields[0].startsWith("|")
                    || !KEY_TYPE.matcher(fields[1]).matches() || !BASE64.matcher(fields[2]).matches()) {
                continue;
            }
            for (String host : fields[0].split(",")) {
                if (!host.isEmpty() && host.chars().noneMatch(ch -> ch == '*' || ch == '?' || ch == '!')
                        && pin(host, fields[1], fields[2], actor)) {
                    pinned++;
                }
            }
        }
        return pinned;
    }

    /**
     * The workspace's own known_hosts file, from before host keys moved into the database, is imported once: its
     * keys are pinned and the file is renamed to {@code known_hosts.imported} (kept, nothing is lost), so later
     * opens do not read it again. Two processes opening the workspace at once both pin (the second finds the
     * rows) and one of them renames.
     */
    void importWorkspaceFile(Path file, String actor) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        importKnownHosts(file, actor);
        try {
            Files.move(file, file.resolveSibling(file.getFileName() + IMPORTED_SUFFIX), StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            // Another process imported it at the same moment.
        } catch (IOException e) {
            throw new PatchbayException("cannot rename the imported known_hosts file " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code SHA256:<base64 without padding>} of the key's wire encoding, as OpenSSH prints it. */
    public static String fingerprint(String publicKey) {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(publicKey == null ? "" : publicKey);
        } catch (IllegalArgumentException e) {
            throw new PatchbayException("not a base64 SSH public key: '" + Sql.clip(String.valueOf(publicKey), 40) + "'");
        }
        if (blob.length == 0) {
            throw new PatchbayException("empty SSH public key");
        }
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(FileHashes.newSha256().digest(blob));
    }

    private static void requireHost(String host) {
        if (host == null || host.isBlank() || host.length() > 300 || host.chars().anyMatch(Character::isWhitespace)) {
            throw new PatchbayException("not a host name as known_hosts writes it: '" + host + "'");
        }
    }
}

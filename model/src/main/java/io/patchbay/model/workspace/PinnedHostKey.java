package io.patchbay.model.workspace;

import java.time.Instant;

/**
 * One SFTP host key pinned in the workspace database.
 *
 * @param host        as OpenSSH names it in known_hosts: {@code host} on port 22, else {@code [host]:port}
 * @param keyType     e.g. {@code ssh-ed25519}
 * @param publicKey   the key's SSH wire encoding in base64, as in a known_hosts line
 * @param fingerprint {@code SHA256:<base64>}, as {@code ssh-keygen -lf} prints it
 */
public record PinnedHostKey(String host, String keyType, String publicKey, String fingerprint, Instant pinnedAt,
                            String pinnedBy) {
    /** The key as a known_hosts line: {@code host keytype base64}. */
    public String knownHostsLine() {
        return host + " " + keyType + " " + publicKey;
    }
}

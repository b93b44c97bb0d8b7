package io.patchbay.transport.sftp;

import java.security.PublicKey;
import java.util.List;

/**
 * Where the host keys a connection trusts are pinned: an OpenSSH known_hosts file ({@link KnownHostsFile}), or
 * the workspace database that a team shares. A host with pinned keys is accepted only with one of them.
 */
public interface HostKeyStore {
    /** The keys pinned for {@code site}'s host; empty when none is (the key is then unknown). */
    List<PublicKey> pinned(SftpEndpoint site);

    /** Pins {@code key} for {@code site}'s host, after a person confirmed its fingerprint. */
    void pin(SftpEndpoint site, PublicKey key);

    /** The site as named in refusals, e.g. {@code site alpha ([db.example]:2222)}. */
    default String subject(SftpEndpoint site) {
        return site.knownHostsName();
    }

    /** Where the pins are, as a person is told: {@code known_hosts file /x}, {@code the workspace database}. */
    String where();

    /** What a person does when a site really changed its key: the old pin must go first. */
    String howToReplace(SftpEndpoint site);
}

package io.patchbay.transport.outbox;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.workspace.HostKeyPins;
import io.patchbay.model.workspace.PinnedHostKey;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.sftp.HostKeyStore;
import io.patchbay.transport.sftp.KnownHostsFile;
import io.patchbay.transport.sftp.SftpEndpoint;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A site's host keys as pinned in the workspace database ({@link HostKeyPins}), so every workstation and worker
 * of a team checks them alike. A site added with {@code --known-hosts FILE} keeps working: while the database has
 * no pin for its host, the keys for that host in the site's own known_hosts file (on this machine) are pinned in
 * the database on first use, and from then on the database decides.
 */
public final class WorkspaceHostKeys implements HostKeyStore {
    private final Workspace ws;
    private final SiteSpec site;
    private final String actor;

    public WorkspaceHostKeys(Workspace ws, SiteSpec site, String actor) {
        this.ws = Objects.requireNonNull(ws, "ws");
        this.site = Objects.requireNonNull(site, "site");
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    @Override
    public List<PublicKey> pinned(SftpEndpoint endpoint) {
        List<PinnedHostKey> stored = ws.hostKeyPins().of(endpoint.knownHostsName());
        if (stored.isEmpty()) {
            return importFromSiteFile(endpoint);
        }
        List<PublicKey> keys = new ArrayList<>();
        for (PinnedHostKey k : stored) {
            keys.add(decode(k));
        }
        return keys;
    }

    /**
     * Pins, in the database, the keys the site's own known_hosts file holds for its host; returns them (empty
     * when the site names no file, the file is not on this machine, or it has no line for the host).
     */
    public List<PublicKey> importFromSiteFile(SftpEndpoint endpoint) {
        if (site.knownHostsFile() == null) {
            return List.of();
        }
        List<PublicKey> keys = new KnownHostsFile(site.knownHostsFile()).pinned(endpoint);
        keys.forEach(k -> pin(endpoint, k));
        return keys;
    }

    @Override
    public void pin(SftpEndpoint endpoint, PublicKey key) {
        String[] entry = PublicKeyEntry.toString(key).split(" ");
        ws.hostKeyPins().pin(endpoint.knownHostsName(), KeyUtils.getKeyType(key), entry[1], actor);
    }

    @Override
    public String subject(SftpEndpoint endpoint) {
        return "site " + site.name() + " (" + endpoint.knownHostsName() + ")";
    }

    @Override
    public String where() {
        return "the workspace database";
    }

    @Override
    public String howToReplace(SftpEndpoint endpoint) {
        return "replace the pin with `patchbay site test " + site.name() + " --replace-host-key NEW-FINGERPRINT`";
    }

    private static PublicKey decode(PinnedHostKey k) {
        try {
            return PublicKeyEntry.parsePublicKeyEntry(k.keyType() + " " + k.publicKey()).resolvePublicKey(null, null, null);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new PatchbayException("the host key pinned for " + k.host() + " (" + k.fingerprint()
                    + ") cannot be read: " + e.getMessage(), e);
        }
    }
}

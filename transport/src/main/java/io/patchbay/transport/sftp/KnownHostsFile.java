package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Host keys pinned in an OpenSSH known_hosts file: plain and hashed host names, as {@code ssh} reads them. Lines
 * marked {@code @revoked} or {@code @cert-authority} pin nothing here. A missing file pins nothing.
 */
public record KnownHostsFile(Path file) implements HostKeyStore {
    public KnownHostsFile {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public List<PublicKey> pinned(SftpEndpoint site) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<PublicKey> keys = new ArrayList<>();
            for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
                AuthorizedKeyEntry key = entry.getKeyEntry();
                if (entry.getMarker() == null && key != null && entry.isHostMatch(site.host(), site.port())) {
                    keys.add(key.resolvePublicKey(null, null, null));
                }
            }
            return keys;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new PatchbayException("cannot read known_hosts file " + file + ": " + IdentityFiles.firstLine(e), e);
        }
    }

    @Override
    public void pin(SftpEndpoint site, PublicKey key) {
        HostKeys.append(file, HostKeys.knownHostsLine(site, key));
    }

    @Override
    public String where() {
        return "known_hosts file " + file;
    }

    @Override
    public String howToReplace(SftpEndpoint site) {
        return "remove the old line from " + file;
    }
}

package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * Checks one connection's host key against an OpenSSH known_hosts file and remembers what it saw, so a
 * refusal can name the fingerprints. Unknown keys are rejected unless they match the fingerprint the
 * person asked to pin; changed keys are always rejected. MINA never writes the file itself here.
 */
final class HostKeyCheck extends KnownHostsServerKeyVerifier {
    static final AttributeRepository.AttributeKey<HostKeyCheck> KEY = new AttributeRepository.AttributeKey<>();

    enum Outcome { NOT_CHECKED, KNOWN, UNKNOWN, CHANGED, PINNED }

    private final SftpEndpoint site;
    private final String pin;
    private volatile Outcome outcome = Outcome.NOT_CHECKED;
    private volatile PublicKey presented;
    private volatile PublicKey expected;

    HostKeyCheck(SftpEndpoint site, Path knownHosts, String pin) {
        super(RejectAllServerKeyVerifier.INSTANCE, knownHosts);
        this.site = site;
        this.pin = pin == null ? null : HostKeys.normalizeFingerprint(pin);
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey serverKey) {
        presented = serverKey;
        boolean ok = super.verifyServerKey(session, remote, serverKey);
        if (ok && outcome == Outcome.NOT_CHECKED) {
            outcome = Outcome.KNOWN;
        }
        return ok;
    }

    @Override
    protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey serverKey) {
        if (pin != null && pin.equals(HostKeys.fingerprint(serverKey))) {
            outcome = Outcome.PINNED;
            return true;
        }
        outcome = Outcome.UNKNOWN;
        return false;
    }

    @Override
    public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remote, KnownHostEntry entry,
                                           PublicKey expectedKey, PublicKey serverKey) {
        outcome = Outcome.CHANGED;
        expected = expectedKey;
        return false;
    }

    Outcome outcome() {
        return outcome;
    }

    String pin() {
        return pin;
    }

    PublicKey presented() {
        return presented;
    }

    /** The refusal for a connection whose host key was not accepted, or null if the key was fine. */
    PatchbayException refusal() {
        switch (outcome) {
            case UNKNOWN -> {
                String fp = HostKeys.fingerprint(presented);
                String wrongPin = pin == null ? "" : " (it does not match the fingerprint given, " + pin + ")";
                return new PatchbayException("unknown host key for " + site.knownHostsName() + ": "
                        + KeyUtils.getKeyType(presented) + " " + fp + wrongPin + "; if that is the site's key, pin it with"
                        + " --accept-host-key " + fp);
            }
            case CHANGED -> {
                return new PatchbayException("HOST KEY CHANGED for " + site.knownHostsName() + ": known_hosts has "
                        + (expected == null ? "another key" : HostKeys.fingerprint(expected)) + ", the server presented "
                        + HostKeys.fingerprint(presented) + "; refusing to connect (someone may be intercepting;"
                        + " if the site really changed its key, remove the old line from " + getPath() + ")");
            }
            default -> {
                return null;
            }
        }
    }
}

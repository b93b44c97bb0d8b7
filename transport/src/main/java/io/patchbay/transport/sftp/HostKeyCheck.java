package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks one connection's host key against the keys pinned for the site's host and remembers what it saw, so a
 * refusal can name the fingerprints. A host without pins has an unknown key, rejected unless it matches the
 * fingerprint the person asked to pin; a host with pins accepts only one of them, any other key is changed and
 * always rejected. Nothing is pinned here: the caller does that once the person's fingerprint matched.
 * It also remembers a handshake that found no host key algorithm both sides accept (a server that signs only
 * with {@code ssh-rsa}, SHA-1): that too is a refusal, named by the algorithms, not a failure to connect.
 */
final class HostKeyCheck implements ServerKeyVerifier {
    static final AttributeRepository.AttributeKey<HostKeyCheck> KEY = new AttributeRepository.AttributeKey<>();

    enum Outcome { NOT_CHECKED, KNOWN, UNKNOWN, CHANGED, PINNED }

    private final SftpEndpoint site;
    private final HostKeyStore store;
    private final String pin;
    private volatile Outcome outcome = Outcome.NOT_CHECKED;
    private volatile PublicKey presented;
    private volatile List<PublicKey> expected = List.of();
    private volatile String serverKeyAlgorithms;
    private volatile String clientKeyAlgorithms;

    HostKeyCheck(SftpEndpoint site, HostKeyStore store, String pin) {
        this.site = site;
        this.store = store;
        this.pin = pin == null ? null : HostKeys.normalizeFingerprint(pin);
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey serverKey) {
        presented = serverKey;
        List<PublicKey> pinned = store.pinned(site);
        if (pinned.stream().anyMatch(k -> KeyUtils.compareKeys(k, serverKey))) {
            outcome = Outcome.KNOWN;
            return true;
        }
        if (!pinned.isEmpty()) {
            expected = pinned;
            outcome = Outcome.CHANGED;
            return false;
        }
        if (pin != null && pin.equals(HostKeys.fingerprint(serverKey))) {
            outcome = Outcome.PINNED;
            return true;
        }
        outcome = Outcome.UNKNOWN;
        return false;
    }

    /** The check a session was opened with, or null (a session without one is refused). */
    static HostKeyCheck of(Session session) {
        if (!(session instanceof ClientSession client) || client.getConnectionContext() == null) {
            return null;
        }
        return client.getConnectionContext().getAttribute(KEY);
    }

    /**
     * Called by MINA when the algorithm negotiation ended; remembers the host key algorithms when they had none in
     * common. MINA signals this before it closes the session, so the reason is known before any step fails.
     */
    void negotiationEnded(Map<KexProposalOption, String> client, Map<KexProposalOption, String> server, Throwable reason) {
        if (reason == null || client == null || server == null) {
            return;
        }
        String ours = client.getOrDefault(KexProposalOption.SERVERKEYS, "");
        String theirs = server.getOrDefault(KexProposalOption.SERVERKEYS, "");
        List<String> offered = Arrays.asList(theirs.split(","));
        if (Arrays.stream(ours.split(",")).noneMatch(offered::contains)) {
            clientKeyAlgorithms = ours;
            serverKeyAlgorithms = theirs;
        }
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

    HostKeyStore store() {
        return store;
    }

    /** The refusal for a connection whose host key was not accepted, or null if the key was fine. */
    PatchbayException refusal() {
        switch (outcome) {
            case UNKNOWN -> {
                String fp = HostKeys.fingerprint(presented);
                String wrongPin = pin == null ? "" : " (it does not match the fingerprint given, " + pin + ")";
                return new PatchbayException("unknown host key for " + store.subject(site) + ": "
                        + KeyUtils.getKeyType(presented) + " " + fp + wrongPin + "; if that is the site's key, pin it with"
                        + " --accept-host-key " + fp);
            }
            case CHANGED -> {
                String pinned = expected.stream().map(HostKeys::fingerprint).collect(Collectors.joining(" or "));
                return new PatchbayException("host key changed for " + store.subject(site) + ": " + store.where()
                        + " has " + pinned + ", the server presented " + HostKeys.fingerprint(presented)
                        + "; refusing to connect (someone may be intercepting; if the site really changed its key, "
                        + store.howToReplace(site) + ")");
            }
            default -> {
                return serverKeyAlgorithms == null ? null : noCommonAlgorithm();
            }
        }
    }

    private PatchbayException noCommonAlgorithm() {
        String where = site.host() + ":" + site.port();
        if (Arrays.stream(serverKeyAlgorithms.split(",")).allMatch(a -> a.equals("ssh-rsa") || a.startsWith("ssh-rsa-cert"))) {
            return new PatchbayException("SSH handshake with " + where + " refused: the server signs its host key only with "
                    + serverKeyAlgorithms + " (RSA with SHA-1), which Patchbay does not accept; on the site, allow"
                    + " rsa-sha2-512,rsa-sha2-256 in sshd's HostKeyAlgorithms or give it an ed25519 host key");
        }
        return new PatchbayException("SSH handshake with " + where + " refused: no host key algorithm in common (the server"
                + " offers " + serverKeyAlgorithms + "; Patchbay accepts " + clientKeyAlgorithms + ")");
    }
}

package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import io.patchbay.transport.Cancellation;
import io.patchbay.transport.TransferListener;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.common.BaseBuilder;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.core.CoreModuleProperties;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Pushes kits to sites over SFTP and reads their status. One instance holds one MINA SSH client and is
 * shared by all sites and threads; each call opens its own session, checked against the host keys pinned
 * for that site, and closes it again. Close the pusher when the program ends.
 */
public final class SftpPusher implements AutoCloseable {
    /** AES-GCM first: it runs on the JDK's AES instructions and was fastest on loopback (see stack.md). */
    private static final List<BuiltinCiphers> CIPHERS = List.of(
            BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm, BuiltinCiphers.cc20p1305_openssh,
            BuiltinCiphers.aes128ctr, BuiltinCiphers.aes192ctr, BuiltinCiphers.aes256ctr);

    /**
     * MINA's preference without {@code ssh-rsa}: RSA signatures with SHA-1 are forgeable in principle, and OpenSSH
     * itself refuses them since 8.8. The list serves both ways: the host key signatures we accept and the
     * signatures we make with our own user key (an RSA user key signs with rsa-sha2-512/256).
     */
    static final List<BuiltinSignatures> SIGNATURES = BaseBuilder.DEFAULT_SIGNATURE_PREFERENCE.stream()
            .filter(s -> s != BuiltinSignatures.rsa && s != BuiltinSignatures.rsa_cert)
            .filter(BuiltinSignatures::isSupported)
            .toList();

    private final SshClient client;
    private final ScheduledExecutorService timer;

    public SftpPusher() {
        this(CIPHERS);
    }

    /** With the ciphers offered in this order; for benchmarks that compare them. */
    SftpPusher(List<BuiltinCiphers> ciphers) {
        client = SshClient.setUpDefaultClient();
        client.setCipherFactories(ciphers.stream()
                .filter(BuiltinCiphers::isSupported)
                .<NamedFactory<Cipher>>map(c -> c)
                .toList());
        client.setSignatureFactories(SIGNATURES.stream().<NamedFactory<Signature>>map(f -> f).toList());
        // Each connection carries its own host key check; a connection without one is refused.
        client.setServerKeyVerifier((ServerKeyVerifier) (session, remote, key) -> {
            HostKeyCheck check = HostKeyCheck.of(session);
            return check != null && check.verifyServerKey(session, remote, key);
        });
        client.addSessionListener(new SessionListener() {
            @Override
            public void sessionNegotiationEnd(Session session, Map<KexProposalOption, String> clientProposal,
                                              Map<KexProposalOption, String> serverProposal,
                                              Map<KexProposalOption, String> negotiated, Throwable reason) {
                HostKeyCheck check = HostKeyCheck.of(session);
                if (check != null) {
                    check.negotiationEnded(clientProposal, serverProposal, reason);
                }
            }
        });
        // Never fall back to password or keyboard-interactive prompts.
        client.setUserAuthFactoriesNames("publickey");
        CoreModuleProperties.WINDOW_SIZE.set(client, 8L * 1024 * 1024);
        client.start();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sftp-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Delivers {@code kit} into {@code <path>/inbox/<kit file name>}, resuming an earlier partial upload.
     * Throws {@link PatchbayException} with a one-line reason on any refusal or failure (the partial
     * upload stays for the next try), {@link Cancellation.CancelledException} if cancelled.
     */
    public PushResult push(SftpEndpoint site, SftpSettings settings, Path kit, TransferListener listener,
                           Cancellation cancel) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        if (!Files.isRegularFile(kit)) {
            throw new PatchbayException("kit file not found: " + kit);
        }
        try (SftpConnection conn = SftpConnection.open(client, timer, site, settings, cancel)) {
            return new KitUpload(conn, kit, listener, cancel).run();
        } catch (IOException e) {
            throw new PatchbayException("cannot read kit file " + kit + ": " + e.getMessage(), e);
        }
    }

    /** Reads the agent's reports from {@code <path>/status/}; an absent folder yields an empty status. */
    public SiteStatus readStatus(SftpEndpoint site, SftpSettings settings) {
        try (SftpConnection conn = SftpConnection.open(client, timer, site, settings, new Cancellation())) {
            return new StatusHarvest(conn).read();
        }
    }

    /**
     * The whole file {@code remote} (absolute on the server), at most {@code max} bytes; empty when there is none. A
     * longer file is a refusal naming it.
     */
    public java.util.Optional<byte[]> readFile(SftpEndpoint site, SftpSettings settings, String remote, int max) {
        try (SftpConnection conn = SftpConnection.open(client, timer, site, settings, new Cancellation())) {
            if (conn.statOrNull(remote) == null) {
                return java.util.Optional.empty();
            }
            byte[] bytes = conn.step("read " + remote, () -> {
                try (java.io.InputStream in = conn.sftp().read(remote)) {
                    return in.readNBytes(max + 1);
                }
            });
            if (bytes.length > max) {
                throw new PatchbayException(site + ": " + remote + " is larger than " + max + " bytes");
            }
            return java.util.Optional.of(bytes);
        }
    }

    /**
     * Copies the folder {@code remote} (absolute on the server) into {@code local}, leaving out its top-level children
     * named in {@code skip}; for {@code site fetch-backup}. A missing folder is a refusal naming it.
     */
    public TreeCopy download(SftpEndpoint site, SftpSettings settings, String remote, Path local, Set<String> skip,
                             Cancellation cancel) {
        try (SftpConnection conn = SftpConnection.open(client, timer, site, settings, cancel)) {
            return new RemoteTreeDownload(conn, cancel).run(remote, local, skip);
        }
    }

    /** Connects, checks the host key and reports what the site offers; for {@code patchbay site test}. */
    public ProbeReport probe(SftpEndpoint site, SftpSettings settings) {
        try (SftpConnection conn = SftpConnection.open(client, timer, site, settings, new Cancellation())) {
            return new SiteProbe(conn).run();
        }
    }

    /**
     * Pins a host key: connects, and if the key the server presents has {@code fingerprint}
     * ({@code SHA256:...}), pins it where the settings keep host keys (a known_hosts file, atomically, or the
     * workspace database) and returns its known_hosts line. The key is pinned as soon as it matches, even if the
     * login that follows is refused (that refusal is still thrown). A key already known is left alone; a changed key or another fingerprint is
     * refused and nothing is written.
     */
    public String pinHostKey(SftpEndpoint site, SftpSettings settings, String fingerprint) {
        HostKeyCheck check = new HostKeyCheck(site, settings.hostKeys(), HostKeys.normalizeFingerprint(fingerprint));
        SftpConnection opened;
        try {
            opened = SftpConnection.open(client, timer, site, settings, check, new Cancellation());
        } catch (PatchbayException e) {
            if (check.outcome() == HostKeyCheck.Outcome.PINNED) {
                recordPin(site, settings, check);
            }
            throw e;
        }
        try (SftpConnection conn = opened) {
            return recordPin(site, settings, check);
        }
    }

    private static String recordPin(SftpEndpoint site, SftpSettings settings, HostKeyCheck check) {
        String line = HostKeys.knownHostsLine(site, check.presented());
        if (check.outcome() == HostKeyCheck.Outcome.PINNED) {
            settings.hostKeys().pin(site, check.presented());
        } else if (!check.pin().equals(HostKeys.fingerprint(check.presented()))) {
            throw new PatchbayException("host key of " + site.knownHostsName() + " is already pinned as "
                    + HostKeys.fingerprint(check.presented()) + ", not " + check.pin());
        }
        return line;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        client.stop();
    }
}

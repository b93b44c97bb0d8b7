package io.patchbay.transport.sftp;

import io.patchbay.model.TransientFailure;
import io.patchbay.model.PatchbayException;
import io.patchbay.transport.Cancellation;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One logged-in SFTP session to one site, guarded by a {@link Watchdog}. Every step goes through
 * {@link #step}, which turns MINA's exceptions into one-line refusals naming the site.
 */
final class SftpConnection implements AutoCloseable {
    private final SftpEndpoint site;
    private final ClientSession session;
    private final SftpClient sftp;
    private final Watchdog watchdog;
    private final Duration stepTimeout;
    private final HostKeyCheck hostKey;

    @FunctionalInterface
    interface IoStep<T> {
        T run() throws IOException;
    }

    private SftpConnection(SftpEndpoint site, ClientSession session, SftpClient sftp, Watchdog watchdog,
                           Duration stepTimeout, HostKeyCheck hostKey) {
        this.site = site;
        this.session = session;
        this.sftp = sftp;
        this.watchdog = watchdog;
        this.stepTimeout = stepTimeout;
        this.hostKey = hostKey;
    }

    /** Connects, checks the host key, logs in and opens the SFTP channel, each step with its timeout. */
    static SftpConnection open(SshClient client, ScheduledExecutorService timer, SftpEndpoint site,
                               SftpSettings settings, Cancellation cancel) {
        return open(client, timer, site, settings, new HostKeyCheck(site, settings.hostKeys(), null), cancel);
    }

    static SftpConnection open(SshClient client, ScheduledExecutorService timer, SftpEndpoint site,
                               SftpSettings settings, HostKeyCheck hostKey, Cancellation cancel) {
        List<KeyPair> identities = IdentityFiles.load(settings.identity(), settings.passphrase());
        cancel.check();
        SftpTimeouts t = settings.timeouts();
        ClientSession session = null;
        try {
            ConnectFuture future = client.connect(site.user(), site.host(), site.port(),
                    AttributeRepository.ofKeyValuePair(HostKeyCheck.KEY, hostKey));
            try {
                session = future.verify(t.connect()).getSession();
            } catch (IOException e) {
                future.cancel();
                throw connectFailure(site, t, e);
            }
            // Backstops behind the watchdog (which fires first, at t.step(), and names the stall): MINA's
            // idle timeout and socket read timeout.
            Duration backstop = t.step().multipliedBy(2).plusSeconds(5);
            CoreModuleProperties.IDLE_TIMEOUT.set(session, backstop);
            CoreModuleProperties.NIO2_READ_TIMEOUT.set(session, backstop);
            CoreModuleProperties.AUTH_TIMEOUT.set(session, t.auth());
            CoreModuleProperties.CHANNEL_OPEN_TIMEOUT.set(session, t.step());
            SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.set(session, t.step());
            identities.forEach(session::addPublicKeyIdentity);
            try {
                session.auth().verify(t.auth());
            } catch (IOException e) {
                PatchbayException refusal = hostKey.refusal();
                if (refusal != null) {
                    throw refusal;
                }
                if (hostKey.outcome() == HostKeyCheck.Outcome.NOT_CHECKED) {
                    throw new PatchbayException("SSH handshake with " + site.host() + ":" + site.port()
                            + " failed: " + IdentityFiles.firstLine(e), e);
                }
                throw new PatchbayException("SSH login refused for " + site.user() + "@" + site.host() + ":" + site.port()
                        + " with key " + settings.identity() + " (is its public key in the site's authorized_keys?)", e);
            }
            cancel.check();
            ClientSession s = session;
            Watchdog watchdog = new Watchdog(timer, t.step(), () -> s.close(true));
            try {
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
                return new SftpConnection(site, session, sftp, watchdog, t.step(), hostKey);
            } catch (IOException e) {
                watchdog.close();
                throw new PatchbayException("cannot open the SFTP subsystem on " + site.host() + ":" + site.port()
                        + ": " + IdentityFiles.firstLine(e), e);
            }
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            // A refused host key (or host key algorithm) wins over whatever the closing session made of it on the
            // way: MINA may fail the connect or auth future, or the call itself, with "Session is being closed", a
            // connection error that the outbox would retry. The check's verdict is set before the session closes.
            PatchbayException refusal = hostKey.refusal();
            if (refusal != null) {
                throw refusal;
            }
            if (e instanceof PatchbayException p) {
                throw p;
            }
            throw new TransientFailure("cannot connect to " + site.host() + ":" + site.port() + ": "
                    + IdentityFiles.firstLine(e), e);
        }
    }

    /** The site could not be reached: a failure that may pass, not a refusal (exit 4, retried by the outbox). */
    private static PatchbayException connectFailure(SftpEndpoint site, SftpTimeouts t, IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String where = site.host() + ":" + site.port();
        if (root instanceof UnknownHostException) {
            return new TransientFailure("unknown host " + site.host(), e);
        }
        if (root instanceof ConnectException) {
            return new TransientFailure("cannot connect to " + where + ": " + IdentityFiles.firstLine(root), e);
        }
        String msg = IdentityFiles.firstLine(e);
        if (msg.toLowerCase().contains("timeout") || msg.toLowerCase().contains("timed out")) {
            return new TransientFailure("cannot connect to " + where + ": no answer within "
                    + t.connect().toSeconds() + " s", e);
        }
        return new TransientFailure("cannot connect to " + where + ": " + msg, e);
    }

    /** Runs one SFTP step; any failure becomes a one-line refusal naming the site and the step. */
    <T> T step(String what, IoStep<T> body) {
        try {
            T result = body.run();
            watchdog.progressed();
            return result;
        } catch (IOException | RuntimeException e) {
            if (e instanceof PatchbayException p && !watchdog.fired()) {
                throw p;
            }
            throw failure(what, e);
        }
    }

    PatchbayException failure(String what, Exception e) {
        if (watchdog.fired()) {
            return new PatchbayException("transfer to " + site + " stalled: no progress for "
                    + stepTimeout.toSeconds() + " s while " + what, e);
        }
        if (e instanceof PatchbayException p) {
            return p;
        }
        return new PatchbayException("SFTP " + what + " failed on " + site + ": " + IdentityFiles.firstLine(e), e);
    }

    void progressed() {
        watchdog.progressed();
    }

    SftpClient sftp() {
        return sftp;
    }

    ClientSession session() {
        return session;
    }

    SftpEndpoint site() {
        return site;
    }

    HostKeyCheck hostKey() {
        return hostKey;
    }

    /** The attributes of a remote path, or null if it does not exist. */
    SftpClient.Attributes statOrNull(String path) {
        return step("stat " + path, () -> {
            try {
                return sftp.stat(path);
            } catch (SftpException e) {
                if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    return null;
                }
                throw e;
            }
        });
    }

    @Override
    public void close() {
        watchdog.close();
        try {
            sftp.close();
        } catch (IOException | RuntimeException ignored) {
            // The session close below releases everything anyway.
        }
        try {
            session.close(false).await(stepTimeout);
        } catch (IOException | RuntimeException ignored) {
            // Forced below.
        }
        if (!session.isClosed()) {
            session.close(true);
        }
    }
}

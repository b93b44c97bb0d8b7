package io.patchbay.agent.http;

import io.patchbay.model.auth.BearerToken;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the agent's HTTPS endpoint runs.
 *
 * @param bind             address and port to listen on (port 0: any free port)
 * @param keystore         PKCS12 file with the server's private key and certificate chain
 * @param keystorePassword its password, supplied at run time (not stored in the agent's config)
 * @param token            the bearer token every request must carry
 * @param inbox            where finished kits land; partial uploads live in {@code <inbox>/.partial}
 * @param statusDir        the agent's {@code status/} folder, served read-only
 * @param maxUploadBytes   largest upload accepted (announced as Tus-Max-Size)
 * @param threads          request threads; the pool is bounded by this
 * @param guards           timeouts and connection caps against stalled or flooding clients
 * @param limits           uploads in progress, bytes waiting, free space kept
 */
public record AgentHttpsConfig(InetSocketAddress bind, Path keystore, char[] keystorePassword, BearerToken token,
                               Path inbox, Path statusDir, long maxUploadBytes, int threads,
                               ConnectionGuards guards, InboxLimits limits) {
    public static final long DEFAULT_MAX_UPLOAD = 8L * 1024 * 1024 * 1024;
    public static final int DEFAULT_THREADS = 8;

    public AgentHttpsConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(statusDir, "statusDir");
        Objects.requireNonNull(guards, "guards");
        Objects.requireNonNull(limits, "limits");
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("maxUploadBytes must be positive");
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be between 1 and 256");
        }
    }

    /** The agent home, whose {@code status/} folder {@link #statusDir} is (AgentHome's layout): its backups are there. */
    public Path home() {
        return statusDir.toAbsolutePath().getParent();
    }

    public AgentHttpsConfig withMaxUploadBytes(long bytes) {
        return new AgentHttpsConfig(bind, keystore, keystorePassword, token, inbox, statusDir, bytes, threads, guards, limits);
    }

    public AgentHttpsConfig withGuards(ConnectionGuards newGuards) {
        return new AgentHttpsConfig(bind, keystore, keystorePassword, token, inbox, statusDir, maxUploadBytes, threads,
                newGuards, limits);
    }

    public AgentHttpsConfig withLimits(InboxLimits newLimits) {
        return new AgentHttpsConfig(bind, keystore, keystorePassword, token, inbox, statusDir, maxUploadBytes, threads,
                guards, newLimits);
    }

    @Override
    public String toString() {
        return "AgentHttpsConfig[bind=" + bind + ", keystore=" + keystore + ", inbox=" + inbox
                + ", statusDir=" + statusDir + ", maxUploadBytes=" + maxUploadBytes + ", threads=" + threads
                + ", guards=" + guards + ", limits=" + limits + "]";
    }
}

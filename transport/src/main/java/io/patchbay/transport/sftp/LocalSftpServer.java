package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An SFTP server inside this process, listening on 127.0.0.1 only: the stand-in for the OpenSSH server a
 * real site runs, for demo sites on one machine. It behaves like an sshd with one chrooted user per site:
 * user {@code NAME} sees its site folder (the site's agent home) as {@code /}, so {@code /inbox} and
 * {@code /status} are where the agent expects them and no user can reach another's folder.
 *
 * <p>Logins by public key only, against one authorized key (the workstation's); no password, shell,
 * command or forwarding. The host key is generated into a file on the first start and read from it on
 * every later one, so a host key pinned in known_hosts stays valid across restarts.
 */
public final class LocalSftpServer implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(LocalSftpServer.class);
    /** A client that connects and never finishes its login is dropped after this. */
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(30);
    /** A session with no traffic at all is closed after this (the outbox opens one per push or harvest). */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

    /**
     * @param hostKeyFile   the server's host key; created (ed25519) when missing, never overwritten
     * @param authorizedKey an OpenSSH public key file ({@code id_ed25519.pub}): the one key allowed to log in
     * @param roots         user name to the folder that user sees as {@code /}; each must exist
     * @param port          the port to listen on, 0 for any free one
     */
    public record Config(Path hostKeyFile, Path authorizedKey, Map<String, Path> roots, int port) {
        public Config {
            Objects.requireNonNull(hostKeyFile, "hostKeyFile");
            Objects.requireNonNull(authorizedKey, "authorizedKey");
            roots = Map.copyOf(roots);
            if (port < 0 || port > 65535) {
                throw new PatchbayException("port out of range 0-65535: " + port);
            }
        }
    }

    private final SshServer server;
    private final int port;
    private final PublicKey hostKey;
    private final boolean preferredPortTaken;

    private LocalSftpServer(SshServer server, int port, PublicKey hostKey, boolean preferredPortTaken) {
        this.server = server;
        this.port = port;
        this.hostKey = hostKey;
        this.preferredPortTaken = preferredPortTaken;
    }

    /** Starts on {@code config.port()}; refuses, naming the port, when it is taken. */
    public static LocalSftpServer start(Config config) {
        try {
            return start(config, false);
        } catch (BindException e) {
            throw new PatchbayException("cannot listen on " + HOST + ":" + config.port() + ": the port is in use");
        }
    }

    /**
     * Starts on {@code config.port()} if it is free, else on any free port ({@link #port()} says which and
     * {@link #preferredPortTaken()} that it moved): a restarted demo keeps its address when it can.
     */
    public static LocalSftpServer startPreferring(Config config) {
        try {
            // Looked at first so that a taken port costs no error line from MINA's acceptor.
            if (config.port() != 0 && !isFree(config.port())) {
                throw new BindException("port " + config.port() + " is in use");
            }
            return start(config, false);
        } catch (BindException e) {
            LOG.info("port {} is taken; listening on another", config.port());
            try {
                return start(new Config(config.hostKeyFile(), config.authorizedKey(), config.roots(), 0), true);
            } catch (BindException again) {
                throw new PatchbayException("cannot listen on any port of " + HOST + ": " + again.getMessage(), again);
            }
        }
    }

    private static LocalSftpServer start(Config config, boolean moved) throws BindException {
        PublicKey authorized = ClientKeyFiles.readPublic(config.authorizedKey());
        Map<String, Path> roots = new TreeMap<>();
        VirtualFileSystemFactory files = new VirtualFileSystemFactory();
        config.roots().forEach((user, root) -> {
            Path dir = root.toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new PatchbayException("SFTP root of user " + user + " is not a folder: " + dir);
            }
            roots.put(user, dir);
            files.setUserHomeDir(user, dir);
        });
        if (!SecurityUtils.isEDDSACurveSupported()) {
            throw new PatchbayException("ed25519 keys are not supported in this Java runtime (net.i2p.crypto:eddsa missing)");
        }
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(HOST);
        server.setPort(config.port());
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(config.hostKeyFile().toAbsolutePath());
        keys.setAlgorithm(SecurityUtils.EDDSA);
        keys.setOverwriteAllowed(false);
        server.setKeyPairProvider(keys);
        server.setUserAuthFactories(List.of(new UserAuthPublicKeyFactory()));
        server.setPublickeyAuthenticator((user, key, session) -> roots.containsKey(user) && KeyUtils.compareKeys(authorized, key));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(files);
        CoreModuleProperties.AUTH_TIMEOUT.set(server, AUTH_TIMEOUT);
        CoreModuleProperties.IDLE_TIMEOUT.set(server, IDLE_TIMEOUT);
        PublicKey hostKey;
        try {
            hostKey = hostKey(keys);
            server.start();
        } catch (BindException e) {
            stopQuietly(server);
            throw e;
        } catch (IOException | RuntimeException e) {
            stopQuietly(server);
            throw new PatchbayException("cannot start the SFTP server on " + HOST + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        int bound = server.getBoundAddresses().stream().map(LocalSftpServer::portOf).filter(p -> p > 0)
                .findFirst().orElse(server.getPort());
        LOG.info("SFTP server on {}:{} for {} users", HOST, bound, roots.size());
        return new LocalSftpServer(server, bound, hostKey, moved);
    }

    /** Loads (or first generates and writes) the host key now, so a bad key file fails before listening. */
    private static PublicKey hostKey(SimpleGeneratorHostKeyProvider keys) throws IOException {
        List<KeyPair> pairs = keys.loadKeys(null);
        if (pairs.isEmpty()) {
            throw new IOException("cannot read or create the host key " + keys.getPath());
        }
        return pairs.get(0).getPublic();
    }

    private static boolean isFree(int port) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(HOST, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int portOf(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getPort() : -1;
    }

    private static void stopQuietly(SshServer server) {
        try {
            server.stop(true);
        } catch (IOException | RuntimeException ignored) {
            // nothing was listening, or it stops anyway
        }
    }

    public String host() {
        return HOST;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** True when {@link #startPreferring} found the asked-for port taken and listens on another. */
    public boolean preferredPortTaken() {
        return preferredPortTaken;
    }

    public PublicKey hostKey() {
        return hostKey;
    }

    /** {@code SHA256:...} of the host key, what {@code site test} shows and {@code --accept-host-key} takes. */
    public String hostKeyFingerprint() {
        return HostKeys.fingerprint(hostKey);
    }

    /** Stops listening and closes every session at once. */
    @Override
    public void close() {
        stopQuietly(server);
    }
}

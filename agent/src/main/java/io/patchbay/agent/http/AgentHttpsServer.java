package io.patchbay.agent.http;

import io.patchbay.agent.log.LogText;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.auth.BearerToken;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The agent's HTTPS endpoint on Jetty's core server: tus uploads under {@code /files/} into the inbox and the
 * status reports under {@code /status/}, post-install states under {@code /backups/}, every request behind the
 * bearer token. Jetty handshakes TLS and reads
 * request headers without holding a request thread, so stalled connections cost a socket each, not a worker;
 * {@link ConnectionGate} closes them after a few seconds and caps them per address (docs/adr/agent-https-server.md).
 *
 * <p>{@link #start} recovers half-received uploads first (see {@link UploadStore#recover()}), so a
 * restarted agent continues each upload from the offset it last confirmed.
 */
public final class AgentHttpsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentHttpsServer.class);

    private final Server server;
    private final ServerConnector connector;
    private final ConnectionGate gate;

    private AgentHttpsServer(Server server, ServerConnector connector, ConnectionGate gate) {
        this.server = server;
        this.connector = connector;
        this.gate = gate;
    }

    /** Loads the keystore, recovers partial uploads, binds and starts serving. */
    public static AgentHttpsServer start(AgentHttpsConfig config, KitListener listener) throws IOException {
        return start(config, listener, Clock.systemUTC());
    }

    public static AgentHttpsServer start(AgentHttpsConfig config, KitListener listener, Clock clock) throws IOException {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(ServerKeystore.open(config.keystore(), config.keystorePassword()));
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        UploadStore store = new UploadStore(config.inbox(), clock);
        TusUploadHandler tus = new TusUploadHandler(store,
                new UploadAdmission(store, config.maxUploadBytes(), config.limits(), clock), config.maxUploadBytes(), listener);
        List<Path> recovered = store.recover();

        // Request threads plus Jetty's own: one acceptor and one selector, which never block on a client.
        QueuedThreadPool threads = new QueuedThreadPool(config.threads() + 4, 2);
        threads.setName("agent-https");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1,
                new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
        connector.setHost(config.bind().getAddress() == null || config.bind().getAddress().isAnyLocalAddress()
                ? null : config.bind().getAddress().getHostAddress());
        connector.setPort(config.bind().getPort());
        connector.setIdleTimeout(config.guards().idleTimeout().toMillis());
        ConnectionGate gate = new ConnectionGate(config.guards(), server.getScheduler());
        connector.addEventListener(gate);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(config.guards().total(), connector));
        server.setErrorHandler(new TusErrors());
        server.setHandler(new Dispatch(config.token(), tus,
                List.of(new StatusHandler(config.statusDir()), new BackupHandler(config.home())), gate));
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            throw new PatchbayException("cannot listen on " + config.bind() + ": " + e.getMessage(), e);
        } catch (Exception e) {
            stopQuietly(server);
            throw new PatchbayException("cannot start the HTTPS endpoint on " + config.bind() + ": " + e.getMessage(), e);
        }
        AgentHttpsServer started = new AgentHttpsServer(server, connector, gate);
        LOG.info("agent HTTPS endpoint listening on {} (inbox {})", started.address(), config.inbox());
        recovered.forEach(tus::notifyLanded);
        return started;
    }

    public InetSocketAddress address() {
        String host = connector.getHost();
        return host == null ? new InetSocketAddress(port()) : new InetSocketAddress(host, port());
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Connections open now from one client address (what the per-address cap counts). */
    int openConnectionsFrom(java.net.InetAddress address) {
        return gate.openFrom(address);
    }

    /** Stops at once: open connections are cut; partial uploads stay on disk for the next start. */
    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.setStopTimeout(0);
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTPS endpoint: {}", e.toString());
        }
    }

    /** Authenticates, routes, and writes each {@link Answer} with what every answer carries. */
    private static final class Dispatch extends Handler.Abstract {
        private final BearerToken token;
        private final TusUploadHandler tus;
        private final List<ReadOnlyResource> readOnly;
        private final ConnectionGate gate;

        Dispatch(BearerToken token, TusUploadHandler tus, List<ReadOnlyResource> readOnly, ConnectionGate gate) {
            super(InvocationType.BLOCKING); // handlers read bodies and files with blocking calls
            this.token = token;
            this.tus = tus;
            this.readOnly = List.copyOf(readOnly);
            this.gate = gate;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            gate.requestArrived(request.getConnectionMetaData().getConnection());
            String path = request.getHttpURI().getPath();
            Answer answer;
            try {
                List<String> authorization = request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION);
                if (authorization.size() != 1 || !token.matches(authorization.get(0))) {
                    LOG.warn("refused {} {} from {}: missing or wrong bearer token", LogText.escape(request.getMethod()),
                            LogText.escape(path), Request.getRemoteAddr(request));
                    // Closed after the answer: a client without the token gets no second request on this connection.
                    answer = Answer.text(401, "missing or wrong bearer token")
                            .with("WWW-Authenticate", "Bearer realm=\"patchbay-agent\"").with("Connection", "close");
                } else if (path.startsWith(TusUploadHandler.PATH)) {
                    answer = tus.handle(request, path);
                } else {
                    answer = readOnly(request.getMethod(), path);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                callback.failed(e);
                return true;
            } catch (IOException e) {
                // A body that broke off (the client went, the idle timeout struck) was logged where it was read:
                // failed quietly, without Jetty's stack trace, and the connection is closed.
                callback.failed(new EofException(e));
                return true;
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", LogText.escape(request.getMethod()), LogText.escape(path), e);
                callback.failed(e);
                return true;
            }
            write(request, response, answer, callback);
            return true;
        }

        /** One method guard for every read-only resource: GET, or 405. */
        private Answer readOnly(String method, String path) throws IOException {
            for (ReadOnlyResource resource : readOnly) {
                if (path.startsWith(resource.path())) {
                    return "GET".equals(method) ? resource.get(path) : Answer.text(405, "GET only");
                }
            }
            return Answer.text(404, "no such resource");
        }

        private static void write(Request request, Response response, Answer answer, Callback callback) {
            response.setStatus(answer.status());
            HttpFields.Mutable headers = response.getHeaders();
            headers.put("Tus-Resumable", TusUploadHandler.TUS_VERSION);
            headers.put(HttpHeader.CACHE_CONTROL, "no-store");
            answer.headers().forEach(headers::put);
            boolean noBody = answer.body().length == 0 || "HEAD".equals(request.getMethod())
                    || answer.status() == 204 || answer.status() == 304;
            if (!noBody) {
                headers.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
            }
            response.write(true, noBody ? ByteBuffer.allocate(0) : ByteBuffer.wrap(answer.body()), callback);
        }
    }

    /** Jetty's own answers (a malformed request, a failure) carry Tus-Resumable too, and no server details. */
    private static final class TusErrors extends ErrorHandler {
        TusErrors() {
            setShowStacks(false);
            setShowCauses(false);
            setDefaultResponseMimeType("text/plain");
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            response.getHeaders().put("Tus-Resumable", TusUploadHandler.TUS_VERSION);
            return super.handle(request, response, callback);
        }
    }
}

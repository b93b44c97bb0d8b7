package io.patchbay.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.auth.BearerToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's HTTPS endpoint on the JDK's {@link HttpsServer}: tus uploads under {@code /files/} into the
 * inbox and the status reports under {@code /status/}, every request behind the bearer token.
 *
 * <p>{@link #start} recovers half-received uploads first (see {@link UploadStore#recover()}), so a
 * restarted agent continues each upload from the offset it last confirmed.
 */
public final class AgentHttpsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentHttpsServer.class);
    /**
     * The JDK server has no read timeout of its own: a client that goes silent mid-body (a half-open
     * connection) would hold a request thread and the upload's lock for good. This JDK property makes
     * the server close a connection whose request (headers and body) takes longer than this. It is read
     * once per JVM, when the first server starts, so it is set here unless the process already set it.
     * Our client sends bounded chunks (8 MiB by default), so 300 s is a 28 KB/s floor per chunk.
     */
    static final String MAX_REQUEST_SECONDS_PROPERTY = "sun.net.httpserver.maxReqTime";
    static final String MAX_REQUEST_SECONDS = "300";

    private final HttpsServer server;
    private final ExecutorService executor;

    private AgentHttpsServer(HttpsServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Loads the keystore, recovers partial uploads, binds and starts serving. */
    public static AgentHttpsServer start(AgentHttpsConfig config, KitListener listener) throws IOException {
        return start(config, listener, Clock.systemUTC());
    }

    public static AgentHttpsServer start(AgentHttpsConfig config, KitListener listener, Clock clock) throws IOException {
        System.getProperties().putIfAbsent(MAX_REQUEST_SECONDS_PROPERTY, MAX_REQUEST_SECONDS);
        SSLContext tls = serverContext(config.keystore(), config.keystorePassword());
        UploadStore store = new UploadStore(config.inbox(), clock);
        TusUploadHandler tus = new TusUploadHandler(store, config.maxUploadBytes(), listener);
        List<Path> recovered = store.recover();

        HttpsServer server;
        try {
            server = HttpsServer.create(config.bind(), 64);
        } catch (java.net.BindException e) {
            throw new PatchbayException("cannot listen on " + config.bind() + ": " + e.getMessage(), e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = tls.getDefaultSSLParameters();
                p.setProtocols(new String[]{"TLSv1.3", "TLSv1.2"});
                params.setSSLParameters(p);
            }
        });
        server.createContext(TusUploadHandler.PATH, authenticated(config.token(), tus));
        server.createContext(StatusHandler.PATH, authenticated(config.token(), new StatusHandler(config.statusDir())));
        ExecutorService executor = new ThreadPoolExecutor(config.threads(), config.threads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), namedThreads());
        server.setExecutor(executor);
        server.start();
        LOG.info("agent HTTPS endpoint listening on {} (inbox {})", server.getAddress(), config.inbox());
        recovered.forEach(tus::notifyLanded);
        return new AgentHttpsServer(server, executor);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops at once: open connections are cut; partial uploads stay on disk for the next start. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpHandler authenticated(BearerToken token, HttpHandler next) {
        return exchange -> {
            List<String> authorization = exchange.getRequestHeaders().get("Authorization");
            if (authorization == null || authorization.size() != 1 || !token.matches(authorization.get(0))) {
                refuse(exchange);
                return;
            }
            next.handle(exchange);
        };
    }

    private static void refuse(HttpExchange exchange) throws IOException {
        try (exchange) {
            LOG.warn("refused {} {} from {}: missing or wrong bearer token", exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), exchange.getRemoteAddress());
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"patchbay-agent\"");
            Exchanges.text(exchange, 401, "missing or wrong bearer token");
        }
    }

    private static SSLContext serverContext(Path keystore, char[] password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new PatchbayException("cannot open TLS keystore " + keystore + " (wrong password or not PKCS12?): "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new PatchbayException("unusable TLS keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "agent-https-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

package io.patchbay.agent.http;

import io.patchbay.transport.https.HttpsEndpoint;
import io.patchbay.transport.https.TestCertificates;

import io.patchbay.model.auth.BearerToken;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real agent HTTPS endpoint on loopback over a temp folder, restartable on the same port. */
public final class TestAgent implements AutoCloseable {
    public static final String TOKEN = "s3cret-token-0123456789";

    private final Path home;
    private final UnaryOperator<AgentHttpsConfig> tune;
    private final List<Path> received = new CopyOnWriteArrayList<>();
    private AgentHttpsServer server;
    private int port;

    public TestAgent(Path home) throws IOException {
        this(home, AgentHttpsConfig.DEFAULT_MAX_UPLOAD);
    }

    public TestAgent(Path home, long maxUpload) throws IOException {
        this(home, c -> c.withMaxUploadBytes(maxUpload));
    }

    /** An agent whose configuration {@code tune} adjusts (guards, limits, bind address) from the defaults. */
    public TestAgent(Path home, UnaryOperator<AgentHttpsConfig> tune) throws IOException {
        this.home = home;
        this.tune = tune;
        start(0);
    }

    private void start(int onPort) throws IOException {
        java.nio.file.Files.createDirectories(inbox());
        AgentHttpsConfig config = tune.apply(new AgentHttpsConfig(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort),
                TestCertificates.shared().serverKeystore(), TestCertificates.PASSWORD,
                BearerToken.of(TOKEN, "test"), inbox(), statusDir(), AgentHttpsConfig.DEFAULT_MAX_UPLOAD, 4,
                ConnectionGuards.DEFAULTS, InboxLimits.forFreeSpace(java.nio.file.Files.getFileStore(inbox()).getUsableSpace())));
        if (onPort != 0) {
            config = new AgentHttpsConfig(new InetSocketAddress(config.bind().getAddress(), onPort), config.keystore(),
                    config.keystorePassword(), config.token(), config.inbox(), config.statusDir(), config.maxUploadBytes(),
                    config.threads(), config.guards(), config.limits());
        }
        server = AgentHttpsServer.start(config, received::add);
        port = server.port();
        warmUp();
    }

    /**
     * One request with the token, so tests meet a running agent: a fresh JVM loads Jetty's classes on its first
     * request, which on a loaded machine can take longer than a test's short request timeout.
     */
    private void warmUp() {
        try {
            java.net.http.HttpClient.newBuilder()
                    .sslContext(io.patchbay.transport.https.TlsTrust.trustingOnly(TestCertificates.shared().caPem())).build()
                    .send(java.net.http.HttpRequest.newBuilder(endpoint().baseUri().resolve("/status/"))
                            .header("Authorization", "Bearer " + TOKEN).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException("the test agent does not answer on port " + port, e);
        }
    }

    /** Stops the endpoint (cutting open connections) and starts a new one over the same folders and port. */
    public void restart() throws IOException {
        server.close();
        start(port);
    }

    public void stop() {
        server.close();
    }

    /** The running server, for what only this package may ask (connections per address). */
    AgentHttpsServer server() {
        return server;
    }

    public HttpsEndpoint endpoint() {
        return new HttpsEndpoint("127.0.0.1", port);
    }

    public int port() {
        return port;
    }

    public Path inbox() {
        return home.resolve("inbox");
    }

    public Path partial() {
        return inbox().resolve(".partial");
    }

    public Path statusDir() {
        return home.resolve("status");
    }

    public List<Path> received() {
        return received;
    }

    @Override
    public void close() {
        server.close();
    }
}

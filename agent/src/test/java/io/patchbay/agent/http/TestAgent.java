package io.patchbay.agent.http;

import io.patchbay.transport.https.HttpsEndpoint;
import io.patchbay.transport.https.TestCertificates;

import io.patchbay.model.auth.BearerToken;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real agent HTTPS endpoint on loopback over a temp folder, restartable on the same port. */
public final class TestAgent implements AutoCloseable {
    public static final String TOKEN = "s3cret-token-0123456789";

    private final Path home;
    private final long maxUpload;
    private final List<Path> received = new CopyOnWriteArrayList<>();
    private AgentHttpsServer server;
    private int port;

    public TestAgent(Path home) throws IOException {
        this(home, AgentHttpsConfig.DEFAULT_MAX_UPLOAD);
    }

    public TestAgent(Path home, long maxUpload) throws IOException {
        this.home = home;
        this.maxUpload = maxUpload;
        start(0);
    }

    private void start(int onPort) throws IOException {
        AgentHttpsConfig config = new AgentHttpsConfig(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort),
                TestCertificates.shared().serverKeystore(), TestCertificates.PASSWORD,
                BearerToken.of(TOKEN, "test"), inbox(), statusDir(), maxUpload, 4);
        server = AgentHttpsServer.start(config, received::add);
        port = server.port();
    }

    /** Stops the endpoint (cutting open connections) and starts a new one over the same folders and port. */
    public void restart() throws IOException {
        server.close();
        start(port);
    }

    public void stop() {
        server.close();
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

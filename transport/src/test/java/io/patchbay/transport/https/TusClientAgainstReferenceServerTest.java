package io.patchbay.transport.https;

import io.patchbay.model.auth.BearerToken;
import io.patchbay.transport.fixtures.RandomFiles;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import me.desair.tus.server.TusFileUploadService;
import me.desair.tus.server.upload.UploadInfo;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client against the reference tus 1.0 server (tus-java-server in Jetty over TLS, bearer token checked
 * in front of it), so our client is proven against a peer we did not write.
 */
class TusClientAgainstReferenceServerTest {
    private static final String TOKEN = "s3cret-token-0123456789";
    private static final String KIT = "Spruce-12.10.11.kit";
    private static final int CHUNK = 256 * 1024;

    @TempDir
    Path tmp;
    private Server jetty;
    private ServerConnector connector;
    private TusFileUploadService tus;
    private Path kit;

    @BeforeEach
    void startReferenceServer() throws Exception {
        tus = new TusFileUploadService().withUploadUri("/files/").withStoragePath(tmp.resolve("store").toString());
        jetty = new Server();
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(TestCertificates.shared().serverKeystore().toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(new String(TestCertificates.PASSWORD));
        HttpConfiguration https = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // the client connects by IP address, which sends no SNI
        https.addCustomizer(secure);
        connector = new ServerConnector(jetty, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new TusServlet(tus)), "/files/*");
        context.addServlet(new ServletHolder(new TusServlet(tus)), "/files");
        jetty.setHandler(context);
        jetty.start();
        kit = RandomFiles.write(tmp.resolve(KIT), 3 * 1024 * 1024 + 7);
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
    }

    @Test
    void uploadsByteIdenticalToTheReferenceServerWithItsStrongestChecksum() throws Exception {
        TusClient client = client(new HttpsEndpoint("127.0.0.1", connector.getLocalPort()));
        assertEquals("sha512", client.discover().strongestChecksum());

        URI url = client.upload(kit, KIT, UploadListener.NONE);

        UploadInfo info = tus.getUploadInfo(url.getPath());
        assertFalse(info.isUploadInProgress());
        assertEquals(KIT, info.getFileName());
        try (InputStream in = tus.getUploadedBytes(url.getPath())) {
            assertArrayEquals(Files.readAllBytes(kit), in.readAllBytes());
        }
    }

    @Test
    void resumesOnTheReferenceServerAfterTheConnectionIsCut() throws Exception {
        try (CuttingProxy proxy = new CuttingProxy(new InetSocketAddress("127.0.0.1", connector.getLocalPort()))) {
            TusClient client = client(new HttpsEndpoint("127.0.0.1", proxy.port()));
            List<URI> created = new ArrayList<>();
            proxy.cutNextAfter(1_500_000);

            // After the cut the client asks the offset and goes on. The reference server holds its lock on the
            // upload until it notices the cut; until then it answers without an offset, which ends the attempt.
            // The outbox retries later; here, a few quick retries stand in for it.
            for (int attempt = 1; ; attempt++) {
                try {
                    client.upload(kit, KIT, created.isEmpty() ? null : created.get(created.size() - 1),
                            new UploadListener() {
                                @Override
                                public void uploadCreated(URI uploadUrl) {
                                    created.add(uploadUrl);
                                }
                            }, Cancellation.none());
                    break;
                } catch (TusException e) {
                    if (!e.retryable() || attempt == 20) {
                        throw e;
                    }
                    Thread.sleep(500);
                }
            }

            assertEquals(1, proxy.cuts());
            assertEquals(1, created.size(), "resumed, not restarted: " + created);
            try (InputStream in = tus.getUploadedBytes(created.get(0).getPath())) {
                assertArrayEquals(Files.readAllBytes(kit), in.readAllBytes());
            }
        }
    }

    @Test
    void aWrongTokenIsRefusedByTheGuardInFrontOfTheReferenceServer() {
        TusClient client = new TusClient(new HttpsEndpoint("127.0.0.1", connector.getLocalPort()),
                BearerToken.of("wrong", "test"), TlsTrust.trustingOnly(caPem()), TusOptions.defaults());
        TusException e = assertThrows(TusException.class, () -> client.upload(kit, KIT, UploadListener.NONE));
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
    }

    private static TusClient client(HttpsEndpoint endpoint) {
        return new TusClient(endpoint, BearerToken.of(TOKEN, "test"), TlsTrust.trustingOnly(caPem()),
                TusOptions.defaults().withChunkSize(CHUNK));
    }

    private static Path caPem() {
        try {
            return TestCertificates.shared().caPem();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reference service behind the same bearer-token check our agent makes. */
    private static final class TusServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient TusFileUploadService tus;
        private final transient BearerToken token = BearerToken.of(TOKEN, "test");

        TusServlet(TusFileUploadService tus) {
            this.tus = tus;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (!token.matches(request.getHeader("Authorization"))) {
                response.sendError(401);
                return;
            }
            tus.process(request, response);
        }
    }
}

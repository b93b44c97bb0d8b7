package io.patchbay.agent.http;

import io.patchbay.transport.https.TestCertificates;
import io.patchbay.transport.https.TlsTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections that stall (five bytes of a TLS handshake and silence, or a finished handshake and no request)
 * against the real endpoint, and a real TLS client with the token beside them. The stalled sockets come from
 * other loopback addresses (127.0.0.2 and up: Linux routes all of 127/8 to lo) so the per-address cap does not
 * simply turn them away: what keeps the endpoint answering is that stalls hold no worker and are closed.
 */
class ConnectionFloodTest {
    /** The first five bytes of a TLS record carrying a ClientHello of 512 bytes that never come. */
    private static final byte[] HANDSHAKE_START = {0x16, 0x03, 0x01, 0x02, 0x00};

    @TempDir
    Path tmp;
    private final List<Socket> stalled = Collections.synchronizedList(new ArrayList<>());
    private final SSLContext tls = TlsTrust.trustingOnly(TestCertificates.shared().caPem());

    ConnectionFloodTest() throws Exception {
    }

    @AfterEach
    void closeSockets() {
        synchronized (stalled) {
            stalled.forEach(ConnectionFloodTest::closeQuietly);
        }
    }

    @Test
    void twoHundredStalledConnectionsHeldFor30SecondsDoNotDelayAnAuthenticatedRequest() throws Exception {
        try (TestAgent agent = new TestAgent(tmp.resolve("site"), c -> c)) {
            List<Long> warmUp = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                warmUp.add(timedStatusRequest(agent)); // JIT and TLS session set-up before the clock matters
            }
            List<Long> millis = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int opened = 0;
            while (System.nanoTime() < end) {
                // Keep 200 stalls open: what the server closed (after its 5 s deadline) is opened again.
                opened += topUp(agent.port(), 200);
                millis.add(timedStatusRequest(agent));
                Thread.sleep(500);
            }
            List<Long> sorted = millis.stream().sorted().toList();
            long median = sorted.get(sorted.size() / 2);
            long max = sorted.get(sorted.size() - 1);
            System.out.printf("flood: %d authenticated requests under 200 stalled connections for 30 s"
                    + " (%d stalls opened in all, the server closing each after its deadline): median %d ms, max %d ms%n",
                    millis.size(), opened, median, max);
            assertTrue(millis.size() >= 5, "requests were made during the flood");
            assertTrue(max < 2000, "every authenticated request answered within 2 s, slowest " + max + " ms: " + millis);
            assertTrue(opened > 200, "the server closed stalled connections, so the flood had to reopen some");
        }
    }

    @Test
    void aConnectionThatSendsNoRequestWithinTheDeadlineIsClosed() throws Exception {
        try (TestAgent agent = new TestAgent(tmp.resolve("site"),
                c -> c.withGuards(c.guards().withFirstRequestWithin(Duration.ofSeconds(2))))) {
            // The agent's warm-up request may leave its client's keep-alive connection open: count from here.
            int before = agent.server().openConnectionsFrom(InetAddress.getLoopbackAddress());
            Socket handshakeBytes = openStalled(agent.port(), InetAddress.getLoopbackAddress(), false);
            Socket tlsNoHeaders = openStalled(agent.port(), InetAddress.getLoopbackAddress(), true);
            long started = System.nanoTime();

            assertTrue(closedByServer(handshakeBytes, Duration.ofSeconds(30)), "a stalled handshake is closed");
            assertTrue(closedByServer(tlsNoHeaders, Duration.ofSeconds(30)), "TLS without a request is closed");
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertTrue(seconds < 20, "closed near the 2 s deadline, not by the 30 s idle timeout: " + seconds + " s");
            waitUntil(() -> agent.server().openConnectionsFrom(InetAddress.getLoopbackAddress()) <= before, Duration.ofSeconds(10));
        }
    }

    @Test
    void connectionsFromOneAddressAreCappedWhileOtherAddressesAreServed() throws Exception {
        InetAddress crowded = InetAddress.getByName("127.0.0.9");
        try (TestAgent agent = new TestAgent(tmp.resolve("site"), c -> c.withGuards(c.guards()
                .withPerAddress(4).withFirstRequestWithin(Duration.ofSeconds(60))))) {
            for (int i = 0; i < 4; i++) {
                openStalled(agent.port(), crowded, true);
            }
            Socket fifth = openRaw(agent.port(), crowded);

            assertTrue(closedByServer(fifth, Duration.ofSeconds(20)), "a fifth connection from one address is closed at once");
            waitUntil(() -> agent.server().openConnectionsFrom(crowded) == 4, Duration.ofSeconds(10));
            assertTrue(timedStatusRequest(agent) >= 0, "another address is still served");
            for (Socket s : List.copyOf(stalled)) {
                closeQuietly(s);
            }
            waitUntil(() -> agent.server().openConnectionsFrom(crowded) == 0, Duration.ofSeconds(30));
            assertTrue(!closedByServer(openStalled(agent.port(), crowded, true), Duration.ofSeconds(2)),
                    "once they closed, the address may connect again");
        }
    }

    /** Opens stalled connections from 127.0.0.2.. until {@code count} are open; returns how many it opened. */
    private int topUp(int port, int count) throws IOException {
        synchronized (stalled) {
            stalled.removeIf(s -> {
                if (isClosedByServer(s)) {
                    closeQuietly(s);
                    return true;
                }
                return false;
            });
        }
        int opened = 0;
        for (int i = stalled.size(); i < count; i++) {
            // 20 addresses, 10 stalls each, under the cap of 16 per address; one in four finishes TLS first
            InetAddress from = InetAddress.getByName("127.0.0." + (2 + i % 20));
            openStalled(port, from, i % 4 == 3);
            opened++;
        }
        return opened;
    }

    private Socket openStalled(int port, InetAddress from, boolean finishTls) throws IOException {
        Socket raw = openRaw(port, from);
        if (finishTls) {
            SSLSocket tlsSocket = (SSLSocket) tls.getSocketFactory().createSocket(raw, "localhost", port, true);
            tlsSocket.setSoTimeout(20_000);
            tlsSocket.startHandshake();
            stalled.remove(raw);
            stalled.add(tlsSocket);
            return tlsSocket;
        }
        OutputStream out = raw.getOutputStream();
        out.write(HANDSHAKE_START);
        out.flush();
        return raw;
    }

    private Socket openRaw(int port, InetAddress from) throws IOException {
        Socket raw = new Socket();
        raw.bind(new InetSocketAddress(from, 0));
        raw.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        stalled.add(raw);
        return raw;
    }

    // A stalled client sends nothing more: the only thing it can read is the server closing (EOF or reset).
    private static boolean closedByServer(Socket socket, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // an alert or an error answer before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static boolean isClosedByServer(Socket socket) {
        try {
            return closedByServer(socket, Duration.ofMillis(1));
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * One request with the token on a new TLS connection (handshake included), which it closes; its time in ms.
     * A raw socket and not an HttpClient: a client per request would keep each keep-alive connection open from
     * 127.0.0.1 until a collection ran, and the 17th would meet the agent's per-address cap.
     */
    private long timedStatusRequest(TestAgent agent) throws Exception {
        URI base = agent.endpoint().baseUri();
        long started = System.nanoTime();
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            SSLParameters params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS"); // the server's name is checked, as HttpClient does
            socket.setSSLParameters(params);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /status/ HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nAuthorization: Bearer " + TestAgent.TOKEN + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(response.startsWith("HTTP/1.1 200 "), "the status answer: " + response.lines().findFirst().orElse(""));
            return millis;
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), "condition met within " + within);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing a socket the test no longer needs
        }
    }
}

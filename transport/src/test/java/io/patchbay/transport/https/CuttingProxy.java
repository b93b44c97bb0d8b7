package io.patchbay.transport.https;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that forwards to a target and, when armed, cuts the next connection after it
 * has carried a given number of client-to-server bytes (or stalls it: stops forwarding, keeps it open).
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong cutAfter = new AtomicLong(-1);
    private volatile boolean stall;
    private volatile int cuts;
    private final Thread acceptor;

    CuttingProxy(InetSocketAddress target) throws IOException {
        this(target, InetAddress.getLoopbackAddress());
    }

    /** Listens on {@code bind} (any 127.x.y.z address works on Linux loopback). */
    CuttingProxy(InetSocketAddress target, InetAddress bind) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, bind);
        this.acceptor = new Thread(this::acceptLoop, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The next connection is cut after {@code bytes} bytes from the client. */
    void cutNextAfter(long bytes) {
        stall = false;
        cutAfter.set(bytes);
    }

    /** The next connection stops forwarding after {@code bytes} bytes but stays open. */
    void stallNextAfter(long bytes) {
        stall = true;
        cutAfter.set(bytes);
    }

    int cuts() {
        return cuts;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(target, 5000);
                sockets.add(client);
                sockets.add(server);
                long limit = cutAfter.getAndSet(-1);
                boolean stallIt = stall;
                pump(client, server, limit, stallIt, client);
                pump(server, client, -1, false, client);
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void pump(Socket from, Socket to, long limit, boolean stallIt, Socket clientSide) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            long carried = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (limit >= 0 && carried + n > limit) {
                        int part = (int) (limit - carried);
                        out.write(buffer, 0, part);
                        out.flush();
                        cuts++;
                        if (stallIt) {
                            while (!from.isClosed()) {
                                Thread.sleep(50); // swallow everything, forward nothing
                                if (in.read(buffer) < 0) {
                                    break;
                                }
                            }
                        }
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    carried += n;
                }
            } catch (IOException | InterruptedException e) {
                // one side went away
            } finally {
                close(from);
                close(to);
            }
        }, "cutting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(CuttingProxy::close);
    }
}

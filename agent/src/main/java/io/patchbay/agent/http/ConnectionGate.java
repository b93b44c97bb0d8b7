package io.patchbay.agent.http;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies {@link ConnectionGuards} to each TCP connection as Jetty opens it: closes it at once when its client
 * address already holds {@code perAddress} connections, and closes it when its first request's headers have not
 * arrived within {@code firstRequestWithin} (a stalled TLS handshake, or TLS and then silence). Jetty's idle
 * timeout alone would not do: a client trickling one byte every few seconds is never idle.
 *
 * <p>Each TCP connection is counted once, by its TLS layer (the HTTP layer above it shares its remote address).
 */
final class ConnectionGate implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGate.class);
    private static final long LOG_EVERY_MILLIS = 60_000;

    private final ConnectionGuards guards;
    private final Scheduler scheduler;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    // A closed end point no longer knows its remote address: remembered here from the open.
    private final Map<Connection, InetAddress> counted = new ConcurrentHashMap<>();
    private final Map<Connection, Scheduler.Task> awaitingRequest = new ConcurrentHashMap<>();
    private final AtomicLong lastCapLog = new AtomicLong();
    private final AtomicLong lastStallLog = new AtomicLong();

    ConnectionGate(ConnectionGuards guards, Scheduler scheduler) {
        this.guards = guards;
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        if (!(connection instanceof SslConnection)) {
            return;
        }
        EndPoint endPoint = connection.getEndPoint();
        SocketAddress remote = endPoint.getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress inet)) {
            return;
        }
        counted.put(connection, inet.getAddress());
        int count = open.merge(inet.getAddress(), 1, Integer::sum);
        if (count > guards.perAddress()) {
            logAtMostOncePerMinute(lastCapLog, "closed a connection from {}: it holds {} already (limit {} per address)",
                    inet.getAddress().getHostAddress(), count - 1, guards.perAddress());
            endPoint.close();
            return;
        }
        awaitingRequest.put(connection, scheduler.schedule(() -> {
            if (awaitingRequest.remove(connection) != null) {
                logAtMostOncePerMinute(lastStallLog, "closed a connection from {}: no request within {} s",
                        inet.getAddress().getHostAddress(), guards.firstRequestWithin().toSeconds());
                endPoint.close();
            }
        }, guards.firstRequestWithin().toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void onClosed(Connection connection) {
        cancelDeadline(connection);
        InetAddress address = counted.remove(connection);
        if (address != null) {
            open.compute(address, (a, n) -> n == null || n <= 1 ? null : n - 1);
        }
    }

    /**
     * {@code connection} (the HTTP layer a request arrived on) delivered a request's headers: its TCP connection is
     * no longer a stall suspect.
     */
    void requestArrived(Connection connection) {
        if (connection != null && connection.getEndPoint() instanceof SslConnection.SslEndPoint tls) {
            cancelDeadline(tls.getSslConnection());
        }
    }

    private void cancelDeadline(Connection tcp) {
        Scheduler.Task deadline = awaitingRequest.remove(tcp);
        if (deadline != null) {
            deadline.cancel();
        }
    }

    /** Connections open now from {@code address} (for tests and the health report). */
    int openFrom(InetAddress address) {
        return open.getOrDefault(address, 0);
    }

    // A flood would otherwise write one line per connection; one line a minute says enough.
    private static void logAtMostOncePerMinute(AtomicLong last, String format, Object... args) {
        long now = System.currentTimeMillis();
        long before = last.get();
        if (now - before >= LOG_EVERY_MILLIS && last.compareAndSet(before, now)) {
            LOG.warn(format + " (more such lines within a minute are left out)", args);
        }
    }
}

package io.patchbay.agent.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What the endpoint allows a TCP connection before it has shown the token, so that connections that only
 * stall (a few bytes of a TLS handshake, then silence) cannot hold the endpoint. See
 * docs/adr/agent-https-server.md for the figures.
 *
 * @param firstRequestWithin a new connection must finish its TLS handshake and its first request's headers
 *                           within this time, or it is closed
 * @param idleTimeout        a connection silent this long (between requests, or mid-body) is closed
 * @param perAddress         connections open at once from one client address; more are closed at accept
 * @param total              connections open at once in all; more wait in the kernel's accept queue
 */
public record ConnectionGuards(Duration firstRequestWithin, Duration idleTimeout, int perAddress, int total) {
    public static final ConnectionGuards DEFAULTS =
            new ConnectionGuards(Duration.ofSeconds(5), Duration.ofSeconds(30), 16, 512);

    public ConnectionGuards {
        Objects.requireNonNull(firstRequestWithin, "firstRequestWithin");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (firstRequestWithin.isNegative() || firstRequestWithin.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("connection timeouts must be positive");
        }
        if (perAddress < 1 || total < perAddress) {
            throw new IllegalArgumentException("connection caps must be positive, total at least per address");
        }
    }

    public ConnectionGuards withFirstRequestWithin(Duration d) {
        return new ConnectionGuards(d, idleTimeout, perAddress, total);
    }

    public ConnectionGuards withIdleTimeout(Duration d) {
        return new ConnectionGuards(firstRequestWithin, d, perAddress, total);
    }

    public ConnectionGuards withPerAddress(int n) {
        return new ConnectionGuards(firstRequestWithin, idleTimeout, n, Math.max(total, n));
    }
}

package io.patchbay.transport.outbox;

import io.patchbay.transport.https.TusServerInfo;

/**
 * What testing an HTTPS site found: its endpoint (reached over verified TLS with the bearer token), the
 * upload protocol its agent offers, and how many report files its status endpoint lists.
 */
public record HttpsProbeReport(String endpoint, TusServerInfo server, int statusFiles) {
    /** True when a kit can be uploaded (tus 1.0 with creation) and the reports read. */
    public boolean ready() {
        return server.supportsTus1() && server.supportsCreation();
    }
}

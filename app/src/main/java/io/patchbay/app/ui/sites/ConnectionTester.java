package io.patchbay.app.ui.sites;

import io.patchbay.transport.outbox.HttpsProbeReport;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.transport.sftp.ProbeReport;

/** Reaches a site: probe it over SFTP and pin its host key, or probe its HTTPS agent. Production: {@link SiteConnectionTester}. */
public interface ConnectionTester {
    /** Connects and reports; a refusal (unknown host key, login refused...) is a PatchbayException. */
    ProbeReport probe(SiteSpec site);

    /** Reaches an HTTPS site's agent (TLS verified, bearer token); a refusal is a PatchbayException. */
    HttpsProbeReport probeHttps(SiteSpec site);

    /** Pins the host key with this fingerprint in the site's known_hosts; returns the line written. */
    String pinHostKey(SiteSpec site, String fingerprint);
}

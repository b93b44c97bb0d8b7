package io.patchbay.app.ui.sites;

import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.transport.sftp.ProbeReport;

/** Reaches a site over SFTP: probe it, pin its host key. Production: {@link SftpConnectionTester}. */
public interface ConnectionTester {
    /** Connects and reports; a refusal (unknown host key, login refused...) is a PatchbayException. */
    ProbeReport probe(SiteSpec site);

    /** Pins the host key with this fingerprint in the site's known_hosts; returns the line written. */
    String pinHostKey(SiteSpec site, String fingerprint);
}

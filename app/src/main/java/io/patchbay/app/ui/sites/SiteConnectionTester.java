package io.patchbay.app.ui.sites;

import io.patchbay.transport.https.TusOptions;
import io.patchbay.transport.outbox.HttpsProbeReport;
import io.patchbay.transport.outbox.TusSitePusher;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.transport.sftp.ProbeReport;
import io.patchbay.transport.sftp.SftpEndpoint;
import io.patchbay.transport.sftp.SftpPusher;
import io.patchbay.transport.sftp.SftpSettings;

/**
 * {@link SftpPusher#probe} and {@link SftpPusher#pinHostKey} for an SFTP site, {@link TusSitePusher#probe} for an
 * HTTPS one, as the workspace describes the site.
 */
public final class SiteConnectionTester implements ConnectionTester {
    @Override
    public HttpsProbeReport probeHttps(SiteSpec site) {
        return new TusSitePusher(TusOptions.defaults()).probe(site);
    }

    @Override
    public ProbeReport probe(SiteSpec site) {
        try (SftpPusher pusher = new SftpPusher()) {
            return pusher.probe(endpoint(site), settings(site));
        }
    }

    @Override
    public String pinHostKey(SiteSpec site, String fingerprint) {
        try (SftpPusher pusher = new SftpPusher()) {
            return pusher.pinHostKey(endpoint(site), settings(site), fingerprint);
        }
    }

    private static SftpEndpoint endpoint(SiteSpec site) {
        return SftpEndpoint.parse(site.endpoint().toString());
    }

    private static SftpSettings settings(SiteSpec site) {
        if (site.knownHostsFile() == null) {
            throw new PatchbayException("site " + site.name() + " has no known_hosts file to pin its host key in");
        }
        return SftpSettings.of(site.identityFile(), site.knownHostsFile());
    }
}

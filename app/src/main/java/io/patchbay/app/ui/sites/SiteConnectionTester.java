package io.patchbay.app.ui.sites;

import io.patchbay.transport.https.TusOptions;
import io.patchbay.transport.outbox.HttpsProbeReport;
import io.patchbay.transport.outbox.TusSitePusher;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.outbox.WorkspaceHostKeys;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.transport.sftp.ProbeReport;
import io.patchbay.transport.sftp.SftpEndpoint;
import io.patchbay.transport.sftp.SftpPusher;
import io.patchbay.transport.sftp.SftpSettings;

import java.util.Objects;

/**
 * {@link SftpPusher#probe} and {@link SftpPusher#pinHostKey} for an SFTP site, {@link TusSitePusher#probe} for an
 * HTTPS one, as the workspace describes the site. Host keys are checked against, and pinned in, the workspace
 * database ({@link WorkspaceHostKeys}).
 */
public final class SiteConnectionTester implements ConnectionTester {
    private final Workspace ws;
    private final String actor;

    public SiteConnectionTester(Workspace ws, String actor) {
        this.ws = Objects.requireNonNull(ws, "ws");
        this.actor = Objects.requireNonNull(actor, "actor");
    }

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

    private SftpSettings settings(SiteSpec site) {
        return SftpSettings.of(site.identityFile(), new WorkspaceHostKeys(ws, site, actor));
    }
}

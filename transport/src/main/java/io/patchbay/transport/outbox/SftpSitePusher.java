package io.patchbay.transport.outbox;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.report.StatusReports;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.Cancellation;
import io.patchbay.transport.sftp.SftpEndpoint;
import io.patchbay.transport.sftp.SftpPusher;
import io.patchbay.transport.sftp.SftpSettings;
import io.patchbay.transport.sftp.SftpTimeouts;
import io.patchbay.transport.sftp.SiteStatus;

import java.nio.file.Path;
import java.util.Objects;

/** {@link Pusher} for SFTP sites, over one shared {@link SftpPusher}. */
public final class SftpSitePusher implements Pusher {
    private final SftpPusher sftp;
    private final SftpTimeouts timeouts;
    private final Workspace ws;

    /**
     * For a workspace's sites: host keys pinned in its database, the private key from this machine's credentials
     * folder (or the site's recorded path).
     */
    public SftpSitePusher(SftpPusher sftp, SftpTimeouts timeouts, Workspace ws) {
        this.sftp = Objects.requireNonNull(sftp, "sftp");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.ws = Objects.requireNonNull(ws, "ws");
    }

    /** Without a workspace: each site's recorded key file and known_hosts file, as they are on this machine. */
    public SftpSitePusher(SftpPusher sftp, SftpTimeouts timeouts) {
        this.sftp = Objects.requireNonNull(sftp, "sftp");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.ws = null;
    }

    /** The SFTP address and login of a stored site. */
    public static SftpEndpoint endpoint(Site site) {
        return SftpEndpoint.parse(site.spec().endpoint().toString());
    }

    /**
     * How to log in to the site from this machine. A private key missing here is a {@link
     * io.patchbay.model.workspace.MissingCredential}: a failure of this machine, retried.
     */
    public SftpSettings settings(Site site) {
        if (ws != null) {
            return SftpSettings.of(ws.credentials().identityFile(site),
                    new WorkspaceHostKeys(ws, site.spec(), System.getProperty("user.name", "unknown"))).withTimeouts(timeouts);
        }
        Path knownHosts = site.spec().knownHostsFile();
        if (knownHosts == null) {
            throw new PatchbayException("site " + site.name() + " has no known_hosts file");
        }
        return SftpSettings.of(site.spec().identityFile(), knownHosts).withTimeouts(timeouts);
    }

    @Override
    public void push(PushJob job, PushProgress progress, Cancellation cancel) {
        sftp.push(endpoint(job.site()), settings(job.site()), job.kit(), progress::sent, cancel);
    }

    @Override
    public SiteHarvest harvest(Site site) {
        if (ws != null && ws.siteAgentKeys().find(site.name()).isPresent()) {
            return signedHarvest(site);
        }
        SiteStatus status = sftp.readStatus(endpoint(site), settings(site));
        return new SiteHarvest(status.patches(), status.agent(), status.health(), status.problems());
    }

    /**
     * A site whose agent key is recorded: its signed status ({@link StatusReports#SIGNED_REPORT_FILE}), verified by
     * the code {@code status import} uses, so a site's reports are held to one standard online and offline. A
     * missing, foreign, changed or replayed report is refused with the reason, and none of it is recorded.
     */
    private SiteHarvest signedHarvest(Site site) {
        SftpEndpoint endpoint = endpoint(site);
        String remote = endpoint.status() + "/" + StatusReports.SIGNED_REPORT_FILE;
        return ReportBundleImport.harvested(ws, sftp.readFile(endpoint, settings(site), remote,
                ReportBundleImport.MAX_SIGNED_REPORT_BYTES), site.name(), remote);
    }
}

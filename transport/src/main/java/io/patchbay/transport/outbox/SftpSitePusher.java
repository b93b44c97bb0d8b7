package io.patchbay.transport.outbox;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.workspace.Site;
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

    public SftpSitePusher(SftpPusher sftp, SftpTimeouts timeouts) {
        this.sftp = Objects.requireNonNull(sftp, "sftp");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    }

    /** The SFTP address and login of a stored site. */
    public static SftpEndpoint endpoint(Site site) {
        return SftpEndpoint.parse(site.spec().endpoint().toString());
    }

    public SftpSettings settings(Site site) {
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
        SiteStatus status = sftp.readStatus(endpoint(site), settings(site));
        return new SiteHarvest(status.patches(), status.agent(), status.health(), status.problems());
    }
}

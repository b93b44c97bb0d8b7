package io.patchbay.app.backup;

import io.patchbay.agent.install.PostInstallBackup;
import io.patchbay.model.backup.BackupInfo;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.Cancellation;
import io.patchbay.transport.outbox.SftpSitePusher;
import io.patchbay.transport.sftp.SftpEndpoint;
import io.patchbay.transport.sftp.SftpPusher;
import io.patchbay.transport.sftp.SftpSettings;
import io.patchbay.transport.sftp.SftpTimeouts;

import java.nio.file.Path;
import java.util.Set;

/**
 * {@link StateFetcher} for SFTP sites: the agent home is the site's SFTP folder, so the backup folder is copied
 * where the agent keeps it (pinned host key, the workspace's login), without the site's copy of the kit.
 */
public final class SftpStateFetcher implements StateFetcher {
    private final SftpPusher sftp = new SftpPusher();
    private final SftpSitePusher sites;

    public SftpStateFetcher(Workspace ws) {
        this.sites = new SftpSitePusher(sftp, SftpTimeouts.DEFAULTS, ws);
    }

    @Override
    public BackupInfo fetch(Site site, Release release, Path kit, Path scratch, Path state, Cancellation cancel)
            throws Exception {
        SftpEndpoint endpoint = SftpSitePusher.endpoint(site);
        SftpSettings settings = sites.settings(site);
        BackupInfo backup = StateFetcher.latestIn(sftp.readStatus(endpoint, settings).patches(), site, release);
        cancel.check();
        sftp.download(endpoint, settings, endpoint.postInstallBackup(backup.installation()), scratch,
                Set.of(PostInstallBackup.KIT_DIR), cancel);
        cancel.check();
        PostInstallBackup.export(scratch, kit, state);
        return backup;
    }

    @Override
    public void close() {
        sftp.close();
    }
}

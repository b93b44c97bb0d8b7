package io.patchbay.app.backup;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.backup.BackupInfo;
import io.patchbay.model.backup.StateArchive;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.Cancellation;
import io.patchbay.transport.https.TusClient;
import io.patchbay.transport.https.TusOptions;
import io.patchbay.transport.outbox.TusSitePusher;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link StateFetcher} for HTTPS sites: the agent's endpoint (TLS verified against the site's CA, bearer token, as
 * every HTTPS call of the workspace) answers the version's post-install state as one archive, which says which
 * installation it is; it is unpacked here and must be the release asked for.
 */
public final class HttpsStateFetcher implements StateFetcher {
    /** The largest state accepted: as much as the agent will build (its BackupHandler's limit). */
    static final long MAX_ARCHIVE_BYTES = 256L << 20;

    private final TusSitePusher sites;

    public HttpsStateFetcher(Workspace ws) {
        this.sites = new TusSitePusher(TusOptions.defaults(), ws.credentials());
    }

    @Override
    public BackupInfo fetch(Site site, Release release, Path kit, Path scratch, Path state, Cancellation cancel)
            throws Exception {
        TusClient client = sites.client(site);
        Path archive = Files.createDirectories(scratch).resolve(StateArchive.FILE);
        client.backupArchive(release.version().toString(), archive, MAX_ARCHIVE_BYTES, cancel);
        BackupInfo backup = StateArchive.extract(archive, state);
        if (!release.product().equals(backup.product()) || !release.version().toString().equals(backup.version())) {
            throw new PatchbayException("site " + site.name() + " answered the state of " + backup.describe()
                    + ", not of " + release.title());
        }
        return backup;
    }

    @Override
    public void close() {
        // nothing held between calls: each call opens its own connection
    }
}

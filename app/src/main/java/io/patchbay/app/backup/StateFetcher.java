package io.patchbay.app.backup;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.backup.BackupInfo;
import io.patchbay.model.report.InstallationReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;
import io.patchbay.transport.Cancellation;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Brings a site's post-install state back to the workstation over whatever the site is reached by: the one seam
 * {@code site fetch-backup} and the client's "Verify installed state" share ({@link StateVerification}). Which
 * backup is the site's own answer (its latest successful installation of the release, as its status reports it).
 */
public interface StateFetcher extends AutoCloseable {
    /**
     * Writes the post-install state of the site's latest successful installation of {@code release} into
     * {@code state} ({@code install/<path>}, {@code data/<path>}), using {@code scratch} (a new folder name) for any
     * step before it.
     *
     * @param kit the release's kit on the workstation, for files the site kept as "as in the kit"
     * @return which backup it is
     */
    BackupInfo fetch(Site site, Release release, Path kit, Path scratch, Path state, Cancellation cancel)
            throws Exception;

    @Override
    void close();

    /** The latest successful installation of {@code release} among a site's patch reports. */
    static BackupInfo latestIn(List<PatchReport> reports, Site site, Release release) {
        String v = release.version().toString();
        return reports.stream()
                .filter(r -> release.product().equals(r.product()) && v.equals(r.version()))
                .flatMap(r -> r.installations().stream())
                .filter(i -> i.outcome() == PatchState.INSTALLED)
                .max(Comparator.comparingLong(InstallationReport::id))
                .map(i -> new BackupInfo(release.product(), v, i.id()))
                .orElseThrow(() -> new NotFoundException("site " + site.name() + " reports no successful installation of "
                        + release.product() + " " + v));
    }
}

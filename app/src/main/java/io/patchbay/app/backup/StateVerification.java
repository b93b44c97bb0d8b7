package io.patchbay.app.backup;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.backup.BackupInfo;
import io.patchbay.model.backup.StateDifferences;
import io.patchbay.model.backup.StateLanding;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.TransportKind;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.Cancellation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * The backup back, for {@code site fetch-backup} and the client's "Verify installed state" alike: fetches a site's
 * post-install state of a release into a new folder (whole or not at all) and checks every file against the
 * release kit's signed checksums with {@link io.patchbay.model.backup.InstalledStateCheck}.
 */
public final class StateVerification {
    /** What a check found: which backup, where its state now is, what differs, and when it was checked. */
    public record Verified(BackupInfo backup, Path dir, StateDifferences differences, Instant checkedAt) {
    }

    private final Workspace ws;
    private final Clock clock;

    /** @param clock when a check happened */
    public StateVerification(Workspace ws, Clock clock) {
        this.ws = ws;
        this.clock = clock;
    }

    /** The fetcher for how the site is reached; a site without a network is refused with how to get its state. */
    public StateFetcher fetcherFor(Site site) {
        if (site.spec().transport() == TransportKind.SFTP) {
            return new SftpStateFetcher(ws);
        }
        if (site.spec().transport() == TransportKind.HTTPS) {
            return new HttpsStateFetcher(ws);
        }
        throw new PatchbayException("site " + site.name() + " is reached by " + site.spec().transport().word()
                + ": nothing to fetch a backup over (for a site without a network: patchbay-agent report --with-backup "
                + "VERSION, then status import FILE --backup-out DIR)");
    }

    /** Fetches and checks the site's post-install state of {@code release} into {@code out} (must not exist). */
    public Verified run(Site site, Release release, Path out, Cancellation cancel) throws Exception {
        return run(site, release, out, cancel, (step, what) -> { });
    }

    /** Which of the {@link #STEPS} steps is starting, for a progress bar. */
    @FunctionalInterface
    public interface Steps {
        void starting(int step, String what);
    }

    /** The number of steps {@link Steps} counts: fetch, then check. */
    public static final int STEPS = 2;

    /** As {@link #run(Site, Release, Path, Cancellation)}, telling {@code steps} what it is doing. */
    public Verified run(Site site, Release release, Path out, Cancellation cancel, Steps steps) throws Exception {
        Path kit = ws.kitFile(release.id());
        try (StateFetcher fetcher = fetcherFor(site); StateLanding landing = StateLanding.at(out)) {
            steps.starting(0, "Fetching the post-install backup of " + release.title() + " from " + site.name());
            BackupInfo backup = fetcher.fetch(site, release, kit, landing.scratch("post"), landing.state(), cancel);
            cancel.check();
            steps.starting(1, "Checking every file against the signed checksums of " + release.title());
            StateDifferences d = landing.checkAndPublish(kit, ws.trustedSigners().keys());
            return new Verified(backup, landing.target(), d, clock.instant());
        }
    }

    /** The release the site last reported installed (the highest version, when it reports several). */
    public Optional<Release> installedRelease(Site site) {
        return ws.releases().list().stream()
                .filter(r -> ws.reports().patch(site.name(), r.id())
                        .map(p -> p.state() == PatchState.INSTALLED).orElse(false))
                .max(Comparator.comparing(Release::version));
    }
}

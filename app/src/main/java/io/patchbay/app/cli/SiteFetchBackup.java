package io.patchbay.app.cli;

import io.patchbay.agent.install.PostInstallBackup;
import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.backup.BackupInfo;
import io.patchbay.model.backup.StateDifferences;
import io.patchbay.model.backup.StateLanding;
import io.patchbay.model.report.InstallationReport;
import io.patchbay.model.report.PatchReport;
import io.patchbay.model.report.PatchState;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.TransportKind;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.Cancellation;
import io.patchbay.transport.outbox.SftpSitePusher;
import io.patchbay.transport.sftp.SftpEndpoint;
import io.patchbay.transport.sftp.SftpPusher;
import io.patchbay.transport.sftp.SftpSettings;
import io.patchbay.transport.sftp.SftpTimeouts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code patchbay site fetch-backup NAME VERSION --out DIR}: the backup back. Over SFTP (pinned host key) it copies
 * the agent's post-install backup of the version's latest successful installation (which one, the site's own
 * status report says) out of the agent home, which is the site's SFTP folder, writes the installed state out of
 * it, and checks every file against the release kit's signed checksums. The site's copy of the kit stays there:
 * the workstation has the release's kit.
 */
@Command(name = "fetch-backup", mixinStandardHelpOptions = true, description = {
        "Bring a site's post-install backup of VERSION back into DIR (a new folder, written whole or not at all) and "
                + "check every file against the release's signed checksums.",
        "Exit 0 when the state is as released, 1 when a file is changed, missing or extra."})
final class SiteFetchBackup implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    WorkspaceOption workspace;
    @Parameters(index = "0", paramLabel = "NAME")
    String name;
    @Parameters(index = "1", paramLabel = "VERSION")
    String version;
    @Option(names = "--product", paramLabel = "P", description = "The product, when several have VERSION.")
    String product;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write (must not exist).")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (Workspace ws = workspace.openExisting()) {
            Site site = ws.sites().get(name);
            if (site.spec().transport() != TransportKind.SFTP) {
                throw new PatchbayException("fetch-backup reads a site over SFTP; " + name + " uses "
                        + site.spec().transport().word() + " (for a site without one: patchbay-agent report "
                        + "--with-backup VERSION, then status import FILE --backup-out DIR)");
            }
            Release release = ReleaseCommand.find(ws, version, product);
            Path kit = ws.kitFile(release.id());
            try (SftpPusher pusher = new SftpPusher(); StateLanding landing = StateLanding.at(out)) {
                SftpEndpoint endpoint = SftpSitePusher.endpoint(site);
                SftpSettings settings = new SftpSitePusher(pusher, SftpTimeouts.DEFAULTS, ws).settings(site);
                BackupInfo backup = latestInstallation(pusher.readStatus(endpoint, settings).patches(), release);
                Path post = landing.scratch("post");
                pusher.download(endpoint, settings, endpoint.postInstallBackup(backup.installation()), post,
                        Set.of(PostInstallBackup.KIT_DIR), new Cancellation());
                PostInstallBackup.export(post, kit, landing.state());
                StateDifferences d = landing.checkAndPublish(kit, ws.trustedSigners().keys());
                return StateDifferencesText.print(spec.commandLine().getOut(), backup, name, d, landing.target());
            }
        }
    }

    /** The site's latest installation of the release that succeeded, as its status report lists it. */
    private BackupInfo latestInstallation(List<PatchReport> reports, Release release) {
        String v = release.version().toString();
        return reports.stream()
                .filter(r -> release.product().equals(r.product()) && v.equals(r.version()))
                .flatMap(r -> r.installations().stream())
                .filter(i -> i.outcome() == PatchState.INSTALLED)
                .max(Comparator.comparingLong(InstallationReport::id))
                .map(i -> new BackupInfo(release.product(), v, i.id()))
                .orElseThrow(() -> new NotFoundException("site " + name + " reports no successful installation of "
                        + release.product() + " " + v));
    }
}

package io.patchbay.app.cli;

import io.patchbay.app.backup.StateVerification;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.transport.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code patchbay site fetch-backup NAME VERSION --out DIR}: the backup back, over SFTP (pinned host key; the agent
 * home is the site's SFTP folder) or HTTPS (the agent's endpoint, CA-verified TLS and bearer token), whichever the
 * site is reached by ({@link StateVerification}, which the client's "Verify installed state" runs too). The state
 * of the version's latest successful installation is checked file by file against the release kit's signed
 * checksums.
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
            Release release = ReleaseCommand.find(ws, version, product);
            StateVerification.Verified v = new StateVerification(ws, Clock.systemUTC())
                    .run(site, release, out, new Cancellation());
            return StateDifferencesText.print(spec.commandLine().getOut(), v.backup(), name, v.differences(), v.dir());
        }
    }
}

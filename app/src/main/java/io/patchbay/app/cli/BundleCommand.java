package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.bundle.BundleHandover;
import io.patchbay.model.bundle.BundleManifest;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.workspace.Site;
import io.patchbay.model.workspace.Workspace;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code patchbay bundle ...}: kits and pull notices for sites without a network, carried by hand. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = "Carry kits and pull notices to sites without a network, in one signed file.",
        subcommands = BundleCommand.Create.class)
final class BundleCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Exactly one way to name the sites. */
    static final class Sites {
        @Option(names = "--site", paramLabel = "NAME", description = "One site.")
        String site;
        @Option(names = "--sites", paramLabel = "NAME,NAME", split = ",", description = "Several sites.")
        List<String> sites;
        @Option(names = "--ring", paramLabel = "RING", description = "Every site of a ring.")
        String ring;

        List<String> names(Workspace ws) {
            if (site != null) {
                return List.of(site);
            }
            if (sites != null) {
                return sites.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            }
            List<String> inRing = ws.sites().list().stream().filter(s -> s.ring().equals(ring)).map(Site::name).toList();
            if (inRing.isEmpty()) {
                throw new PatchbayException("no site in ring '" + ring + "'");
            }
            return inRing;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = {
            "Write every kit and pull notice the outbox holds for the sites into one bundle signed with the kit key, "
                    + "pull notices first, then oldest first. Those deliveries are then handed over by bundle: no "
                    + "worker sends them, and the matrix says so until the site's report comes back.",
            "On the site: patchbay-agent import --home DIR FILE."})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @ArgGroup(multiplicity = "1")
        Sites sites;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The bundle file to write.")
        Path out;
        @Option(names = "--key", required = true, paramLabel = "FILE",
                description = "The kit signing key (PKCS#8 PEM); the sites trust its public half.")
        Path key;

        @Override
        public Integer call() throws Exception {
            var signingKey = SigningKeys.readPrivate(key);
            try (Workspace ws = workspace.openExisting()) {
                BundleHandover.Written w = BundleHandover.create(ws, sites.names(ws), out, signingKey, Actor.person());
                PrintWriter o = spec.commandLine().getOut();
                o.println("wrote " + w.file() + " for " + String.join(", ", w.manifest().sites()) + ": "
                        + w.manifest().entries().size() + " file" + (w.manifest().entries().size() == 1 ? "" : "s"));
                for (BundleManifest.Entry e : w.manifest().entries()) {
                    o.println("  " + e.what() + " (" + e.file() + ") -> " + String.join(", ", e.sites()));
                }
                o.println(w.carried().size() + " deliver" + (w.carried().size() == 1 ? "y is" : "ies are")
                        + " now handed over by bundle; on the site: patchbay-agent import --home DIR " + w.file().getFileName());
            }
            return ExitCode.DONE.code();
        }
    }
}

package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.UntrustedSignerException;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.release.Version;
import io.patchbay.model.workspace.Delivery;
import io.patchbay.model.workspace.DeliveryKind;
import io.patchbay.model.workspace.DeliveryState;
import io.patchbay.model.io.FileTrees;
import io.patchbay.model.workspace.DeltaImport;
import io.patchbay.model.workspace.ReleaseDelta;
import io.patchbay.model.workspace.KitImport;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code patchbay release ...}: the releases a workspace knows and their kits. */
@Command(name = "release", mixinStandardHelpOptions = true, description = "Add, list and pull releases.",
        subcommands = {ReleaseCommand.Add.class, ReleaseCommand.ListReleases.class, ReleaseCommand.Pull.class,
                ReleaseCommand.Support.class})
final class ReleaseCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Verify a kit, copy it into the workspace and record its release.",
                    "The signer must be trusted (pinned in the workspace database, WORKSPACE/trust/*.pub, or --trust); a workspace that trusts nobody "
                            + "yet pins the first kit's signer. Adding the same kit again changes nothing; "
                            + "another kit with the same version is refused."})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(index = "0", paramLabel = "FILE.kit", description = "The kit to add.")
        Path kit;
        @Option(names = "--trust", paramLabel = "PUBKEY",
                description = "Also trust this signer key (X.509 PEM); pinned in the workspace once the kit verifies.")
        List<Path> trust = new ArrayList<>();
        @Option(names = "--delta", paramLabel = "DELTA.kit", description = "Also add this delta kit of the release "
                + "(`patchbay kit delta`), verified like a kit: trusted signature, its result exactly this kit's files, "
                + "its base a release of the workspace. Repeatable; its name ends in .delta.kit.")
        List<Path> deltas = new ArrayList<>();
        @Option(names = "--delta-from", paramLabel = "VERSION", description = "Also build and add the delta from this "
                + "earlier release of the workspace (from the two stored kits), signed with --key. Repeatable.")
        List<String> deltaFrom = new ArrayList<>();
        @Option(names = "--key", paramLabel = "FILE",
                description = "The signing key (PKCS#8 PEM) for --delta-from's deltas.")
        Path key;
        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        /** What release add did, as --json writes it; {@code newlyTrustedSigner} is null unless it pinned one. */
        record Added(boolean added, ListReleases.Row release, String newlyTrustedSigner, List<DeltaRow> deltas) {
        }

        /** One delta of the release as --json writes it; {@code percentOfFull} is its size against the full kit's. */
        record DeltaRow(String kitFile, String base, long kitBytes, String sha256, double percentOfFull, boolean added) {
            static DeltaRow of(ReleaseDelta d, Release release, boolean added) {
                return new DeltaRow(d.kitFile(), d.baseVersion().toString(), d.kitSize(), d.kitSha256(),
                        Math.round(1000.0 * d.kitSize() / Math.max(1, release.kitSize())) / 10.0, added);
            }
        }

        @Override
        public Integer call() throws Exception {
            if (!deltaFrom.isEmpty() && key == null) {
                throw new ParameterException(spec.commandLine(), "--delta-from needs --key FILE (the key that signs "
                        + "the delta)");
            }
            List<PublicKey> keys = new ArrayList<>(SigningKeys.readPublic(trust));
            java.security.PrivateKey signing = key == null ? null : SigningKeys.readPrivate(key);
            List<Version> bases = deltaFrom.stream().map(Version::parse).toList();
            Path built = bases.isEmpty() ? null : Files.createTempDirectory("patchbay-deltas-");
            try (Workspace ws = workspace.open()) {
                // All or nothing: every delta is built and held to this kit before anything is written, so a refused
                // delta leaves no release behind.
                List<Path> deltaKits = new ArrayList<>(deltas);
                if (!deltaKits.isEmpty() || built != null) {
                    String manifestText = KitImport.manifestText(kit);
                    for (Version base : bases) {
                        deltaKits.add(DeltaImport.buildFile(ws, kit, manifestText, base, signing, keys, built));
                    }
                    for (Path d : deltaKits) {
                        DeltaImport.check(ws, kit, manifestText, d, keys);
                    }
                }
                KitImport.Result r;
                try {
                    r = KitImport.add(ws, kit, keys, Actor.person());
                } catch (UntrustedSignerException e) {
                    throw e.withHint("add it again with --trust KEY.pub (the signer's public key)");
                }
                Release rel = r.release();
                List<DeltaImport.Result> added = new ArrayList<>();
                for (Path d : deltaKits) {
                    added.add(DeltaImport.add(ws, rel, d, keys, Actor.person()));
                }
                if (json) {
                    Listing.json(spec.commandLine().getOut(), new Added(!r.alreadyPresent(), ListReleases.Row.of(rel),
                            r.newlyTrustedSigner(), ws.releaseDeltas().of(rel.id()).stream()
                            .map(d -> DeltaRow.of(d, rel, added.stream()
                                    .anyMatch(a -> a.delta().id() == d.id() && !a.alreadyPresent())))
                            .toList()));
                    return ExitCode.DONE.code();
                }
                if (r.newlyTrustedSigner() != null) {
                    spec.commandLine().getErr().println("now trusting signer " + r.newlyTrustedSigner()
                            + " (pinned in the workspace database)");
                }
                PrintWriter out = spec.commandLine().getOut();
                out.println((r.alreadyPresent() ? "already added (identical kit): " : "added ")
                        + rel.title() + " (" + rel.channel().word() + "), " + KitCommand.size(rel.kitSize())
                        + ", signed by " + rel.signerFingerprint());
                for (DeltaImport.Result a : added) {
                    DeltaRow row = DeltaRow.of(a.delta(), rel, !a.alreadyPresent());
                    out.println((a.alreadyPresent() ? "  already added (identical delta): " : "  added delta ")
                            + row.kitFile() + " from " + row.base() + ", " + KitCommand.size(row.kitBytes()) + " ("
                            + row.percentOfFull() + "% of the full kit)");
                }
            } finally {
                if (built != null) {
                    FileTrees.delete(built);
                }
            }
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the workspace's releases.")
    static final class ListReleases extends ListCommand<ListReleases.Row> {
        /** One release as listed; {@code --json} writes these fields. */
        record Row(String product, String version, String channel, boolean automatic, boolean major, Instant released,
                   boolean pulled, String pulledReason, String kitFile, long kitBytes, String sha256, String signer) {
            static Row of(Release r) {
                return new Row(r.product(), r.version().toString(), r.channel().word(), r.automatic(), r.major(),
                        r.releasedAt(), r.pulled(), r.pulledReason(), r.kitFile(), r.kitSize(), r.kitSha256(),
                        r.signerFingerprint());
            }
        }

        static final Listing<Row> LISTING = Listing.of(
                Listing.column("PRODUCT", Row::product),
                Listing.column("VERSION", Row::version),
                Listing.column("CHANNEL", Row::channel),
                Listing.column("FLAGS", r -> (r.automatic() ? "automatic" : "manual") + (r.major() ? ",major" : "")),
                Listing.column("RELEASED", Row::released),
                Listing.column("PULLED", r -> r.pulled() ? "pulled: " + r.pulledReason() : "-"),
                Listing.column("KIT", r -> KitCommand.size(r.kitBytes())),
                Listing.column("SIGNER", Row::signer));

        @Override
        Listing<Row> listing() {
            return LISTING;
        }

        @Override
        List<Row> rows(Workspace ws) {
            return ws.releases().list().stream().map(Row::of).toList();
        }

        @Override
        String emptyHint() {
            return "no releases yet: add one with `patchbay release add FILE.kit`";
        }
    }

    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = {"Pull a release: no new delivery of its kit starts (those not yet arrived are cancelled), "
                    + "and every site that has it gets a small pull notice, signed with --key, through the outbox "
                    + "(`patchbay deliver` sends it). A site's agent then marks the patch pulled and never installs it; "
                    + "a site that already installed it is told, not changed.",
                    "Without --key the release is pulled at once and its notices wait: run the command again with "
                            + "--key to sign them."})
    static final class Pull implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(index = "0", paramLabel = "VERSION", description = "The version to pull.")
        String version;
        @Option(names = "--product", paramLabel = "P", description = "The product (needed when several have VERSION).")
        String product;
        @Option(names = "--reason", paramLabel = "TEXT",
                description = "Why it is pulled (sites see it). Needed unless the release is already pulled.")
        String reason;
        @Option(names = "--key", paramLabel = "FILE",
                description = "The key that signed the release's kit (PKCS#8 PEM): signs the pull notice.")
        Path key;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            java.security.PrivateKey signingKey = key == null ? null : SigningKeys.readPrivate(key);
            try (Workspace ws = workspace.openExisting()) {
                Release r = find(ws, version, product);
                boolean already = r.pulled();
                Release pulled = ws.releases().pull(r.id(), reason, Actor.person(), signingKey);
                out.println((already ? "already pulled " : "pulled ") + pulled.title() + ": " + pulled.pulledReason());
                long cancelled = ws.deliveries().list().stream()
                        .filter(d -> d.releaseId() == r.id() && d.kind() == DeliveryKind.KIT
                                && d.state() == DeliveryState.CANCELLED)
                        .count();
                if (cancelled > 0) {
                    out.println(cancelled + " kit " + (cancelled == 1 ? "delivery" : "deliveries") + " not yet arrived: cancelled");
                }
                List<Delivery> notices = ws.deliveries().notices(r.id());
                if (notices.isEmpty()) {
                    out.println("no site has it: no pull notice to send");
                } else {
                    String sites = notices.stream().map(Delivery::siteName).collect(Collectors.joining(", "));
                    out.println(pulled.pullNoticeSigned()
                            ? "pull notice signed; queued for " + sites + " (`patchbay deliver` sends it)"
                            : "pull notices for " + sites + " wait for a signature: run `patchbay release pull "
                                    + pulled.version() + " --key FILE` with the key that signed the kit");
                }
            }
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "support", mixinStandardHelpOptions = true,
            description = {"Show or set where alerts about a release are mailed (a missed install chance, a rollout that "
                    + "paused itself): its product's support team instead of the workspace's address in "
                    + "support-mail.json. The product's later releases keep the address."})
    static final class Support implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(index = "0", paramLabel = "VERSION", description = "The release.")
        String version;
        @Option(names = "--product", paramLabel = "P", description = "The product (needed when several have VERSION).")
        String product;
        @Option(names = "--mail", paramLabel = "ADDRESSES", description = "Support's addresses, separated by commas.")
        String mail;
        @Option(names = "--workspace-address", description = "Mail this release's alerts to the workspace's address again.")
        boolean workspaceAddress;

        @Override
        public Integer call() {
            if (mail != null && workspaceAddress) {
                throw new ParameterException(spec.commandLine(), "give either --mail or --workspace-address, not both");
            }
            try (Workspace ws = workspace.openExisting()) {
                Release r = find(ws, version, product);
                if (mail != null || workspaceAddress) {
                    ws.releases().setSupportMail(r.id(), workspaceAddress ? null : mail, Actor.person());
                }
                spec.commandLine().getOut().println("alerts about " + r.title() + " are mailed to " + ws.releases()
                        .supportMail(r.id()).orElse("the workspace's support address (support-mail.json)"));
            }
            return ExitCode.DONE.code();
        }
    }

    /** The release with this version (of this product, when given), or a one-line refusal. */
    static Release find(Workspace ws, String versionText, String product) {
        Version version = Version.parse(versionText);
        List<Release> matches = ws.releases().list().stream()
                .filter(r -> r.version().equals(version) && (product == null || r.product().equals(product)))
                .toList();
        if (matches.isEmpty()) {
            throw new NotFoundException("no release " + (product == null ? "" : product + " ") + versionText
                    + " in the workspace (see `patchbay release list`)");
        }
        if (matches.size() > 1) {
            throw new PatchbayException("several products have version " + versionText + ": say which with --product");
        }
        return matches.get(0);
    }
}

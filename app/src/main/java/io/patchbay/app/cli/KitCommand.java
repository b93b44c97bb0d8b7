package io.patchbay.app.cli;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.agent.cli.ExitCode;
import io.patchbay.model.io.AtomicFiles;
import io.patchbay.model.io.IoFailure;
import io.patchbay.model.json.Json;
import io.patchbay.model.kit.KitBuildResult;
import io.patchbay.model.kit.KitBuilder;
import io.patchbay.model.kit.DeltaBuilder;
import io.patchbay.model.kit.DeltaSummary;
import io.patchbay.model.kit.KitCosigner;
import io.patchbay.model.kit.KitInfo;
import io.patchbay.model.kit.KitSignature;
import io.patchbay.model.kit.KitIniTemplate;
import io.patchbay.model.kit.KitInputs;
import io.patchbay.model.kit.KitReader;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.kit.ManifestCodec;
import io.patchbay.model.kit.ProductNames;
import io.patchbay.model.kit.UntrustedSignerException;
import io.patchbay.model.trust.KeyTrust;
import io.patchbay.model.trust.RotationChain;
import io.patchbay.model.trust.RotationStatement;
import io.patchbay.model.trust.RotationStatements;
import io.patchbay.model.workspace.Workspace;
import io.patchbay.model.kit.VerifiedKit;
import io.patchbay.model.release.Version;
import io.patchbay.model.kit.sign.SigningKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code patchbay kit ...}: build, verify and show signed kits, and make delta kits. */
@Command(name = "kit", mixinStandardHelpOptions = true, description = "Build, verify and show signed kits.",
        subcommands = {KitCommand.Init.class, KitCommand.Build.class, KitCommand.Verify.class, KitCommand.Show.class,
                KitCommand.Sign.class, KitCommand.Delta.class})
final class KitCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    // No standard help options here: their --version would take the release's --version.
    @Command(name = "init",
            description = {"Write a commented kit.ini template: every key with its meaning.",
                    "With --product and --version it builds as it is (requires = the version, stable, automatic, "
                            + "released now); edit it to taste. An existing file is never overwritten."})
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;
        @Option(names = "--product", paramLabel = "P", description = "The product's name, e.g. Spruce.")
        String product;
        @Option(names = "--version", paramLabel = "V", description = "This release's version, e.g. 12.10.11.")
        String version;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The kit.ini to write.")
        Path out;

        @Override
        public Integer call() throws Exception {
            String text = KitIniTemplate.text(product == null ? null : ProductNames.check(product),
                    version == null ? null : Version.parse(version), Instant.now());
            if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
                throw new PatchbayException("refusing to overwrite the existing " + out);
            }
            try {
                AtomicFiles.write(out, text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw IoFailure.of("writing " + out, e);
            }
            spec.commandLine().getOut().println("wrote " + out + (product == null || version == null
                    ? ": fill in product and version, then `patchbay kit build --manifest " + out + " ...`"
                    : ": check it, then `patchbay kit build --manifest " + out + " ...`"));
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true, description = "Build a signed kit.")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--source", required = true, paramLabel = "DIR", description = "The payload folder.")
        Path source;
        @Option(names = "--manifest", required = true, paramLabel = "FILE",
                description = "The kit.ini to include (`patchbay kit init` writes a commented one).")
        Path manifest;
        @Option(names = "--notes", paramLabel = "FILE.md", description = "Release notes in Markdown.")
        Path notes;
        @Option(names = "--data", paramLabel = "DIR", description = "A data folder (the global export).")
        Path data;
        @Option(names = "--hooks", paramLabel = "DIR",
                description = "A folder with pre-install, install, verify and/or post-install.")
        Path hooks;
        @Option(names = "--key", required = true, paramLabel = "FILE", description = "The signing key (PKCS#8 PEM).")
        Path key;
        @Option(names = "--out", required = true, paramLabel = "FILE.kit", description = "The kit to write.")
        Path out;

        @Override
        public Integer call() throws Exception {
            Manifest m = ManifestCodec.read(readManifest(manifest));
            // The rotations that lead to this key travel with the kit, so sites that trust an earlier key follow.
            KitInputs inputs = new KitInputs(source, m, notes, data, hooks, SigningKeys.readPrivate(key), out,
                    RotationChain.beside(key));
            PrintWriter err = spec.commandLine().getErr();
            ProgressBar bar = System.console() != null ? new ProgressBar(err) : null;
            long start = System.nanoTime();
            KitBuildResult r = new KitBuilder().build(inputs,
                    bar == null ? (d, t, c) -> { } : bar::update, () -> false);
            if (bar != null) {
                bar.finish();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            spec.commandLine().getOut().printf(Locale.ROOT, "built %s: %s, %d entries, %s, signed by %s, in %.1f s%n",
                    r.kit(), m.title(), r.entries(), size(r.kitSize()), r.signerFingerprint(), seconds);
            return ExitCode.DONE.code();
        }

        private static byte[] readManifest(Path file) throws Exception {
            try (InputStream in = Files.newInputStream(file)) {
                return in.readNBytes(ManifestCodec.MAX_BYTES + 1);
            } catch (NoSuchFileException e) {
                throw new NotFoundException("no such manifest: " + file);
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify a kit against trusted public keys: exit 0 when valid, else 1 and the reason.",
                    "Without --trust, against the signers the workspace trusts (the keys `release add` pinned).",
                    "A kit signed by a rotated key verifies when its rotation statements lead from a trusted key to it."})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "FILE.kit", description = "The kit to verify.")
        Path kit;
        @Option(names = "--trust", paramLabel = "PUBKEY",
                description = "A trusted public key (X.509 PEM); repeat for several (default: the workspace's signers).")
        List<Path> trust = new ArrayList<>();
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--json", description = "Print the verified kit as JSON (a refusal stays one line on stderr).")
        boolean json;

        /** What a valid kit is, as --json writes it. */
        record Valid(boolean valid, String product, String version, String channel, int entries, String signer) {
        }

        @Override
        public Integer call() throws Exception {
            List<PublicKey> keys = new ArrayList<>(SigningKeys.readPublic(trust));
            if (keys.isEmpty()) {
                keys.addAll(workspaceSigners());
            }
            // As a site does: the kit's rotation statements lead from the keys given to the key that signed it.
            keys = KeyTrust.of(keys).following(KitReader.rotationStatements(kit), kit.getFileName().toString()).keys();
            VerifiedKit v;
            try {
                v = KitReader.verify(kit, keys);
            } catch (UntrustedSignerException e) {
                throw e.withHint("name its public key with --trust KEY.pub");
            }
            int entries = v.checksums().lines().size() + 2;
            if (json) {
                Listing.json(spec.commandLine().getOut(), new Valid(true, v.manifest().product(),
                        v.manifest().version().toString(), v.manifest().channel().word(), entries, v.signerFingerprint()));
            } else if (v.manifest().isDelta()) {
                DeltaSummary d = DeltaSummary.of(v.checksums());
                spec.commandLine().getOut().println("valid: delta kit " + v.manifest().title() + " from "
                        + v.manifest().delta().version() + " (" + v.manifest().channel() + "), " + d.patched()
                        + " patched, " + d.whole() + " whole, " + entries + " entries, signed by "
                        + String.join(" and ", v.signers()));
            } else {
                spec.commandLine().getOut().println("valid: " + v.manifest().title() + " (" + v.manifest().channel()
                        + "), " + entries + " entries, signed by " + String.join(" and ", v.signers()));
            }
            return ExitCode.DONE.code();
        }

        private List<PublicKey> workspaceSigners() {
            if (!workspace.location().exists()) {
                throw new PatchbayException("no key to verify against: name the signer's public key with "
                        + "--trust KEY.pub (there is no workspace at " + workspace.location() + " whose signers to use)");
            }
            try (Workspace ws = workspace.openToRead()) {
                return ws.trustedSigners().keys();
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a kit's manifest, size, SHA-256 and signer (without verifying it).")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "FILE.kit", description = "The kit to show.")
        Path kit;
        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            KitInfo info = KitInfo.inspect(kit);
            Manifest m = info.manifest();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("file", info.file().toString());
            view.put("product", m.product());
            view.put("version", m.version().toString());
            view.put("requires", m.requires().toString());
            view.put("channel", m.channel().word());
            view.put("automatic", m.automatic());
            view.put("major", m.major());
            view.put("released", m.released().toString());
            view.put("backupData", m.backupData());
            view.put("remove", m.remove());
            view.put("entries", info.entries());
            view.put("contentBytes", info.totalSize());
            view.put("kitBytes", info.fileSize());
            view.put("sha256", info.sha256());
            view.put("signer", info.signerFingerprint());
            view.put("signers", info.signers());
            view.put("builtBy", m.builtBy());
            if (info.delta() != null) {
                view.put("deltaBase", m.delta().version().toString());
                view.put("patched", info.delta().patched());
                view.put("patchBytes", info.delta().patchBytes());
                view.put("whole", info.delta().whole());
                view.put("wholeBytes", info.delta().wholeBytes());
                view.put("removed", m.remove().size());
            }
            List<RotationStatement> rotations = rotations(kit);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                view.put("rotations", rotations.stream().map(Show::rotationView).toList());
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(view));
            } else {
                view.forEach((k, v) -> out.printf("%-13s %s%n", k + ":", v));
                if (rotations.isEmpty()) {
                    out.printf("%-13s %s%n", "rotations:", "none");
                }
                for (RotationStatement r : rotations) {
                    out.printf("%-13s %d: %s -> %s%s, made %s%n", "rotation:", r.sequence(), r.oldFingerprint(),
                            r.newFingerprint(), r.revokesOld() ? ", revoking the old key" : "",
                            DateTimeFormatter.ISO_ZONED_DATE_TIME.format(r.madeAt()));
                }
                out.println("(not verified: use `patchbay kit verify --trust KEY` to check it)");
            }
            return ExitCode.DONE.code();
        }

        /** The rotation statements the kit carries (trust/), as they read: shown, not judged, like the rest. */
        private static List<RotationStatement> rotations(Path kit) throws IOException {
            List<RotationStatement> read = new ArrayList<>();
            for (byte[] statement : KitReader.rotationStatements(kit)) {
                read.add(RotationStatements.read(statement, kit.getFileName().toString()));
            }
            return read;
        }

        private static Map<String, Object> rotationView(RotationStatement r) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("sequence", r.sequence());
            v.put("old", r.oldFingerprint());
            v.put("new", r.newFingerprint());
            v.put("revokesOld", r.revokesOld());
            v.put("madeAt", DateTimeFormatter.ISO_ZONED_DATE_TIME.format(r.madeAt()));
            return v;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = {"Add a signature to a built kit: two-person signing, e.g. QA signs after the release manager. "
                    + "Only kit.sig changes; the kit must be intact, and is replaced atomically.",
                    "A site whose policy sets \"signatures\": 2 installs a kit only with two distinct trusted signers."})
    static final class Sign implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "FILE.kit", description = "The kit to sign.")
        Path kit;
        @Option(names = "--key", required = true, paramLabel = "KEY", description = "The private key to sign with (PKCS#8 PEM).")
        Path key;

        @Override
        public Integer call() throws Exception {
            KitSignature now = KitCosigner.addSignature(kit, SigningKeys.readPrivate(key));
            spec.commandLine().getOut().println("signed " + kit + ": " + now.signatures().size() + " signatures, by "
                    + String.join(" and ", now.signerFingerprints()));
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "delta", mixinStandardHelpOptions = true,
            description = {"Build a signed delta kit: the new release as patches against the base release's installed files.",
                    "A site whose installed release is the base applies it and installs the result as the full kit; "
                            + "any other site needs the full kit."})
    static final class Delta implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--from", required = true, paramLabel = "OLD.kit", description = "The base release's full kit.")
        Path from;
        @Option(names = "--to", required = true, paramLabel = "NEW.kit", description = "The new release's full kit.")
        Path to;
        @Option(names = "--key", required = true, paramLabel = "KEY", description = "The signing key (PKCS#8 PEM).")
        Path key;
        @Option(names = "--trust", paramLabel = "PUBKEY",
                description = "A key OLD.kit and NEW.kit may be signed by; repeatable (default: the signing key's).")
        List<Path> trust = new ArrayList<>();
        @Option(names = "--out", required = true, paramLabel = "DELTA.kit", description = "The delta kit to write.")
        Path out;

        @Override
        public Integer call() throws Exception {
            java.security.PrivateKey signing = SigningKeys.readPrivate(key);
            List<PublicKey> keys = new ArrayList<>(SigningKeys.readPublic(trust));
            if (keys.isEmpty()) {
                keys.add(SigningKeys.publicKeyOf(signing));
            }
            long start = System.nanoTime();
            DeltaBuilder.Result r = new DeltaBuilder().build(new DeltaBuilder.Inputs(from, to, keys, signing, out));
            double seconds = (System.nanoTime() - start) / 1e9;
            long full = Files.size(to);
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "built %s: %s from %s, %d patched, %d whole, %d unchanged, %s (%.1f%% of the full kit), signed by %s, "
                            + "in %.1f s%n", r.kit().kit(), r.manifest().title(), r.manifest().delta().version(), r.patched(),
                    r.whole(), r.unchanged(), size(r.kit().kitSize()), 100.0 * r.kit().kitSize() / full,
                    r.kit().signerFingerprint(), seconds);
            return ExitCode.DONE.code();
        }
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    /** A one-line bar on standard error, redrawn at most five times a second. */
    static final class ProgressBar {
        private final PrintWriter err;
        private long lastDraw;

        ProgressBar(PrintWriter err) {
            this.err = err;
        }

        synchronized void update(long done, long total, String current) {
            long now = System.nanoTime();
            if (now - lastDraw < 200_000_000L && done < total) {
                return;
            }
            lastDraw = now;
            int width = 30;
            int filled = total == 0 ? width : (int) (width * done / total);
            String name = current.length() > 40 ? "..." + current.substring(current.length() - 37) : current;
            err.printf(Locale.ROOT, "\r[%s%s] %3d%% %s  %-40s", "#".repeat(filled), " ".repeat(width - filled),
                    total == 0 ? 100 : (int) (100 * done / total), size(done), name);
            err.flush();
        }

        synchronized void finish() {
            err.print("\r" + " ".repeat(100) + "\r");
            err.flush();
        }
    }
}

package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.trust.RotationChain;
import io.patchbay.model.trust.RotationStatement;
import io.patchbay.model.trust.RotationStatements;
import io.patchbay.model.workspace.KeyRotations;
import io.patchbay.model.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code patchbay keys ...}: the Ed25519 keys that sign kits. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the keys that sign kits.",
        subcommands = {KeysCommand.Init.class, KeysCommand.Rotate.class, KeysCommand.Announce.class})
final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create DIR/signing.key (PKCS#8 PEM, mode 600) and DIR/signing.pub; never overwrites.")
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Folder for the key pair.")
        Path dir;

        @Override
        public Integer call() throws Exception {
            KeyPair pair = SigningKeys.init(dir);
            spec.commandLine().getOut().println("created " + dir.resolve(SigningKeys.PRIVATE_FILE) + " and "
                    + dir.resolve(SigningKeys.PUBLIC_FILE) + ", fingerprint " + SigningKeys.fingerprint(pair.getPublic()));
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Make a new key pair in DIR and a rotation statement signed by the old key and the new one: "
                    + "sites and workspaces that trust the old key trust the new one once the statement reaches them.",
                    "The statement is kept in DIR/rotations/ with the old key's earlier ones: every kit built with "
                            + "DIR/signing.key carries them.",
                    "The workspace (if there is one and it trusts the old key) trusts the new key from now on and "
                            + "queues the statement as a notice to every site (`patchbay deliver` sends it)."})
    static final class Rotate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;

        @Option(names = "--key", required = true, paramLabel = "OLD.key", description = "The key being replaced (PKCS#8 PEM).")
        Path key;

        @Option(names = "--dir", required = true, paramLabel = "NEWDIR", description = "Folder for the new key pair.")
        Path dir;

        @Option(names = "--revoke", description = "Sites refuse kits signed only by the old key and made after this "
                + "statement (for a key that is lost or leaked; without it the old key keeps signing).")
        boolean revoke;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrivateKey oldKey = SigningKeys.readPrivate(key);
            PublicKey oldPublic = SigningKeys.publicKeyOf(oldKey);
            List<byte[]> chain = new ArrayList<>(RotationChain.beside(key));
            // Everything is made in memory first: a refusal (an existing key in DIR) leaves no statement behind.
            KeyPair pair = SigningKeys.generate();
            RotationStatement statement = new RotationStatement(SigningKeys.fingerprint(oldPublic), pair.getPublic(),
                    RotationChain.nextSequence(key), ZonedDateTime.now(), revoke);
            chain.add(RotationStatements.sign(statement, oldKey, pair.getPrivate()));
            SigningKeys.init(dir, pair);
            Path newKey = dir.resolve(SigningKeys.PRIVATE_FILE);
            try {
                RotationChain.write(newKey, chain);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(newKey);
                Files.deleteIfExists(dir.resolve(SigningKeys.PUBLIC_FILE));
                throw e;
            }
            out.println("created " + newKey + " and " + dir.resolve(SigningKeys.PUBLIC_FILE) + ", fingerprint "
                    + statement.newFingerprint());
            out.println(statement.title() + ": " + dir.resolve(RotationChain.FOLDER)
                    .resolve(RotationStatements.fileName(statement.sequence())) + ", signed by both keys; kits built with "
                    + newKey + " carry it");
            if (workspace.location().exists()) {
                try (Workspace ws = workspace.openExisting()) {
                    if (!ws.trustedSigners().trusts(oldPublic)) {
                        out.println("the workspace does not trust " + SigningKeys.fingerprint(oldPublic)
                                + ": it was not changed");
                    } else {
                        // The workspace learns the new key as a site does, and tells its sites.
                        KeyRotations.Outcome o = ws.keyRotations().record(chain.get(chain.size() - 1),
                                RotationStatements.fileName(statement.sequence()), Actor.person());
                        out.println("the workspace trusts " + statement.newFingerprint() + " from now on");
                        out.println(Announce.queued(o));
                    }
                }
            }
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "announce", mixinStandardHelpOptions = true,
            description = {"Record a rotation statement (made by `patchbay keys rotate`) in the workspace and queue it "
                    + "as a notice to every site, and to every site added later; `patchbay deliver` sends it.",
                    "The workspace must trust the statement's old key; it trusts the new key from then on. Announcing "
                            + "a statement again queues it only for sites that have none."})
    static final class Announce implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;

        @Parameters(paramLabel = "FILE.rotation", description = "The rotation statement.")
        Path file;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                throw new NotFoundException("no such rotation statement: " + file);
            }
            if (Files.size(file) > RotationStatements.MAX_BYTES) {
                throw new PatchbayException(file + " is larger than " + RotationStatements.MAX_BYTES
                        + " bytes: not a rotation statement");
            }
            byte[] bytes = Files.readAllBytes(file);
            try (Workspace ws = workspace.openExisting()) {
                KeyRotations.Outcome o = ws.keyRotations().record(bytes, file.getFileName().toString(), Actor.person());
                PrintWriter out = spec.commandLine().getOut();
                out.println(o.statement().title() + (o.known() ? ": recorded before" : ": recorded; the workspace trusts "
                        + o.statement().newFingerprint() + " from now on"));
                out.println(queued(o));
            }
            return ExitCode.DONE.code();
        }

        /** {@code a notice is queued for 3 sites: `patchbay deliver` sends it}. */
        static String queued(KeyRotations.Outcome o) {
            if (o.queued() == 0) {
                return "no notice queued: every site has one already (or there is no site yet; a site added later gets one)";
            }
            return "a notice is queued for " + o.queued() + (o.queued() == 1 ? " site" : " sites")
                    + ": `patchbay deliver` sends it";
        }
    }
}

package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import io.patchbay.model.kit.sign.SigningKeys;
import io.patchbay.model.trust.RotationChain;
import io.patchbay.model.trust.RotationStatement;
import io.patchbay.model.trust.RotationStatements;
import io.patchbay.model.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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
        subcommands = {KeysCommand.Init.class, KeysCommand.Rotate.class})
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
                            + "DIR/signing.key carries them; to tell sites at once, copy the .rotation file into their inbox.",
                    "The workspace (if there is one and it trusts the old key) trusts the new key from now on."})
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
                    out.println(learn(ws, oldPublic, pair.getPublic()));
                }
            }
            return ExitCode.DONE.code();
        }

        /** The workspace learns the new key when it trusts the old one, as a site does. */
        private static String learn(Workspace ws, PublicKey oldPublic, PublicKey newPublic) {
            if (!ws.trustedSigners().trusts(oldPublic)) {
                return "the workspace does not trust " + SigningKeys.fingerprint(oldPublic) + ": it was not changed";
            }
            ws.trustedSigners().pin(newPublic, Actor.person());
            return "the workspace trusts " + SigningKeys.fingerprint(newPublic) + " from now on";
        }
    }
}

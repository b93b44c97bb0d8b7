package io.patchbay.app.cli;

import io.patchbay.agent.cli.ExitCode;
import io.patchbay.model.kit.sign.SigningKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;

/** {@code patchbay keys ...}: the Ed25519 keys that sign kits. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the keys that sign kits.",
        subcommands = KeysCommand.Init.class)
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
}

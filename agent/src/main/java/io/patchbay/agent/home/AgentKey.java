package io.patchbay.agent.home;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.kit.sign.SigningKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The agent's own Ed25519 key pair, which signs the report bundles a site without a network sends back: the private
 * half {@code HOME/agent.key} (mode 600, never leaves the site), the public half {@code HOME/agent.pub}, which the
 * workstation records with {@code site add --agent-key}.
 */
public final class AgentKey {
    public static final String PRIVATE_FILE = "agent.key";
    public static final String PUBLIC_FILE = "agent.pub";

    private AgentKey() {
    }

    public static Path privateFile(AgentHome home) {
        return home.dir().resolve(PRIVATE_FILE);
    }

    public static Path publicFile(AgentHome home) {
        return home.dir().resolve(PUBLIC_FILE);
    }

    /** The home's public key, made with its private half when the home has none yet; an existing pair is kept. */
    public static PublicKey ensure(AgentHome home) throws IOException {
        if (Files.exists(privateFile(home), LinkOption.NOFOLLOW_LINKS)) {
            return SigningKeys.publicKeyOf(read(home));
        }
        KeyPair pair = SigningKeys.generate();
        Files.deleteIfExists(publicFile(home)); // a public half without its private one is of no use
        SigningKeys.writePrivate(privateFile(home), pair.getPrivate());
        SigningKeys.writePublic(publicFile(home), pair.getPublic());
        return pair.getPublic();
    }

    /** The private half, for signing. */
    public static PrivateKey read(AgentHome home) throws IOException {
        Path file = privateFile(home);
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("no agent key " + file);
        }
        SecretFiles.requirePrivate(file, "agent key");
        return SigningKeys.readPrivate(file);
    }
}

package io.patchbay.agent.home;

import io.patchbay.model.PatchbayException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The agent's folder on a site: its configuration, policy, received kits, patch registry, staging,
 * backups, status reports and pending notices. Every process on the site (the daemon, an operator's
 * {@code agent install}) finds everything through this one layout.
 */
public record AgentHome(Path dir) {

    public AgentHome {
        dir = dir.toAbsolutePath().normalize();
    }

    /** An initialised home, or a refusal naming the folder. */
    public static AgentHome existing(Path dir) {
        AgentHome home = new AgentHome(dir);
        if (!Files.isRegularFile(home.config())) {
            throw new PatchbayException("not an agent home (no agent.json): " + home.dir()
                    + "; create one with 'patchbay agent init'");
        }
        return home;
    }

    public Path config() {
        return dir.resolve("agent.json");
    }

    public Path policy() {
        return dir.resolve("policy.json");
    }

    /** Public keys whose signatures this site trusts. */
    public Path trust() {
        return dir.resolve("trust");
    }

    /** Rotation statements this site accepted (see {@link TrustStore}); the keys they name are trusted too. */
    public Path rotations() {
        return trust().resolve("rotations");
    }

    /** The default inbox, where SFTP deliveries land; the configuration may name another. */
    public Path defaultInbox() {
        return dir.resolve("inbox");
    }

    /** Received kits that failed verification, kept for support with the reason beside them. */
    public Path rejected() {
        return dir.resolve("rejected");
    }

    /** Verified pull notices, kept as received; the registry records what they said. */
    public Path pulls() {
        return dir.resolve("pulls");
    }

    /** The patch registry: one folder per registered kit. */
    public Path patches() {
        return dir.resolve("patches");
    }

    public Path staging() {
        return dir.resolve("staging");
    }

    public Path backups() {
        return dir.resolve("backups");
    }

    /**
     * Where {@code import} unpacks a bundle's verified files before the intake takes them: inside the home, so they
     * move into {@link #patches()} or {@link #pulls()} in one step, and out of the inbox, so the running agent never
     * takes a file of a bundle not yet wholly verified.
     */
    public Path imports() {
        return dir.resolve("imports");
    }

    /** The reports the workstation reads (over SFTP or the HTTPS status endpoint). */
    public Path status() {
        return dir.resolve("status");
    }

    public Path notices() {
        return dir.resolve("notices");
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    /** Creates every folder of the layout that is missing. */
    public void createFolders() throws IOException {
        for (Path folder : new Path[]{trust(), rejected(), pulls(), patches(), staging(), backups(), status(), notices(), logs()}) {
            Files.createDirectories(folder);
        }
    }
}

package io.patchbay.transport.sftp;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * How to log in to one site: the private key file (by path), the OpenSSH known_hosts file that pins the
 * host key, an optional passphrase for the key (given at run time, never stored or logged) and timeouts.
 */
public final class SftpSettings {
    private final Path identity;
    private final Path knownHosts;
    private final char[] passphrase;
    private final SftpTimeouts timeouts;

    private SftpSettings(Path identity, Path knownHosts, char[] passphrase, SftpTimeouts timeouts) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.knownHosts = Objects.requireNonNull(knownHosts, "knownHosts");
        this.passphrase = passphrase == null ? null : passphrase.clone();
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    }

    public static SftpSettings of(Path identity, Path knownHosts) {
        return new SftpSettings(identity, knownHosts, null, SftpTimeouts.DEFAULTS);
    }

    public SftpSettings withPassphrase(char[] phrase) {
        return new SftpSettings(identity, knownHosts, phrase, timeouts);
    }

    public SftpSettings withTimeouts(SftpTimeouts value) {
        return new SftpSettings(identity, knownHosts, passphrase, value);
    }

    public Path identity() {
        return identity;
    }

    public Path knownHosts() {
        return knownHosts;
    }

    public SftpTimeouts timeouts() {
        return timeouts;
    }

    /** A copy of the passphrase, if one was given. */
    Optional<char[]> passphrase() {
        return Optional.ofNullable(passphrase).map(char[]::clone);
    }

    /** Never prints the passphrase, only whether there is one. */
    @Override
    public String toString() {
        return "SftpSettings[identity=" + identity + ", knownHosts=" + knownHosts
                + ", passphrase=" + (passphrase == null ? "none" : "given") + ", timeouts=" + timeouts + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SftpSettings s && identity.equals(s.identity) && knownHosts.equals(s.knownHosts)
                && Arrays.equals(passphrase, s.passphrase) && timeouts.equals(s.timeouts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(identity, knownHosts, timeouts);
    }
}

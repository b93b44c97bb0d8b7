package io.patchbay.transport.sftp;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * How to log in to one site: the private key file (by path), where its host key is pinned (a known_hosts file or
 * the workspace database), an optional passphrase for the key (given at run time, never stored or logged) and
 * timeouts.
 */
public final class SftpSettings {
    private final Path identity;
    private final HostKeyStore hostKeys;
    private final char[] passphrase;
    private final SftpTimeouts timeouts;

    private SftpSettings(Path identity, HostKeyStore hostKeys, char[] passphrase, SftpTimeouts timeouts) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.hostKeys = Objects.requireNonNull(hostKeys, "hostKeys");
        this.passphrase = passphrase == null ? null : passphrase.clone();
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    }

    /** Host keys pinned in an OpenSSH known_hosts file. */
    public static SftpSettings of(Path identity, Path knownHosts) {
        return of(identity, new KnownHostsFile(Objects.requireNonNull(knownHosts, "knownHosts")));
    }

    public static SftpSettings of(Path identity, HostKeyStore hostKeys) {
        return new SftpSettings(identity, hostKeys, null, SftpTimeouts.DEFAULTS);
    }

    public SftpSettings withPassphrase(char[] phrase) {
        return new SftpSettings(identity, hostKeys, phrase, timeouts);
    }

    public SftpSettings withTimeouts(SftpTimeouts value) {
        return new SftpSettings(identity, hostKeys, passphrase, value);
    }

    public Path identity() {
        return identity;
    }

    public HostKeyStore hostKeys() {
        return hostKeys;
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
        return "SftpSettings[identity=" + identity + ", hostKeys=" + hostKeys.where()
                + ", passphrase=" + (passphrase == null ? "none" : "given") + ", timeouts=" + timeouts + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SftpSettings s && identity.equals(s.identity) && hostKeys.equals(s.hostKeys)
                && Arrays.equals(passphrase, s.passphrase) && timeouts.equals(s.timeouts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(identity, hostKeys, timeouts);
    }
}

package io.patchbay.e2e;

import io.patchbay.transport.fixtures.FaultyProxy;
import io.patchbay.transport.fixtures.OpenSshServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A site reached through a {@link FaultyProxy} in front of the test's sshd: its URL and its pinned host key. */
final class ProxiedSsh {
    private ProxiedSsh() {
    }

    /** {@code dir/known_hosts} pinning the sshd's key at its own port and at the proxy's. */
    static Path knownHosts(Path dir, OpenSshServer sshd, FaultyProxy proxy) throws IOException {
        Path file = dir.resolve("known_hosts");
        String line = sshd.knownHostsLine();
        Files.writeString(file, line + "\n" + line.replace("]:" + sshd.port() + " ", "]:" + proxy.port() + " ") + "\n");
        return file;
    }

    /** The sshd URL {@code url}, through the proxy. */
    static String url(String url, OpenSshServer sshd, FaultyProxy proxy) {
        return url.replace(":" + sshd.port() + "/", ":" + proxy.port() + "/");
    }
}

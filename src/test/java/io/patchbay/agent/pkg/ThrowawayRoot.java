package io.patchbay.agent.pkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * An empty Debian root for {@code dpkg --root}: its own package database and user files, so installing the
 * agent's package never touches this machine's /. Maintainer scripts run without chroot and act below
 * {@code DPKG_ROOT} (the postinst is written for that); the Java runtime dependency is not in this root, hence
 * {@code --force-depends}.
 */
public final class ThrowawayRoot {
    private ThrowawayRoot() {
    }

    public static Path create(Path root) throws IOException {
        Path dpkg = root.resolve("var/lib/dpkg");
        for (String d : new String[]{"info", "updates", "triggers"}) {
            Files.createDirectories(dpkg.resolve(d));
        }
        Files.writeString(dpkg.resolve("status"), "");
        Files.writeString(dpkg.resolve("available"), "");
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n", StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("group"), "root:x:0:\n", StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("shadow"), "root:*:19000:0:99999:7:::\n", StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("gshadow"), "root:*::\n", StandardCharsets.UTF_8);
        return root;
    }

    public static Command install(Path root, Path deb) throws IOException, InterruptedException {
        return Command.run("dpkg", "--root=" + root, "--force-script-chrootless", "--force-depends",
                "--log=" + root.resolve("dpkg.log"), "--install", deb.toString());
    }

    /** systemd-analyze verify needs the targets a service's default dependencies name; copied from this machine. */
    static void addSystemTargets(Path root) throws IOException {
        Path units = Files.createDirectories(root.resolve("lib/systemd/system"));
        try (Stream<Path> host = Files.list(Path.of("/lib/systemd/system"))) {
            for (Path u : host.filter(p -> p.toString().endsWith(".target") || p.toString().endsWith(".slice")).toList()) {
                Path to = units.resolve(u.getFileName().toString());
                if (!Files.exists(to, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(u)) {
                    Files.copy(u, to);
                }
            }
        }
    }
}

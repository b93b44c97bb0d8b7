package io.patchbay.agent.pkg;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent as a site's IT department gets it: the .deb (read with dpkg-deb, installed with dpkg into a throwaway
 * root, never this machine's /), its systemd unit (systemd-analyze verify), the tarball and the launcher.
 */
class AgentPackageTest {
    private static final long MAX_DISTRIBUTION_BYTES = 15L * 1024 * 1024;

    @TempDir
    Path dir;
    private AgentBuild build;

    @BeforeEach
    void build() {
        build = AgentBuild.current();
    }

    @Test
    void debCarriesTheControlFieldsASiteInstallNeeds() throws Exception {
        assertTrue(Files.isRegularFile(build.deb()), "no package " + build.deb());
        assertEquals("patchbay-agent", field("Package"));
        assertEquals(build.debianVersion(), field("Version"));
        assertEquals("all", field("Architecture"));
        assertTrue(field("Depends").contains("default-jre-headless (>= 2:1.17) | java17-runtime-headless"), field("Depends"));
        // The version Debian compares must sort the snapshot before its release.
        Command.run("dpkg", "--compare-versions", build.debianVersion(), "lt", build.version().replace("-SNAPSHOT", ""))
                .ok("dpkg --compare-versions");
        Path control = dir.resolve("control");
        Command.run("dpkg-deb", "--control", build.deb().toString(), control.toString()).ok("dpkg-deb --control");
        assertEquals("/etc/default/patchbay-agent", Files.readString(control.resolve("conffiles")).strip());
        assertTrue(Files.isExecutable(control.resolve("postinst")));
    }

    @Test
    void debHoldsTheDistributionUnderOptAndTheUnitItsGeneratorAndOneDefaultsFile() throws Exception {
        List<String> entries = Command.run("dpkg-deb", "--contents", build.deb().toString()).ok("dpkg-deb --contents").lines().toList();
        List<String> jars;
        try (Stream<Path> lib = Files.list(build.distribution().resolve("lib"))) {
            jars = lib.map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String jar : jars) {
            assertTrue(entries.stream().anyMatch(e -> e.endsWith(" ./opt/patchbay-agent/lib/" + jar)), jar + " missing");
        }
        assertTrue(has(entries, "-rwxr-xr-x root/root", "./opt/patchbay-agent/bin/patchbay-agent"));
        assertTrue(has(entries, "l", "./usr/bin/patchbay-agent -> /opt/patchbay-agent/bin/patchbay-agent"), "patchbay-agent on PATH");
        assertTrue(has(entries, "-rw-r--r-- root/root", "./lib/systemd/system/patchbay-agent.service"));
        assertTrue(has(entries, "-rwxr-xr-x root/root", "./lib/systemd/system-generators/patchbay-agent-generator"));
        assertTrue(has(entries, "-rw-r--r-- root/root", "./etc/default/patchbay-agent"));
        assertTrue(entries.stream().noneMatch(e -> e.contains("./var/lib/patchbay-agent")),
                "the agent home holds the site's state: made by postinst, never owned by dpkg");
    }

    @Test
    void dpkgInstallsThePackageIntoAThrowawayRootWithThePatchbayUserOwningTheHome() throws Exception {
        Path root = ThrowawayRoot.create(dir.resolve("root"));
        Command install = ThrowawayRoot.install(root, build.deb());
        assertEquals(0, install.exit(), install.out());
        assertTrue(Command.run("dpkg", "--root=" + root, "--status", "patchbay-agent").ok("dpkg --status").contains("Status: install ok installed"));

        String passwd = Files.readString(root.resolve("etc/passwd"));
        String user = passwd.lines().filter(l -> l.startsWith("patchbay:")).findFirst().orElse("");
        String[] f = user.split(":");
        assertEquals(7, f.length, "no system user patchbay in\n" + passwd);
        assertTrue(Integer.parseInt(f[2]) < 1000, "a system uid: " + user);
        assertEquals("/var/lib/patchbay-agent", f[5]);
        assertEquals("/usr/sbin/nologin", f[6]);

        Path home = root.resolve("var/lib/patchbay-agent");
        assertEquals(Integer.parseInt(f[2]), Files.getAttribute(home, "unix:uid"));
        assertEquals(Integer.parseInt(f[3]), Files.getAttribute(home, "unix:gid"));
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(home);
        assertTrue(mode.contains(PosixFilePermission.GROUP_WRITE), "an SFTP login in the group patchbay writes inbox/: " + mode);
        assertFalse(mode.contains(PosixFilePermission.OTHERS_READ), "others see nothing of the site's state: " + mode);
        assertTrue(Files.isExecutable(root.resolve("opt/patchbay-agent/bin/patchbay-agent")));
        for (String swapped : List.of("opt/patchbay-agent", "opt/patchbay-agent/bin", "opt/patchbay-agent/lib")) {
            assertEquals(Integer.parseInt(f[2]), Files.getAttribute(root.resolve(swapped), "unix:uid"),
                    "the agent renames " + swapped + " when it upgrades itself");
        }
        assertEquals(Path.of("/opt/patchbay-agent/bin/patchbay-agent"), Files.readSymbolicLink(root.resolve("usr/bin/patchbay-agent")));

        // Installing again (an upgrade to the same version) keeps the one user.
        assertEquals(0, ThrowawayRoot.install(root, build.deb()).exit());
        assertEquals(1, Files.readString(root.resolve("etc/passwd")).lines().filter(l -> l.startsWith("patchbay:")).count());
    }

    @Test
    void systemdAcceptsTheUnitWithTheWritablePathsGeneratedFromTheDefaultsFile() throws Exception {
        Path root = ThrowawayRoot.create(dir.resolve("root"));
        assertEquals(0, ThrowawayRoot.install(root, build.deb()).exit());
        Path defaults = root.resolve("etc/default/patchbay-agent");
        Files.writeString(defaults, Files.readString(defaults)
                .replace("PATCHBAY_AGENT_HOME=/var/lib/patchbay-agent", "PATCHBAY_AGENT_HOME=/srv/patchbay")
                .replace("PATCHBAY_INSTALL_ROOT=/opt/product", "PATCHBAY_INSTALL_ROOT=\"/opt/spruce /srv/spruce-data\""));

        Path generated = dir.resolve("generator");
        Command.run(Map.of("PATCHBAY_AGENT_DEFAULTS", defaults.toString()),
                root.resolve("lib/systemd/system-generators/patchbay-agent-generator").toString(), generated.toString())
                .ok("the generator");
        Path dropIn = generated.resolve("patchbay-agent.service.d/paths.conf");
        List<String> paths = Files.readAllLines(dropIn).stream().filter(l -> l.startsWith("ReadWritePaths=")).toList();
        assertEquals(List.of("ReadWritePaths= -/srv/patchbay -/opt/spruce -/srv/spruce-data -/opt/patchbay-agent"), paths);

        // systemd-analyze verify --root reads drop-ins from the root's /etc, not from a generator folder.
        Path etcDropIn = Files.createDirectories(root.resolve("etc/systemd/system/patchbay-agent.service.d"));
        Files.copy(dropIn, etcDropIn.resolve("paths.conf"));
        ThrowawayRoot.addSystemTargets(root);
        Command verify = Command.run("systemd-analyze", "verify", "--root=" + root, "patchbay-agent.service");
        assertEquals(0, verify.exit(), verify.out());
        assertEquals("", verify.out().strip(), "systemd-analyze warned");

        // The same check does fail on a unit systemd cannot take as written.
        Files.writeString(etcDropIn.resolve("bad.conf"), "[Service]\nReadWritePaths=relative/path\n");
        assertNotEquals("", Command.run("systemd-analyze", "verify", "--root=" + root, "patchbay-agent.service").out().strip());
    }

    @Test
    void theUnitRunsAsPatchbayRestartsOnFailureAndIsHardened() throws Exception {
        Path root = ThrowawayRoot.create(dir.resolve("root"));
        assertEquals(0, ThrowawayRoot.install(root, build.deb()).exit());
        List<String> unit = Files.readAllLines(root.resolve("lib/systemd/system/patchbay-agent.service"));
        for (String line : List.of("User=patchbay", "Restart=on-failure", "NoNewPrivileges=yes", "ProtectSystem=strict",
                "PrivateTmp=yes", "EnvironmentFile=/etc/default/patchbay-agent",
                "ExecStart=/opt/patchbay-agent/bin/patchbay-agent run --home ${PATCHBAY_AGENT_HOME}")) {
            assertTrue(unit.contains(line), line + " missing from the unit");
        }
    }

    @Test
    void theDistributionHoldsNoJavaFxH2FlywayOrSshJarAndStaysUnder15Mb() throws Exception {
        List<String> jars;
        try (Stream<Path> lib = Files.list(build.distribution().resolve("lib"))) {
            jars = lib.map(p -> p.getFileName().toString()).toList();
        }
        for (String forbidden : List.of("javafx", "h2-", "flyway", "sshd", "eddsa")) {
            assertTrue(jars.stream().noneMatch(j -> j.startsWith(forbidden)), forbidden + " in " + jars);
        }
        long size = AgentBuild.size(build.distribution());
        assertTrue(size < MAX_DISTRIBUTION_BYTES, "the distribution is " + size + " bytes");
    }

    @Test
    void theLauncherPrintsTheBuildsVersionAlsoThroughASymlinkAsOnPath() throws Exception {
        String expected = "patchbay-agent " + build.version();
        assertEquals(expected, Command.run(build.launcher().toString(), "--version").ok("--version").strip());
        Path bin = Files.createDirectories(dir.resolve("usr/bin"));
        Path link = Files.createSymbolicLink(bin.resolve("patchbay-agent"), build.launcher());
        assertEquals(expected, Command.run(link.toString(), "--version").ok("--version through a symlink").strip());
    }

    @Test
    void theTarballUnpacksToTheSameDistributionForSitesWithoutDpkg() throws Exception {
        Command.run("tar", "-xzf", build.tarball().toString(), "-C", dir.toString()).ok("tar");
        Path unpacked = dir.resolve("patchbay-agent-" + build.version());
        assertTrue(Files.isExecutable(unpacked.resolve("bin/patchbay-agent")));
        try (Stream<Path> a = Files.list(unpacked.resolve("lib")); Stream<Path> b = Files.list(build.distribution().resolve("lib"))) {
            assertEquals(b.map(p -> p.getFileName().toString()).sorted().toList(), a.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("patchbay-agent " + build.version(),
                Command.run(unpacked.resolve("bin/patchbay-agent").toString(), "--version").ok("--version").strip());
    }

    private String field(String name) throws IOException, InterruptedException {
        return Command.run("dpkg-deb", "--field", build.deb().toString(), name).ok("dpkg-deb --field " + name).strip();
    }

    private static boolean has(List<String> entries, String modeAndOwner, String path) {
        return entries.stream().anyMatch(e -> e.startsWith(modeAndOwner) && e.endsWith(" " + path));
    }
}

package io.patchbay.e2e;

import io.patchbay.transport.fixtures.OpenSshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backup back (issue 13), every step a real process of the built launcher and the site read over a real
 * OpenSSH sshd: the agent installs Spruce 12.10.11 and takes its post-install backup; {@code site fetch-backup}
 * brings that state to the workstation over SFTP and checks every file against the release's signed checksums,
 * and {@code agent report --with-backup} + {@code status import --backup-out} does the same with no network.
 * Untouched, both say identical (exit 0); when the site changed an installed file, both name it (exit 1).
 */
class BackupBackTest {
    @TempDir
    Path dir;
    private OpenSshServer sshd;

    @AfterEach
    void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void anUntouchedInstallComesBackIdenticalOverSftpAndInAReportBundle() throws Exception {
        SpruceShipment s = installedAtAcme("");

        Path fetched = dir.resolve("fetched");
        Launcher.Result fetch = s.workstation("site", "fetch-backup", "acme", "12.10.11", "--out", fetched.toString());
        assertEquals(0, fetch.exit(), fetch.out() + fetch.err() + "\nsshd:\n" + sshd.log());
        assertTrue(fetch.out().contains("post-install state of Spruce 12.10.11 (installation 1) at acme"), fetch.out());
        assertTrue(fetch.out().contains("identical to the release's signed checksums: 1 file"), fetch.out());
        assertEquals("echo spruce 12.10.11\n", Files.readString(fetched.resolve("install/bin/spruce.sh")));

        Path back = dir.resolve("back");
        String reported = s.pb.run("agent", "report", "--home", s.agentHome.toString(), "--out",
                back.resolve("r1.bundle").toString(), "--with-backup", "12.10.11").ok().out();
        assertTrue(reported.contains("with the Spruce 12.10.11 (installation 1) post-install state"), reported);
        Path offline = dir.resolve("offline");
        Launcher.Result imported = s.workstation("status", "import", back.resolve("r1.bundle").toString(),
                "--backup-out", offline.toString());
        assertEquals(0, imported.exit(), imported.out() + imported.err());
        assertTrue(imported.out().contains("imported report 1 of site acme"), imported.out());
        assertTrue(imported.out().contains("identical to the release's signed checksums: 1 file"), imported.out());
        assertEquals("echo spruce 12.10.11\n", Files.readString(offline.resolve("install/bin/spruce.sh")));

        // A folder that exists is never written into; nothing is fetched.
        Launcher.Result again = s.workstation("site", "fetch-backup", "acme", "12.10.11", "--out", fetched.toString());
        assertEquals(1, again.exit(), again.out() + again.err());
        assertEquals("patchbay: " + fetched + " already exists: give a folder that does not exist yet\n", again.err());
    }

    @Test
    void aFileTheSiteChangedIsNamedOverSftpAndOfflineAlike() throws Exception {
        // The site's own install step edits an installed file, as a person tuning it for this site would.
        SpruceShipment s = installedAtAcme("#!/bin/sh\nprintf 'export SPRUCE_HEAP=8g # acme\\n' >> "
                + "\"$PATCHBAY_INSTALL_ROOT/bin/spruce.sh\"\n");
        String changed = "echo spruce 12.10.11\nexport SPRUCE_HEAP=8g # acme\n";
        assertEquals(changed, Files.readString(s.installRoot.resolve("bin/spruce.sh")));

        Path fetched = dir.resolve("fetched");
        Launcher.Result fetch = s.workstation("site", "fetch-backup", "acme", "12.10.11", "--out", fetched.toString());
        assertEquals(1, fetch.exit(), fetch.out() + fetch.err() + "\nsshd:\n" + sshd.log());
        assertTrue(fetch.out().contains("DIFFERS from the release's signed checksums: 0 as released, 1 changed, "
                + "0 missing, 0 extra"), fetch.out());
        assertTrue(fetch.out().contains("  changed install/bin/spruce.sh\n"), fetch.out());
        assertEquals(changed, Files.readString(fetched.resolve("install/bin/spruce.sh")));

        Path back = dir.resolve("back");
        s.pb.run("agent", "report", "--home", s.agentHome.toString(), "--out", back.resolve("r1.bundle").toString(),
                "--with-backup", "12.10.11").ok();
        Path offline = dir.resolve("offline");
        Launcher.Result imported = s.workstation("status", "import", back.resolve("r1.bundle").toString(),
                "--backup-out", offline.toString());
        assertEquals(1, imported.exit(), imported.out() + imported.err());
        assertTrue(imported.out().contains("  changed install/bin/spruce.sh\n"), imported.out());
        assertEquals(changed, Files.readString(offline.resolve("install/bin/spruce.sh")));

        // A report without the state cannot answer --backup-out, and says how to get one; no folder is made.
        s.pb.run("agent", "report", "--home", s.agentHome.toString(), "--out", back.resolve("r2.bundle").toString()).ok();
        Launcher.Result none = s.workstation("status", "import", back.resolve("r2.bundle").toString(),
                "--backup-out", dir.resolve("none").toString());
        assertEquals(1, none.exit(), none.out() + none.err());
        assertEquals("patchbay: report bundle r2.bundle carries no post-install state (write it with: patchbay-agent "
                + "report --with-backup VERSION)\n", none.err());
        assertFalse(Files.exists(dir.resolve("none")));
    }

    /**
     * Spruce 12.10.11 (with {@code installHook} as its install hook, when not empty) delivered to site acme, whose
     * agent home is the sshd's SFTP folder, and installed there by the operator.
     */
    private SpruceShipment installedAtAcme(String installHook) throws Exception {
        sshd = OpenSshServer.start(dir.resolve("sshd"));
        SpruceShipment s = new SpruceShipment(dir);
        if (installHook.isEmpty()) {
            s.addRelease("");
        } else {
            Path hooks = Files.createDirectories(dir.resolve("hooks"));
            Path hook = Files.writeString(hooks.resolve("install"), installHook);
            Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
            s.addRelease("", "--hooks", hooks.toString());
        }
        s.pb.run("agent", "init", "--home", s.agentHome.toString(), "--install-root", s.installRoot.toString(),
                "--trust", s.signingPub().toString(), "--site", "acme").ok();
        s.workstation("site", "add", "acme", "--sftp", sshd.url(s.agentHome), "--identity", sshd.userKey().toString(),
                "--known-hosts", sshd.knownHosts().toString(), "--agent-key",
                s.agentHome.resolve("agent.pub").toString()).ok();
        s.workstation("rollout", "start", "12.10.11", "--all").ok();
        Path bundle = dir.resolve("acme.bundle");
        s.workstation("bundle", "create", "--site", "acme", "--out", bundle.toString(), "--key",
                s.signingKey().toString()).ok();
        s.pb.run("agent", "import", "--home", s.agentHome.toString(), bundle.toString()).ok();
        s.pb.run("agent", "install", "--home", s.agentHome.toString(), "12.10.11").ok();
        return s;
    }
}

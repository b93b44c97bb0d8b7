package io.patchbay.transport.sftp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ProbeReportTest {
    private static ProbeReport inbox(boolean exists, boolean writable) {
        return new ProbeReport("SSH-2.0-OpenSSH_9.2", "ssh-ed25519", "SHA256:x", exists, writable, true, true, 0);
    }

    @Test
    void anInboxTheLoginCannotWriteIsReportedWithTheFixOnOneLine() {
        String line = inbox(true, false).inboxState("deploy", "/var/lib/patchbay-agent/inbox");
        assertEquals("NOT writable by the SFTP login 'deploy': on the site, run the agent as 'deploy', or put 'deploy' in "
                + "the agent home's group (usermod -aG patchbay deploy) and make the inbox group-writable "
                + "(chmod 2770 /var/lib/patchbay-agent/inbox)", line);
        assertFalse(line.contains("\n"));
    }

    @Test
    void aWritableOrMissingInboxNeedsNoFix() {
        assertEquals("writable", inbox(true, true).inboxState("deploy", "/srv/inbox"));
        assertEquals("missing (created on the first delivery if the folder above it is writable)",
                inbox(false, false).inboxState("deploy", "/srv/inbox"));
    }
}

package io.patchbay.transport.sftp;

import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;

import org.apache.sshd.common.config.keys.KeyUtils;

import java.security.PublicKey;
import java.util.UUID;

/** Looks at a site without changing it, except for a probe file created and removed in the inbox. */
final class SiteProbe {
    private final SftpConnection conn;

    SiteProbe(SftpConnection conn) {
        this.conn = conn;
    }

    ProbeReport run() {
        SftpEndpoint site = conn.site();
        PublicKey key = conn.hostKey().presented();
        SftpClient.Attributes inbox = conn.statOrNull(site.inbox());
        boolean inboxExists = inbox != null && inbox.isDirectory();
        boolean inboxWritable = inboxExists && canWrite(site.inbox() + "/.patchbay-probe-" + UUID.randomUUID());
        SftpClient.Attributes status = conn.statOrNull(site.status());
        boolean statusExists = status != null && status.isDirectory();
        int files = -1;
        if (statusExists) {
            try {
                files = conn.step("list " + site.status(), () -> {
                    int n = 0;
                    for (SftpClient.DirEntry e : conn.sftp().readDir(site.status())) {
                        if (e.getAttributes().isRegularFile()) {
                            n++;
                        }
                    }
                    return n;
                });
            } catch (RuntimeException e) {
                files = -1;
            }
        }
        return new ProbeReport(conn.session().getServerVersion(), KeyUtils.getKeyType(key), HostKeys.fingerprint(key),
                inboxExists, inboxWritable, statusExists, files >= 0, Math.max(files, 0));
    }

    private boolean canWrite(String probe) {
        try {
            conn.step("write a probe file in the inbox", () -> {
                try (SftpClient.CloseableHandle h = conn.sftp().open(probe, OpenMode.Write, OpenMode.Create, OpenMode.Exclusive)) {
                    conn.sftp().write(h, 0, new byte[] {'o', 'k'});
                }
                conn.sftp().remove(probe);
                return null;
            });
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}

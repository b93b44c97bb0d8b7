package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.kit.KitPaths;
import io.patchbay.transport.Cancellation;
import org.apache.sshd.sftp.client.SftpClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Copies a remote folder tree into a local folder, file by file, each read step watched by the connection's
 * watchdog. Only folders and regular files are taken; a link or a name that could leave the target is refused.
 */
final class RemoteTreeDownload {
    private static final int BUFFER = 64 * 1024;

    private final SftpConnection conn;
    private final Cancellation cancel;
    private long files;
    private long bytes;

    RemoteTreeDownload(SftpConnection conn, Cancellation cancel) {
        this.conn = conn;
        this.cancel = cancel;
    }

    /** Copies {@code remote} into {@code local}, leaving out the top-level children named in {@code skip}. */
    TreeCopy run(String remote, Path local, Set<String> skip) {
        SftpClient.Attributes top = conn.statOrNull(remote);
        if (top == null || !top.isDirectory()) {
            throw new PatchbayException("no folder " + remote + " on " + conn.site());
        }
        copyFolder(remote, local, skip);
        return new TreeCopy(files, bytes);
    }

    private void copyFolder(String remote, Path local, Set<String> skip) {
        List<SftpClient.DirEntry> entries = conn.step("list " + remote, () -> {
            List<SftpClient.DirEntry> all = new ArrayList<>();
            conn.sftp().readDir(remote).forEach(all::add);
            return all;
        });
        conn.step("create " + local, () -> Files.createDirectories(local));
        for (SftpClient.DirEntry e : entries) {
            String name = e.getFilename();
            if (name.equals(".") || name.equals("..") || skip.contains(name)) {
                continue;
            }
            cancel.check();
            String problem = KitPaths.problem(name);
            if (problem != null || name.contains("/")) {
                throw new PatchbayException("refused to copy " + remote + "/" + name + ": its name has "
                        + (problem == null ? "a slash" : problem));
            }
            String path = remote + "/" + name;
            SftpClient.Attributes a = e.getAttributes();
            if (a.isDirectory()) {
                copyFolder(path, local.resolve(name), Set.of());
            } else if (a.isRegularFile()) {
                copyFile(path, local.resolve(name));
            } else {
                throw new PatchbayException("refused to copy " + path + ": neither a file nor a folder");
            }
        }
    }

    private void copyFile(String remote, Path local) {
        conn.step("read " + remote, () -> {
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = conn.sftp().read(remote); OutputStream out = Files.newOutputStream(local)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    bytes += n;
                    conn.progressed();
                    cancel.check();
                }
            }
            files++;
            return null;
        });
    }
}

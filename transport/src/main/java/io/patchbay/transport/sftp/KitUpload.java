package io.patchbay.transport.sftp;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.report.StatusReports;
import io.patchbay.transport.Cancellation;
import io.patchbay.transport.TransferListener;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.BufferUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.client.impl.AbstractSftpClient;
import org.apache.sshd.sftp.client.impl.SftpAckData;
import org.apache.sshd.sftp.client.impl.SftpOutputStreamAsync;
import org.apache.sshd.sftp.common.SftpConstants;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;

/**
 * Uploads one kit file into a site's inbox: {@code inbox/.partial/<kit>.part}, resumed from its remote
 * size, then renamed (posix-rename) into {@code inbox/<kit>} only when complete.
 */
final class KitUpload {
    /** OpenSSH's sftp-server drops the channel on a 256 KiB write; 255 KiB is the largest safe request. */
    static final int CHUNK = 255 * 1024;
    /** How much of a resumed .part's tail is read back and compared before appending to it. */
    static final int TAIL_CHECK = 64 * 1024;

    private final SftpConnection conn;
    private final Path kit;
    private final String name;
    private final TransferListener listener;
    private final Cancellation cancel;

    KitUpload(SftpConnection conn, Path kit, TransferListener listener, Cancellation cancel) {
        this.conn = conn;
        this.kit = kit;
        this.name = kit.getFileName().toString();
        StatusReports.patchFileName(name); // refuses names that could leave the inbox
        this.listener = listener;
        this.cancel = cancel;
    }

    PushResult run() throws IOException {
        long started = System.nanoTime();
        SftpEndpoint site = conn.site();
        try (FileChannel local = FileChannel.open(kit, StandardOpenOption.READ)) {
            long size = local.size();
            String target = site.inbox() + "/" + name;
            String part = site.partial() + "/" + name + ".part";

            SftpClient.Attributes base = conn.statOrNull(site.path());
            if (base == null || !base.isDirectory()) {
                throw new PatchbayException("site folder " + site.path() + " does not exist on " + site.host()
                        + ":" + site.port());
            }
            SftpClient.Attributes delivered = conn.statOrNull(target);
            if (delivered != null) {
                if (delivered.isRegularFile() && delivered.getSize() == size) {
                    listener.progress(size, size);
                    return new PushResult(name, size, size, PushResult.Outcome.ALREADY_DELIVERED, since(started));
                }
                throw new PatchbayException("inbox/" + name + " already exists on " + site + " with "
                        + delivered.getSize() + " bytes, not the kit's " + size + "; refusing to overwrite it");
            }
            mkdir(site.inbox());
            mkdir(site.partial());

            long resumeFrom = resumePoint(local, part, size);
            listener.progress(resumeFrom, size);
            if (resumeFrom < size || size == 0) { // an empty kit still needs its (empty) .part
                send(local, part, resumeFrom, size);
            }
            SftpClient.Attributes written = conn.statOrNull(part);
            if (written == null || written.getSize() != size) {
                throw new PatchbayException("after upload " + part + " on " + site + " holds "
                        + (written == null ? "nothing" : written.getSize() + " bytes") + ", expected " + size);
            }
            cancel.check();
            rename(part, target);
            return new PushResult(name, size, Math.min(resumeFrom, size), PushResult.Outcome.DELIVERED, since(started));
        }
    }

    /** How many bytes of the remote .part can be kept: 0 if absent, larger than the kit, or its tail differs. */
    private long resumePoint(FileChannel local, String part, long size) throws IOException {
        SftpClient.Attributes attrs = conn.statOrNull(part);
        if (attrs == null || !attrs.isRegularFile()) {
            return 0;
        }
        long remote = attrs.getSize();
        if (remote > size || remote == 0) {
            return 0;
        }
        int n = (int) Math.min(TAIL_CHECK, remote);
        long from = remote - n;
        byte[] theirs = conn.step("read back the tail of " + part, () -> {
            try (SftpClient.CloseableHandle h = conn.sftp().open(part, OpenMode.Read)) {
                byte[] buf = new byte[n];
                int got = 0;
                while (got < n) {
                    int r = conn.sftp().read(h, from + got, buf, got, n - got);
                    if (r <= 0) {
                        break;
                    }
                    got += r;
                }
                return got == n ? buf : null;
            }
        });
        ByteBuffer mine = ByteBuffer.allocate(n);
        while (mine.hasRemaining() && local.read(mine, from + mine.position()) > 0) {
            // fill
        }
        // A .part whose tail does not match our kit (another build with the same name) is started over.
        return theirs != null && Arrays.equals(theirs, mine.array()) ? remote : 0;
    }

    /**
     * Streams [offset, size) with write requests in flight; a stalled link trips the watchdog. Progress is
     * what the site acknowledged, not what was handed to the stream: after a cut, the outbox tells an
     * attempt that moved bytes from one that moved none by it.
     */
    private void send(FileChannel local, String part, long offset, long size) throws IOException {
        EnumSet<OpenMode> modes = offset == 0
                ? EnumSet.of(OpenMode.Write, OpenMode.Create, OpenMode.Truncate)
                : EnumSet.of(OpenMode.Write, OpenMode.Create);
        SftpClient.CloseableHandle handle = conn.step("open " + part, () -> conn.sftp().open(part, modes));
        byte[] chunk = new byte[CHUNK];
        ByteBuffer buf = ByteBuffer.wrap(chunk);
        long pos = offset;
        AcknowledgedStream out = new AcknowledgedStream((AbstractSftpClient) conn.sftp(), part, handle, offset);
        try {
            while (pos < size) {
                cancel.check();
                buf.clear();
                int n = local.read(buf, pos);
                if (n <= 0) {
                    throw new PatchbayException("kit file " + kit + " shrank while it was being sent");
                }
                out.write(chunk, 0, n);
                pos += n;
                conn.progressed();
                listener.progress(out.acknowledged(), size);
            }
            cancel.check();
            out.close(); // waits for every acknowledgement
        } catch (IOException | RuntimeException e) {
            // Acknowledgements that arrived before the cut still count: they tell the outbox this attempt moved bytes.
            listener.progress(out.arrived(), size);
            if (e instanceof Cancellation.CancelledException c) {
                throw c;
            }
            throw conn.failure("writing " + part, e);
        } finally {
            try {
                handle.close();
            } catch (IOException | RuntimeException ignored) {
                // Closing the stream usually closed it already; a dead session cannot close it anyway.
            }
        }
        conn.progressed();
        listener.progress(size, size);
    }

    /** MINA's pipelined writer, telling how far the site has acknowledged the writes. */
    private static final class AcknowledgedStream extends SftpOutputStreamAsync {
        private long confirmed;
        private boolean closing;

        AcknowledgedStream(AbstractSftpClient client, String path, SftpClient.CloseableHandle handle, long offset) {
            super(client, CHUNK, path, handle);
            setOffset(offset);
            confirmed = offset;
        }

        /**
         * Every byte before this offset is written and acknowledged. Call after a write returned normally: a
         * write checks each acknowledgement it takes off the queue and throws on a refused one.
         */
        long acknowledged() {
            SftpAckData first = pendingAcks.peekFirst();
            confirmed = first != null ? first.offset : offset;
            return confirmed;
        }

        /**
         * After a failure: {@link #acknowledged} plus the acknowledgements that had arrived but were not taken
         * yet, without waiting. Trusts nothing more if the queue moved in the failing step (a refused write,
         * or a close that took entries off before their answer came).
         */
        long arrived() {
            SftpAckData first = pendingAcks.peekFirst();
            if (closing || first == null || first.offset != confirmed) {
                return confirmed;
            }
            try {
                for (SftpAckData ack = first; ack != null; ack = pendingAcks.peekFirst()) {
                    Buffer answer = getClient().receive(ack.id, Duration.ZERO);
                    if (answer == null || !isOk(answer)) {
                        break;
                    }
                    pendingAcks.removeFirst();
                    confirmed = ack.offset + ack.length;
                }
            } catch (IOException | RuntimeException e) {
                // a dead session has nothing more to give
            }
            return confirmed;
        }

        @Override
        public void close() throws IOException {
            closing = true;
            super.close();
        }

        /** An SSH_FXP_STATUS answer with SSH_FX_OK: length, type, request id, status code. */
        private static boolean isOk(Buffer answer) {
            int at = answer.rpos();
            return answer.available() >= 13 && (answer.array()[at + 4] & 0xff) == SftpConstants.SSH_FXP_STATUS
                    && BufferUtils.getInt(answer.array(), at + 9, 4) == SftpConstants.SSH_FX_OK;
        }
    }

    private void mkdir(String dir) {
        SftpClient.Attributes a = conn.statOrNull(dir);
        if (a == null) {
            conn.step("create folder " + dir, () -> {
                conn.sftp().mkdir(dir);
                return null;
            });
        } else if (!a.isDirectory()) {
            throw new PatchbayException(dir + " on " + conn.site() + " is not a folder");
        }
    }

    private void rename(String part, String target) {
        conn.step("rename " + part + " into the inbox", () -> {
            OpenSSHPosixRenameExtension posix = conn.sftp().getExtension(OpenSSHPosixRenameExtension.class);
            if (posix != null && posix.isSupported()) {
                posix.posixRename(part, target);
            } else {
                // Plain SFTP rename never overwrites; we checked above that the target is absent.
                conn.sftp().rename(part, target);
            }
            return null;
        });
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}

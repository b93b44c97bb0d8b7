package io.patchbay.model.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Writes files that must never be seen half-written: the content goes to a temporary file in the same
 * folder, is forced to disk, and is then moved over the target in one step. The new file keeps the owner, group
 * and mode of the file it replaces (a new file takes the owner and group of its folder), so an operator who runs a
 * command with sudo does not leave behind a root-owned 0600 file the service's own user can no longer read. When
 * the owner cannot be kept (not permitted), nothing is replaced and the write fails.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes a file's whole content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            keepOwnership(tmp, Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? target : dir,
                    Files.exists(target, LinkOption.NOFOLLOW_LINKS));
            moveAtomically(tmp, target);
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Gives {@code file} the owner, group and mode of the file it is {@code replacing} ({@code like}); a new file
     * written by root takes the owner and group of its folder ({@code like}) and keeps its private mode. Only what
     * differs is changed: a user writing their own files never calls chown.
     */
    private static void keepOwnership(Path file, Path like, boolean replacing) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return; // not a POSIX file system (Windows): nothing to keep
        }
        PosixFileAttributes want = Files.readAttributes(like, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes have = view.readAttributes();
        if (!replacing && !byRoot(file)) {
            return; // a new file of an ordinary user is theirs, as the system made it
        }
        try {
            if (!have.owner().equals(want.owner())) {
                view.setOwner(want.owner());
            }
            if (!have.group().equals(want.group())) {
                view.setGroup(want.group());
            }
        } catch (IOException e) {
            throw new IOException("cannot keep " + like + " owned by " + want.owner().getName() + ":"
                    + want.group().getName() + " (" + e.getMessage() + "); run this as " + want.owner().getName(), e);
        }
        if (replacing && !have.permissions().equals(want.permissions())) {
            view.setPermissions(want.permissions());
        }
    }

    /**
     * Creates {@code file} empty unless it exists (a lock file: it must never be replaced while someone holds a lock
     * on it). Created by root, it belongs to its folder's owner and group, like the files {@link #write} makes.
     */
    public static void createIfMissing(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try {
            Files.createFile(file);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return;
        }
        keepOwnership(file, dir, false);
    }

    /** Whether {@code file} (just created by this process) belongs to root: this process runs as root. */
    private static boolean byRoot(Path file) {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Renames {@code from} over {@code to} in one step (same file system). */
    public static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename atomically into " + to + ": " + e.getMessage(), e);
        }
    }

    /** Makes a rename or creation in {@code dir} durable; a no-op where the platform cannot open folders. */
    public static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Some platforms (Windows) cannot fsync a directory; the rename itself is still atomic there.
        }
    }
}

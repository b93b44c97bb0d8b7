package io.patchbay.model.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files that must never be seen half-written: the content goes to a temporary file in the same
 * folder, is forced to disk, and is then moved over the target in one step.
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
            moveAtomically(tmp, target);
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
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

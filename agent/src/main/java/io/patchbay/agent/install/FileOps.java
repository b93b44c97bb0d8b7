package io.patchbay.agent.install;

import io.patchbay.model.io.FileTrees;
import io.patchbay.model.io.AtomicFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/** The file moves and exact copies the installer is built from. */
public final class FileOps {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private FileOps() {
    }

    static boolean exists(Path path) {
        return Files.exists(path, NOFOLLOW);
    }

    /**
     * Copies a regular file's bytes into a new file and forces them to disk, then gives it the source's
     * permissions and modification time (as {@code cp -a} would). The target must not exist.
     */
    static void copyForced(Path source, Path target) throws IOException {
        copy(source, target, true);
    }

    /** As {@link #copyForced} without forcing: the caller makes a whole batch durable at once. */
    static void copy(Path source, Path target, boolean force) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            long done = 0;
            while (done < size) {
                done += in.transferTo(done, size - done, out);
            }
            if (force) {
                out.force(false);
            }
        }
        copyAttributes(source, target);
    }

    static void copyAttributes(Path source, Path target) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(source, PosixFileAttributeView.class, NOFOLLOW);
        if (view != null) {
            PosixFileAttributes attrs = view.readAttributes();
            Files.setPosixFilePermissions(target, attrs.permissions());
            Files.setLastModifiedTime(target, attrs.lastModifiedTime());
        } else {
            Files.setLastModifiedTime(target, Files.getLastModifiedTime(source, NOFOLLOW));
        }
    }

    /**
     * Moves {@code source} (file, link or folder) to {@code target} by a rename when both are on one file
     * system; otherwise copies it exactly, complete before it appears under its name, and returns false
     * (the source is then still there).
     */
    static boolean moveOrCopy(Path source, Path target) throws IOException {
        ensureFolder(target.getParent());
        if (renameIfSameFileSystem(source, target)) {
            return true;
        }
        Path tmp = target.resolveSibling(".patchbay-copy." + target.getFileName());
        deleteTree(tmp);
        copyTree(source, tmp);
        AtomicFiles.moveAtomically(tmp, target);
        return false;
    }

    /** Creates {@code dir} and its parents unless it exists (a stat, where createDirectories throws inside). */
    static void ensureFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir, NOFOLLOW)) {
            Files.createDirectories(dir);
        }
    }

    /** Renames {@code source} to {@code target} (replacing it); false when they are on different file systems. */
    static boolean renameIfSameFileSystem(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            return false;
        }
    }

    /** Copies a file, link or folder tree exactly (bytes, permissions, times, links as links). */
    public static void copyTree(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source, NOFOLLOW)) {
            copyOne(source, target);
            return;
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                copyOne(file, target.resolve(source.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Path copy = target.resolve(source.relativize(dir).toString());
                copyAttributes(dir, copy);
                AtomicFiles.forceDirectory(copy);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void copyOne(Path file, Path target) throws IOException {
        if (Files.isRegularFile(file, NOFOLLOW)) {
            copyForced(file, target);
        } else {
            Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Deletes a file, link or folder tree; nothing if it is not there. Never follows links. */
    public static void deleteTree(Path path) throws IOException {
        FileTrees.delete(path);
    }

    /** Deletes everything inside {@code dir}, keeping the folder itself (a data root may be a mount point). */
    static void emptyFolder(Path dir) throws IOException {
        try (var children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                deleteTree(child);
            }
        }
    }
}

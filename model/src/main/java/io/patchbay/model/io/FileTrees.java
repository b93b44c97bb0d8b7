package io.patchbay.model.io;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Deleting a folder tree: the one helper the agent, the kit extractor, the wizard and the demo share. */
public final class FileTrees {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private FileTrees() {
    }

    /**
     * Deletes a file, link or folder tree; nothing if it is not there. Never follows links (a link inside is
     * deleted, not what it points to), and a file that another process removed meanwhile is not an error.
     */
    public static void delete(Path path) throws IOException {
        if (!Files.exists(path, NOFOLLOW)) {
            return;
        }
        if (!Files.isDirectory(path, NOFOLLOW)) {
            Files.deleteIfExists(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

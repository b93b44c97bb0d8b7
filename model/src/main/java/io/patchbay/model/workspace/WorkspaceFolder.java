package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps a workspace folder private to its owner. The folder holds what lets another local user into the
 * workspace: H2's lock file names the port and key of the server that lets a second process join, the database
 * password file, site credentials. So the folder is made 700 whenever Patchbay creates or opens it; one that
 * others can enter and that is not ours (so not ours to change) is refused with the fix.
 */
final class WorkspaceFolder {
    private static final LazyLogger LOG = LazyLogger.of(WorkspaceFolder.class);
    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private WorkspaceFolder() {
    }

    /**
     * Creates {@code dir} as 700, or makes an existing one 700 when group or others may use it, saying so once
     * (the next open finds it private already). Refuses a folder open to others that belongs to another user.
     */
    static void makePrivate(Path dir) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } else {
                Files.createDirectory(dir);
            }
            return;
        }
        if (!posix) {
            return;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        Set<PosixFilePermission> mode = view.readAttributes().permissions();
        if (OWNER_ONLY_DIR.containsAll(mode)) {
            return;
        }
        String was = PosixFilePermissions.toString(mode);
        String owner = view.getOwner().getName();
        String me = System.getProperty("user.name");
        if (!owner.equals(me)) {
            throw new PatchbayException("workspace folder " + dir + " is open to other users (" + was + ") and belongs to "
                    + owner + ", not " + me + ": make it private with `chmod 700 " + dir + "` (as " + owner
                    + "), or choose another folder");
        }
        try {
            view.setPermissions(OWNER_ONLY_DIR);
        } catch (IOException e) {
            throw new PatchbayException("workspace folder " + dir + " is open to other users (" + was + ") and cannot be"
                    + " made private (" + e.getMessage() + "): run `chmod 700 " + dir + "`", e);
        }
        LOG.get().warn("workspace folder {} was open to other users of this machine ({}); made it private (rwx------)", dir, was);
    }

    /**
     * Makes the database's files in {@code dir} ({@code patchbay.mv.db}, the lock file H2 recreates on every open,
     * a trace file) owner-only: H2 creates them with the process's umask, usually 644. The private folder already
     * keeps other users out; this keeps the files private should the folder's mode be loosened later. A file of
     * another process (a lock file written by another user's H2) is left alone.
     */
    static void restrictDatabaseFiles(Path dir) {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(Workspace.DATABASE_NAME + ".")).toList()) {
                restrict(f);
            }
        } catch (IOException e) {
            LOG.get().debug("cannot list workspace folder {} to restrict its database files: {}", dir, e.getMessage());
        }
    }

    /** Makes one file 600 unless it is already owner-only. */
    static void restrict(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (!OWNER_ONLY_FILE.containsAll(mode)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
            }
        } catch (IOException e) {
            // Gone meanwhile (H2 deletes its lock file on close) or not ours: the private folder still guards it.
            LOG.get().debug("cannot make {} owner-only: {}", file, e.getMessage());
        }
    }
}

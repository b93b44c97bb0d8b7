package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import io.patchbay.model.io.AtomicFiles;
import org.h2.api.ErrorCode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

/**
 * The password of a folder's own H2 database: random, made when the workspace is created, kept in
 * {@value #FILE} (mode 600) inside the private workspace folder. H2's server, which lets a second process of this
 * machine join the database, listens on loopback: with the user {@code sa} and no password (as workspaces once had),
 * any local user who learnt its port could read and write the workspace. Never logged.
 */
final class DatabasePassword {
    static final String FILE = "database-password";
    static final String PENDING = FILE + ".new";
    private static final LazyLogger LOG = LazyLogger.of(DatabasePassword.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private DatabasePassword() {
    }

    /**
     * The password of the database in {@code dir}, which has it once this returns. A new workspace gets a new random
     * one, written before H2 creates the database with it. A workspace made before passwords ({@code user} with an
     * empty password) gets one in three steps, each safe to cut: the password goes to {@value #PENDING} (atomically,
     * before any use), the database is given it, and the file is renamed to {@value #FILE}. An open that finds the
     * pending file finishes the job. Two processes doing this at once agree: a file is linked into place only if
     * absent, and the second one reads the first one's.
     */
    static String of(Path dir, String url, String user) throws IOException, SQLException {
        Path file = dir.resolve(FILE);
        if (Files.exists(file)) {
            return read(file);
        }
        if (!Files.exists(dir.resolve(Workspace.DATABASE_NAME + ".mv.db"))) {
            return create(file);
        }
        Path pending = dir.resolve(PENDING);
        String password = Files.exists(pending) ? read(pending) : create(pending);
        adopt(url, user, password);
        try {
            AtomicFiles.moveAtomically(pending, file);
        } catch (java.nio.file.NoSuchFileException anotherProcessFinished) {
            return read(file);
        }
        AtomicFiles.forceDirectory(dir);
        return password;
    }

    /** Writes a new random password to {@code file} unless another process was first; returns the file's. */
    private static String create(Path file) throws IOException {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        // URL-safe Base64: letters, digits, - and _, so it needs no quoting in ALTER USER.
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path dir = file.getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp"); // created 600 on POSIX
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((password + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            linkIfAbsent(tmp, file);
            AtomicFiles.forceDirectory(dir);
        } catch (FileAlreadyExistsException anotherProcessWasFirst) {
            // Read theirs below.
        } finally {
            Files.deleteIfExists(tmp);
        }
        return read(file);
    }

    /** Puts {@code tmp}'s content at {@code file} in one step, unless {@code file} exists (then it throws). */
    private static void linkIfAbsent(Path tmp, Path file) throws IOException {
        try {
            Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException noHardLinks) {
            // A file system without hard links: a rename that refuses to replace an existing file. It checks, then
            // renames, so two processes creating one new workspace in the same instant could still disagree there.
            Files.move(tmp, file);
        }
    }

    private static String read(Path file) throws IOException {
        WorkspaceFolder.restrict(file);
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (password.isEmpty() || !password.matches("[A-Za-z0-9_-]+")) {
            throw new PatchbayException("workspace database password file " + file + " is damaged (empty, or not the"
                    + " single line Patchbay wrote); restore it from a backup of the workspace");
        }
        return password;
    }

    /** Whether {@code e} (or a cause) is H2 refusing the user name or password. */
    static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gives the database {@code password} unless it has it already (a cut migration may have set it), by logging in
     * with the empty password workspaces once had. Refused both ways, the pending file belongs to another database.
     */
    private static void adopt(String url, String user, String password) throws SQLException {
        try {
            DriverManager.getConnection(url, user, password).close();
            return;
        } catch (SQLException e) {
            if (!refused(e)) {
                throw e;
            }
        }
        Connection c;
        try {
            c = DriverManager.getConnection(url, user, "");
        } catch (SQLException e) {
            if (refused(e)) {
                throw new PatchbayException("the workspace database " + url + " refuses both no password and the one in"
                        + " its " + PENDING + " file; restore the workspace's " + FILE + " file from a backup", e);
            }
            throw e;
        }
        try (c; Statement s = c.createStatement()) {
            s.execute("ALTER USER " + user + " SET PASSWORD '" + password + "'");
        }
        LOG.get().warn("workspace database {} had no password; gave it a random one, kept in its {} file", url, FILE);
    }
}

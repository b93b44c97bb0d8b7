package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * issue 14, "The workspace": another local user once read and wrote a workspace opened in a 755 folder, through
 * H2's world-readable lock file and the user {@code sa} without a password.
 */
class WorkspacePrivacyTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static Path folder(Path dir, String mode) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        return dir;
    }

    private static String password(Path ws) throws IOException {
        return Files.readString(ws.resolve(DatabasePassword.FILE)).strip();
    }

    private static SQLException refusedLogin(Path ws, String password) {
        return assertThrows(SQLException.class, () -> DriverManager.getConnection(Workspace.url(ws), Workspace.USER, password).close());
    }

    @Test
    void aWorkspaceOpenedInAn755FolderIsMadePrivate() throws IOException {
        Path ws = folder(tmp.resolve("shared"), "rwxr-xr-x");
        try (Workspace w = Workspace.open(ws)) {
            assertEquals("rwx------", mode(ws));
        }
    }

    @Test
    void aFolderOpenToOthersThatBelongsToSomeoneElseIsRefusedWithTheFix() throws IOException {
        assertEquals("root", System.getProperty("user.name"), "this test gives a folder to another user: run it as root (.ci/run does)");
        Path ws = folder(tmp.resolve("theirs"), "rwxrwxr-x");
        UserPrincipal nobody = ws.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(ws, nobody);
        PatchbayException e = assertThrows(PatchbayException.class, () -> Workspace.open(ws).close());
        assertEquals("workspace folder " + ws + " is open to other users (rwxrwxr-x) and belongs to nobody, not root: make it"
                + " private with `chmod 700 " + ws + "` (as nobody), or choose another folder", e.getMessage());
        assertEquals("rwxrwxr-x", mode(ws), "left as it was");
        try (Stream<Path> files = Files.list(ws)) {
            assertEquals(List.of(), files.toList(), "nothing created in a refused folder");
        }
    }

    @Test
    void theDatabaseHasARandomPasswordInAnOwnerOnlyFileAndRefusesSaWithoutOne() throws IOException {
        Path ws = tmp.resolve("ws");
        Path other = tmp.resolve("other");
        Workspace.open(ws).close();
        Workspace.open(other).close();
        assertEquals("rw-------", mode(ws.resolve(DatabasePassword.FILE)));
        assertTrue(password(ws).length() >= 40, "256 random bits");
        assertNotEquals(password(ws), password(other), "each workspace its own");
        assertEquals(ErrorCode.WRONG_USER_OR_PASSWORD, refusedLogin(ws, "").getErrorCode());
        try (Workspace w = Workspace.open(ws)) {
            assertEquals(0, w.sites().list().size(), "the file's password opens it again");
        }
    }

    @Test
    void theDatabaseFilesAreOwnerOnlyWhileTheWorkspaceIsOpen() throws IOException {
        Path ws = tmp.resolve("ws");
        try (Workspace w = Workspace.open(ws)) {
            Fixtures.addSite(w, "alpha");
            List<Path> files;
            try (Stream<Path> list = Files.list(ws)) {
                files = list.filter(Files::isRegularFile).toList();
            }
            assertTrue(files.contains(ws.resolve("patchbay.mv.db")) && files.contains(ws.resolve("patchbay.lock.db")),
                    "the database and the lock file with the server's key: " + files);
            for (Path f : files) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(f);
                assertTrue(PosixFilePermissions.fromString("rw-------").containsAll(mode), f + " is " + mode(f));
            }
        }
    }

    @Test
    void aWorkspaceMadeBeforePasswordsOpensWithItsDataAndIsGivenOne() throws Exception {
        Path ws = tmp.resolve("old");
        try (Workspace w = Workspace.open(ws)) {
            Fixtures.addSite(w, "alpha");
        }
        removePassword(ws);
        Files.setPosixFilePermissions(ws, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (Workspace w = Workspace.open(ws)) {
            assertEquals("alpha", w.sites().get("alpha").name());
        }
        assertEquals("rwx------", mode(ws));
        assertEquals("rw-------", mode(ws.resolve(DatabasePassword.FILE)));
        assertEquals(ErrorCode.WRONG_USER_OR_PASSWORD, refusedLogin(ws, "").getErrorCode());
        DriverManager.getConnection(Workspace.url(ws), Workspace.USER, password(ws)).close();
    }

    @Test
    void aMigrationCutBeforeTheDatabaseGotItsPasswordIsFinishedOnTheNextOpen() throws Exception {
        Path ws = tmp.resolve("cut");
        Workspace.open(ws).close();
        removePassword(ws);
        Path pending = ws.resolve(DatabasePassword.PENDING);
        Files.writeString(pending, "WrittenBeforeTheCut_0123456789abcdefghijklmnop\n");
        Workspace.open(ws).close();
        assertEquals("WrittenBeforeTheCut_0123456789abcdefghijklmnop", password(ws), "the pending password, written first, is the one set");
        assertTrue(Files.notExists(pending));
        assertEquals(ErrorCode.WRONG_USER_OR_PASSWORD, refusedLogin(ws, "").getErrorCode());
    }

    @Test
    void aMigrationCutAfterTheDatabaseGotItsPasswordIsFinishedOnTheNextOpen() throws Exception {
        Path ws = tmp.resolve("cut");
        Workspace.open(ws).close();
        String set = password(ws);
        Files.move(ws.resolve(DatabasePassword.FILE), ws.resolve(DatabasePassword.PENDING));
        Workspace.open(ws).close();
        assertEquals(set, password(ws));
        assertTrue(Files.notExists(ws.resolve(DatabasePassword.PENDING)));
    }

    @Test
    void aLostPasswordFileIsRefusedNamingIt() throws IOException {
        Path ws = tmp.resolve("ws");
        Workspace.open(ws).close();
        Files.delete(ws.resolve(DatabasePassword.FILE));
        PatchbayException e = assertThrows(PatchbayException.class, () -> Workspace.open(ws).close());
        assertTrue(e.getMessage().contains("restore the workspace's " + DatabasePassword.FILE + " file from a backup"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    /** Makes {@code ws} as workspaces were made until now: user sa with an empty password, no password file. */
    private static void removePassword(Path ws) throws Exception {
        try (Connection c = DriverManager.getConnection(Workspace.url(ws), Workspace.USER, password(ws));
             Statement s = c.createStatement()) {
            s.execute("ALTER USER " + Workspace.USER + " SET PASSWORD ''");
        }
        Files.delete(ws.resolve(DatabasePassword.FILE));
    }
}

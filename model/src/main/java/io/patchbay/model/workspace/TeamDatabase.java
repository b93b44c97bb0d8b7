package io.patchbay.model.workspace;

import io.patchbay.model.PatchbayException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Locale;
import java.util.Set;

/**
 * A team's shared PostgreSQL database, named by its JDBC URL ({@code jdbc:postgresql://HOST:PORT/DB?user=NAME}).
 * The password is never part of the URL (it would show in process lists, shell history and logs): it comes
 * from {@code passwordFile} when one is named, else the PostgreSQL driver looks it up in {@code ~/.pgpass}
 * (or {@code $PGPASSFILE}) itself, as {@code psql} does.
 *
 * @param passwordFile a file whose first line is the password, readable by its owner only; or null
 */
public record TeamDatabase(String url, Path passwordFile) {
    private static final String SCHEME = "jdbc:postgresql:";

    public TeamDatabase {
        if (url == null || !url.startsWith(SCHEME)) {
            throw new PatchbayException("not a PostgreSQL JDBC URL: '" + url + "' (expected "
                    + SCHEME + "//HOST:PORT/DATABASE?user=NAME)");
        }
        if (url.toLowerCase(Locale.ROOT).matches(".*[?&]password=.*")) {
            throw new PatchbayException("the database URL carries a password: put it in a password file "
                    + "(--database-password-file) or ~/.pgpass instead, never on the command line");
        }
    }

    /** The password from {@link #passwordFile()}, or null to let the driver read {@code ~/.pgpass}. */
    String password() {
        if (passwordFile == null) {
            return null;
        }
        try {
            if (passwordFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(passwordFile);
                if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    throw new PatchbayException("the database password file " + passwordFile
                            + " is readable by other users: chmod 600 it");
                }
            }
            String password = Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            if (password.isEmpty()) {
                throw new PatchbayException("the database password file " + passwordFile + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new PatchbayException("cannot read the database password file " + passwordFile + ": "
                    + e.getMessage(), e);
        }
    }

    /** The URL as shown to people and in logs (it holds no password: see the constructor). */
    @Override
    public String toString() {
        return url;
    }
}

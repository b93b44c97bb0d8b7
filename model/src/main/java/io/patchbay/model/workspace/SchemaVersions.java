package io.patchbay.model.workspace;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Says whether a workspace's schema already holds exactly the bundled migrations, so that opening it can skip
 * Flyway: loading and configuring Flyway, scanning the class path and validating the history cost a one-off
 * command (`patchbay status`) more than everything else it does. The check is cheap and strict: every bundled
 * versioned migration ({@code V<version>__*.sql}) must be in {@code flyway_schema_history}, applied successfully,
 * and no other version may be; anything else (a new migration, a failed one, an unreadable history, a location
 * that cannot be listed) falls back to Flyway's own migrate and validation. What it does not repeat is Flyway's
 * checksum check of migrations already applied: those files never change once released.
 */
final class SchemaVersions {
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.*\\.sql");

    private SchemaVersions() {
    }

    /** True when {@code db}'s history holds exactly the migrations found at {@code locations}. */
    static boolean isCurrent(Database db, List<String> locations) {
        Set<String> bundled = bundled(locations);
        if (bundled == null || bundled.isEmpty()) {
            return false;
        }
        try {
            return bundled.equals(db.inTransaction("read the schema history", SchemaVersions::applied));
        } catch (RuntimeException e) {
            return false; // no history yet (a new workspace), or one Flyway must look at
        }
    }

    /** The versions applied, or null when a migration failed (Flyway must repair or report it). */
    static Set<String> applied(Connection c) throws SQLException {
        Set<String> versions = new HashSet<>();
        // Asked first, not by failing the query: H2 writes every failed statement to a patchbay.trace.db file.
        try (ResultSet t = c.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
            if (!t.next()) {
                return versions; // a new workspace: nothing applied
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                if (!r.getBoolean(2)) {
                    return null;
                }
                versions.add(r.getString(1));
            }
        }
        return versions;
    }

    /** The versions of the versioned migrations at {@code classpath:} locations, as Flyway records them; null if unknown. */
    static Set<String> bundled(List<String> locations) {
        Set<String> versions = new HashSet<>();
        try {
            for (String location : locations) {
                if (!location.startsWith("classpath:")) {
                    return null;
                }
                String folder = location.substring("classpath:".length()).replaceAll("^/+|/+$", "");
                Enumeration<URL> urls = SchemaVersions.class.getClassLoader().getResources(folder);
                if (!urls.hasMoreElements()) {
                    return null;
                }
                while (urls.hasMoreElements()) {
                    for (String name : names(urls.nextElement(), folder)) {
                        Matcher m = VERSIONED.matcher(name);
                        if (m.matches()) {
                            versions.add(m.group(1).replace('_', '.'));
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
        return versions;
    }

    /** The file names directly in {@code folder}: a directory on the class path (tests) or a jar (the distribution). */
    private static List<String> names(URL url, String folder) throws IOException, URISyntaxException {
        if (url.getProtocol().equals("file")) {
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                return files.map(p -> p.getFileName().toString()).toList();
            }
        }
        if (url.getProtocol().equals("jar")) {
            JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile(); // the class loader's cached copy
            String prefix = folder + "/";
            return jar.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0)
                    .map(n -> n.substring(prefix.length())).toList();
        }
        throw new IOException("cannot list " + url);
    }
}

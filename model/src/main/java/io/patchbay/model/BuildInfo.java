package io.patchbay.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.io.InputStreamReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Properties;

/**
 * Which build this is: the Maven version and the git commit and commit time it was built from, as the build
 * wrote them into {@code build-info.properties} (see model's pom). One source for {@code --version}, About, reports
 * and the kits' "built by" line, so they never disagree.
 *
 * @param version   the Maven version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit    the abbreviated commit, with {@code -dirty} when the tree had uncommitted changes; "unknown"
 *                  when built without git
 * @param committed when that commit was made (UTC), or null when unknown
 */
public record BuildInfo(String version, String commit, OffsetDateTime committed) {
    static final String RESOURCE = "build-info.properties";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH);
    private static final BuildInfo CURRENT = load();

    /** This build; "development build" as the version when the classes run without the build's resource. */
    public static BuildInfo current() {
        return CURRENT;
    }

    /** {@code 0.1.0-SNAPSHOT (commit f1d76ac12345, 2026-12-02 04:40 UTC)}: a person can find the exact source. */
    public String line() {
        return version + " (" + source() + ")";
    }

    /** {@code commit f1d76ac12345, 2026-12-02 04:40 UTC}: where this build's source is. */
    public String source() {
        return "commit " + commit + (committed == null ? "" : ", " + SHOWN.format(committed));
    }

    static BuildInfo parse(Properties p) {
        String version = blankTo(p.getProperty("version"), "development build");
        String commit = blankTo(p.getProperty("commit"), "unknown");
        OffsetDateTime date = null;
        String rawDate = p.getProperty("date", "").strip();
        if (!rawDate.isEmpty()) {
            try {
                date = OffsetDateTime.parse(rawDate).withOffsetSameInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                date = null; // a malformed date is left out rather than shown wrong
            }
        }
        return new BuildInfo(version, commit, date);
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return parse(p);
    }

    private static String blankTo(String value, String fallback) {
        // Ant leaves "${build.commit}" in place when git did not run.
        return value == null || value.isBlank() || value.startsWith("${") ? fallback : value.strip();
    }
}

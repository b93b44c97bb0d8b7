package io.patchbay.agent.install;

import io.patchbay.model.kit.Manifest;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A site with Spruce 12.10.10 installed and a staged 12.10.11 kit: replaced, new and removed files, a new
 * folder tree, data files, and hooks written as shell scripts. Times and modes are fixed, so two fixtures
 * built the same way have identical tree digests.
 */
final class SiteFixture {
    static final Instant OLD_TIME = Instant.parse("2026-01-01T10:00:00Z");
    static final Instant NEW_TIME = Instant.parse("2026-11-20T09:00:00Z");

    final Path home;
    final Path installRoot;
    final Path dataRoot;
    final Path staging;
    boolean backupData;
    Duration hookTimeout = Duration.ofSeconds(30);
    /** The kit file the request names; null: none, so apply copies the staged files. */
    Path kit;

    SiteFixture(Path dir) {
        home = dir.resolve("home");
        installRoot = dir.resolve("site/spruce");
        dataRoot = dir.resolve("site/data");
        staging = dir.resolve("home/staging/spruce-12.10.11");
        try {
            Files.createDirectories(home);
            file(installRoot, "bin/app.jar", "app 12.10.10", "rwxr-x---", OLD_TIME);
            file(installRoot, "lib/a.jar", "a 12.10.10", "rw-r--r--", OLD_TIME);
            file(installRoot, "lib/b.jar", "b 12.10.10 untouched", "rw-r--r--", OLD_TIME);
            file(installRoot, "conf/site.conf", "port=8080\n", "rw-------", OLD_TIME);
            file(installRoot, "old/obsolete.jar", "obsolete", "rw-r--r--", OLD_TIME);
            file(dataRoot, "db/data.bin", "customer data", "rw-r-----", OLD_TIME);
            file(dataRoot, "db/untouched.bin", "other data", "rw-r-----", OLD_TIME);

            file(staging, "payload/bin/app.jar", "app 12.10.11", "rwxr-xr-x", NEW_TIME);
            file(staging, "payload/lib/a.jar", "a 12.10.11 is longer", "rw-r--r--", NEW_TIME);
            file(staging, "payload/lib/new/c.jar", "c 12.10.11", "rw-r--r--", NEW_TIME);
            file(staging, "payload/plugins/x/y.jar", "y 12.10.11", "rw-r--r--", NEW_TIME);
            file(staging, "data/db/data.bin", "customer data, migrated", "rw-r-----", NEW_TIME);
            file(staging, "data/export/global.csv", "a,b\n", "rw-r--r--", NEW_TIME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Manifest manifest() {
        return new Manifest("Spruce", Version.parse("12.10.11"), Version.parse("12.10.0"), Channel.STABLE, true,
                false, NEW_TIME, backupData, List.of("old/obsolete.jar", "never/existed.txt"));
    }

    InstallRequest request() {
        return new InstallRequest(manifest(), staging, installRoot, dataRoot, hookTimeout, kit);
    }

    /**
     * Names a kit file beside the staging folder, as the agent does, so apply takes the agent's path: it moves
     * the staged files into place (consuming the staging folder) instead of copying them. The file is only a
     * stand-in: this hand-made staging folder has no signed checksum list, so the post-install backup copies.
     */
    SiteFixture backedByAKit() {
        try {
            kit = Files.writeString(staging.resolveSibling("spruce-12.10.11.kit"), "stand-in");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes {@code hooks/<name>} as a shell script. */
    SiteFixture hook(String name, String script) {
        try {
            file(staging, "hooks/" + name, "#!/bin/sh\n" + script + "\n", "rwxr-xr-x", NEW_TIME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Both roots, so "the site" means install root and data root together. */
    Map<String, String> digest() {
        Map<String, String> all = new LinkedHashMap<>();
        TreeDigest.of(installRoot).forEach((k, v) -> all.put("install:" + k, v));
        TreeDigest.of(dataRoot).forEach((k, v) -> all.put("data:" + k, v));
        return all;
    }

    String read(String relative) throws IOException {
        return Files.readString(installRoot.resolve(relative));
    }

    static void file(Path root, String relative, String content, String mode, Instant time) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        Files.setLastModifiedTime(p, FileTime.from(time));
    }
}

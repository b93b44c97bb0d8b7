package io.patchbay.agent.install;

import io.patchbay.model.NotFoundException;
import io.patchbay.model.PatchbayException;
import io.patchbay.model.backup.BackupInfo;
import io.patchbay.model.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the post-install backup of a version in an agent home: the one of its latest installation that succeeded.
 * The installation history ({@code install/history/<n>.json}) says which attempt installed which version.
 */
public final class PostInstallBackups {

    /** A backup found: which installation it is and its {@code backups/<n>/post} folder. */
    public record Found(BackupInfo info, Path post) {
    }

    private PostInstallBackups() {
    }

    /**
     * The backup of the latest installation of {@code version} that installed.
     *
     * @throws NotFoundException when the version was never installed here
     * @throws PatchbayException when it was, but its backup is gone (only the latest few are kept)
     */
    public static Found latest(Path home, String version) throws IOException {
        AgentHomeLayout layout = new AgentHomeLayout(home);
        Journal last = installations(layout).stream()
                .filter(j -> version.equals(j.version()) && InstallState.INSTALLED.name().equals(j.state()))
                .max(Comparator.comparingLong(Journal::id))
                .orElseThrow(() -> new NotFoundException("version " + version + " was never installed at this site"));
        Path post = layout.backup(last.id()).resolve("post");
        if (!Files.isDirectory(post)) {
            throw new PatchbayException("the backup of installation " + last.id() + " (" + version
                    + ") is no longer kept at this site (only the latest installations' backups are)");
        }
        return new Found(new BackupInfo(last.product(), last.version(), last.id()), post);
    }

    private static List<Journal> installations(AgentHomeLayout layout) throws IOException {
        if (!Files.isDirectory(layout.history())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(layout.history())) {
            List<Path> journals = files.filter(f -> f.getFileName().toString().matches("\\d{1,18}\\.json")).toList();
            List<Journal> read = new ArrayList<>();
            for (Path f : journals) {
                read.add(Json.mapper().readValue(f.toFile(), Journal.class));
            }
            return read;
        }
    }
}

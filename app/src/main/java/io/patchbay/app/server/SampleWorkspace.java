package io.patchbay.app.server;

import io.patchbay.app.cli.PatchbayCommand;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.workspace.NewRelease;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.Workspace;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A throw-away workspace with a site, a release and a delivery of it, and the read commands run on it by the runs that
 * only prepare a JVM: the build's class-data-sharing training and a new command server's warm-up. With rows in it, the
 * classes that turn rows into sites, releases and matrix cells are loaded too, not only those of empty answers.
 */
public final class SampleWorkspace {
    private final Path folder;

    private SampleWorkspace(Path folder) {
        this.folder = folder;
    }

    /** Creates the workspace in {@code folder} (the first open migrates it). */
    public static SampleWorkspace create(Path folder) {
        try (Workspace w = Workspace.open(folder)) {
            w.sites().add(SiteSpec.sftp("sample", "sftp://patchbay@sample.invalid:22/patchbay",
                    Path.of("/keys/id_ed25519"), Path.of("/keys/known_hosts")), "sample");
            Manifest m = new Manifest("Sample", Version.parse("1.0.1"), Version.parse("1.0.0"), Channel.STABLE,
                    true, false, Instant.parse("2026-01-01T00:00:00Z"), false, List.of());
            Release release = w.releases().add(new NewRelease(m, "[release]\n", "Sample-1.0.1.kit", "0".repeat(64),
                    1L, "SHA256:sample"), "sample");
            w.deliveries().enqueue(release.id(), "sample", "sample");
        }
        return new SampleWorkspace(folder);
    }

    /** The read commands people and pipelines run most, on this workspace. */
    public List<List<String>> reads() {
        String ws = folder.toString();
        return List.of(
                List.of("status", "--workspace", ws),
                List.of("status", "--json", "--workspace", ws),
                List.of("release", "list", "--workspace", ws),
                List.of("site", "list", "--workspace", ws),
                List.of("rollout", "list", "--workspace", ws));
    }

    /** Runs {@code command} in this JVM, its output discarded; fails unless it exits 0. */
    public static void run(List<String> command) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        int exit = PatchbayCommand.commandLine(sink, sink, command.get(0)).execute(command.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("the sample command " + command + " exited " + exit);
        }
    }
}

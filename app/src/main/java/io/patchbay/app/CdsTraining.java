package io.patchbay.app;

import io.patchbay.app.cli.PatchbayCommand;
import io.patchbay.app.server.CommandServers;
import io.patchbay.app.server.ServerTraining;
import io.patchbay.model.io.FileTrees;
import io.patchbay.model.kit.Manifest;
import io.patchbay.model.release.Channel;
import io.patchbay.model.release.Version;
import io.patchbay.model.workspace.NewRelease;
import io.patchbay.model.workspace.Release;
import io.patchbay.model.workspace.SiteSpec;
import io.patchbay.model.workspace.Workspace;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The class-data-sharing training run, started by the build through the launcher ({@code PATCHBAY_CDS_ARCHIVE=FILE
 * bin/patchbay}): runs the everyday read commands once on a throw-away workspace, each as a run of the launcher
 * would (only its own subcommand built), while the JVM lists every class they load; the launcher then dumps those
 * into the archive it maps at each start instead of loading and verifying them again. Not for running by hand.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        // The launcher's main class, which this run does not go through, is in the list too.
        Class.forName(Main.class.getName());
        Class.forName(CommandServers.class.getName());
        Path dir = Files.createTempDirectory("patchbay-cds-training");
        try {
            String ws = dir.resolve("ws").toString();
            rows(dir.resolve("ws")); // creates it: the first open migrates, later ones do not
            PrintWriter sink = new PrintWriter(Writer.nullWriter());
            for (List<String> command : List.of(
                    List.of("status", "--workspace", ws),
                    List.of("status", "--json", "--workspace", ws),
                    List.of("release", "list", "--workspace", ws),
                    List.of("site", "list", "--workspace", ws),
                    List.of("rollout", "list", "--workspace", ws),
                    List.of("--help"),
                    List.of("--version"))) {
                int exit = PatchbayCommand.commandLine(sink, sink, command.get(0)).execute(command.toArray(String[]::new));
                if (exit != 0) {
                    throw new IllegalStateException("training command " + command + " exited " + exit);
                }
            }
            ServerTraining.run(dir, List.of(
                    List.of("status", "--workspace", ws),
                    List.of("release", "list", "--workspace", ws)));
        } finally {
            FileTrees.delete(dir);
        }
    }

    /**
     * A site, a release and a delivery of it: the commands then read rows, and the classes that turn rows into
     * sites, releases and matrix cells are listed too, not only those of empty answers.
     */
    private static void rows(Path ws) {
        try (Workspace w = Workspace.open(ws)) {
            w.sites().add(SiteSpec.sftp("training", "sftp://patchbay@training.invalid:22/patchbay",
                    Path.of("/keys/id_ed25519"), Path.of("/keys/known_hosts")), "training");
            Manifest m = new Manifest("Training", Version.parse("1.0.1"), Version.parse("1.0.0"), Channel.STABLE,
                    true, false, Instant.parse("2026-01-01T00:00:00Z"), false, List.of());
            Release release = w.releases().add(new NewRelease(m, "[release]\n", "Training-1.0.1.kit", "0".repeat(64),
                    1L, "SHA256:training"), "training");
            w.deliveries().enqueue(release.id(), "training", "training");
        }
    }
}

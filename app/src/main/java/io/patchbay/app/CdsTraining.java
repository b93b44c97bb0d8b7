package io.patchbay.app;

import io.patchbay.app.server.CommandServers;
import io.patchbay.app.server.SampleWorkspace;
import io.patchbay.app.server.ServerTraining;
import io.patchbay.model.io.FileTrees;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
            SampleWorkspace sample = SampleWorkspace.create(dir.resolve("ws"));
            List<List<String>> commands = new ArrayList<>(sample.reads());
            commands.add(List.of("--help"));
            commands.add(List.of("--version"));
            commands.forEach(SampleWorkspace::run);
            ServerTraining.run(dir, sample.reads().subList(0, 3));
        } finally {
            FileTrees.delete(dir);
        }
    }
}

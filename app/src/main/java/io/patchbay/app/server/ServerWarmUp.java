package io.patchbay.app.server;

import io.patchbay.model.io.FileTrees;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A new command server's first minutes: it runs the read commands on a sample workspace of its own a few rounds, so
 * that the person's second command already finds picocli's models, H2 and the workspace code loaded and compiled,
 * rather than paying what its own JVM would. In the background, beside the commands it serves.
 */
final class ServerWarmUp implements Runnable {
    static final int ROUNDS = 10;

    private final Path folder;
    private final Consumer<String> log;

    /**
     * @param folder where the sample workspace goes (beside the socket, in the private folder); removed after
     * @param log    the server's log
     */
    ServerWarmUp(Path folder, Consumer<String> log) {
        this.folder = folder;
        this.log = log;
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        try {
            FileTrees.delete(folder); // left by a server killed while it warmed up
            SampleWorkspace sample = SampleWorkspace.create(folder);
            for (int round = 0; round < ROUNDS; round++) {
                sample.reads().forEach(SampleWorkspace::run);
            }
            log.accept("warmed up: " + ROUNDS * sample.reads().size() + " commands on a sample workspace in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
        } catch (IOException | RuntimeException e) {
            log.accept("warm-up stopped: " + e); // the commands it serves are not concerned
        } finally {
            try {
                FileTrees.delete(folder);
            } catch (IOException e) {
                log.accept("cannot remove the warm-up's workspace " + folder + ": " + e.getMessage());
            }
        }
    }
}

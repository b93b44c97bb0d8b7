package io.patchbay.model.workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The H2 URL of a one-off command ({@link Workspace#openOneOff}). While a process that runs long holds the file (H2's
 * {@code .lock.db} exists: in mixed mode the holder writes its server's address there), the mixed-mode URL, which
 * joins through that process. Otherwise the file itself, without {@code AUTO_SERVER}: starting H2's TCP server, which
 * no one would use before the command exits, was a quarter of a `patchbay status`. H2 then locks the file itself
 * (no {@code .lock.db}), and whoever opens it meanwhile, another one-off command included, is refused as during a
 * hand-over and tries again ({@link Database#connect}) until the command has closed it. Asked again at each try of the
 * first connection, since the holder may change while a hand-over is waited out; once that connection is made,
 * {@link #keep()} fixes the choice, so the process's later connections open the database the same way.
 */
final class OneOffUrl implements Supplier<String> {
    private final Path database;
    private final String mixed;
    private final String alone;
    private volatile String last;
    private volatile boolean kept;

    /**
     * @param database the database's path without H2's extensions ({@code DIR/patchbay})
     * @param mixed    the URL processes that run long use ({@link Workspace#url})
     */
    OneOffUrl(Path database, String mixed) {
        this.database = database;
        this.mixed = mixed;
        this.alone = "jdbc:h2:retry:" + database + ";WRITE_DELAY=0";
    }

    @Override
    public String get() {
        if (!kept) {
            last = Files.exists(lockFile()) ? mixed : alone;
        }
        return last;
    }

    /** Keeps the URL last given for every later connection. */
    void keep() {
        kept = true;
    }

    private Path lockFile() {
        return database.resolveSibling(database.getFileName() + ".lock.db");
    }
}

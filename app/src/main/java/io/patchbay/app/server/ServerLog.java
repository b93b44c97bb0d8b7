package io.patchbay.app.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.util.function.Consumer;

/**
 * The command server's log, {@code c-KEY.log} beside its socket: a line per start, stop and command, each with its
 * time and zone. A server that a pipeline keeps busy never stops, so past {@link #LIMIT} the log moves to
 * {@code c-KEY.log.1} (replacing the one before) and starts again.
 */
final class ServerLog implements Consumer<String> {
    static final long LIMIT = 1 << 20;

    private final Path file;

    ServerLog(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void accept(String line) {
        try {
            if (Files.exists(file) && Files.size(file) > LIMIT) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(file, ZonedDateTime.now() + " " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // A log it cannot write (disk full) does not stop the commands it serves.
        }
    }
}

package io.patchbay.app.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The command server's log, {@code c-KEY.log} beside its socket in the private folder: a line per start, stop and
 * command, each with its time and zone; a password written into a command line is not. A server that a pipeline keeps
 * busy never stops, so past {@link #LIMIT} the log moves to {@code c-KEY.log.1} (replacing the one before) and starts
 * again.
 */
final class ServerLog implements Consumer<String> {
    static final long LIMIT = 1 << 20;

    /** A password in a JDBC URL's parameters ({@code --database jdbc:postgresql://db/pb?user=a&password=...}). */
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password|passwd|pwd)=[^&;\\s]*");

    private final Path file;

    ServerLog(Path file) {
        this.file = file;
    }

    /** {@code command} with the value of every password parameter in it replaced by {@code ***}. */
    static String redact(String command) {
        return PASSWORD.matcher(command).replaceAll("$1=***");
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

package io.patchbay.app.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts a command server in the background for the commands after this one: the same Java with this JVM's own
 * options (the launcher's, and {@code $PATCHBAY_JAVA_OPTS}), the same environment, in a session of its own so that
 * the terminal's Ctrl-C or hang-up does not reach it, what the JVM itself says (a crash) to the address's {@code .log}.
 */
final class ServerStarter {
    /** A start younger than this is under way: another command's, or this one's a moment ago. */
    private static final Duration STARTING = Duration.ofSeconds(30);

    private ServerStarter() {
    }

    /** Starts one unless one is starting; never fails the command that asks. */
    static void start(ServerAddress address, String mainClass) {
        try {
            Optional<List<String>> command = command(address, mainClass);
            if (command.isEmpty() || !claim(address.sibling(".starting"))) {
                return;
            }
            new ProcessBuilder(command.get())
                    .directory(new File("/"))
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(address.sibling(".log").toFile())) // the JVM's own errors
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException | RuntimeException e) {
            // No server this time: the command has run, and the next one will try again.
        }
    }

    /** This JVM's command line with the server's main class in place of {@code mainClass} and its arguments. */
    static Optional<List<String>> command(ServerAddress address, String mainClass) {
        ProcessHandle.Info info = ProcessHandle.current().info();
        Optional<String> java = info.command();
        Optional<String[]> arguments = info.arguments();
        if (java.isEmpty() || arguments.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        setsid().ifPresent(command::add);
        command.add(java.get());
        for (String a : arguments.get()) {
            if (a.equals(mainClass)) {
                command.add("-XX:+ExitOnOutOfMemoryError");
                // A small heap that grows with a big command and is given back by the collection after it
                // (CommandServer#check): it stays resident between commands.
                command.add("-Xms8m");
                command.add("-XX:MinHeapFreeRatio=10");
                command.add("-XX:MaxHeapFreeRatio=30");
                command.add(CommandServer.class.getName());
                command.add(address.socket().toString());
                return Optional.of(command);
            }
            command.add(a);
        }
        return Optional.empty(); // started some other way (a test, an IDE): not ours to copy
    }

    private static Optional<String> setsid() {
        for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(p))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Creates the marker, or takes over one left by a start that died. */
    private static boolean claim(Path marker) throws IOException {
        try {
            Files.createFile(marker);
            return true;
        } catch (FileAlreadyExistsException e) {
            FileTime made = Files.getLastModifiedTime(marker);
            if (made.toInstant().isAfter(Instant.now().minus(STARTING))) {
                return false;
            }
            Files.setLastModifiedTime(marker, FileTime.from(Instant.now()));
            return true;
        }
    }
}

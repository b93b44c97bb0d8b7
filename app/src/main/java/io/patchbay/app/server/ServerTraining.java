package io.patchbay.app.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command server's part of the class-data-sharing training run ({@link io.patchbay.app.CdsTraining}): a server
 * in this JVM on a socket in {@code folder}, and commands handed to it the way a launcher hands them, so the classes
 * both sides load (the socket's among them) are in the archive a launcher maps.
 */
public final class ServerTraining {
    private ServerTraining() {
    }

    /** Runs {@code commands} through a server and a client in this JVM; fails on any command that does not exit 0. */
    public static void run(Path folder, List<List<String>> commands) throws IOException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("XDG_RUNTIME_DIR", folder.toString());
        env.remove(ServerAddress.SWITCH);
        ServerAddress address = ServerAddress.of(env, System.getProperty("java.home"),
                System.getProperty("java.class.path")).orElseThrow(() -> new IOException("no private folder in " + folder));
        Optional<CommandServer> started = CommandServer.start(address, CommandServer.DEFAULT_IDLE, line -> { });
        CommandServer server = started.orElseThrow(() -> new IOException("a server holds " + address.socket()));
        Thread accepting = new Thread(server::serve, "patchbay-training-server");
        accepting.start();
        try (server) {
            for (List<String> command : commands) {
                CommandRequest request = new CommandRequest(address.key(), folder, command);
                var exit = CommandClient.run(address, request, OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
                if (exit.isEmpty() || exit.getAsInt() != 0) {
                    throw new IllegalStateException("training command " + command + " through the server exited " + exit);
                }
            }
        }
    }
}

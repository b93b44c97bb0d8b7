package io.patchbay.app.server;

import io.patchbay.app.cli.PatchbayCommand;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * How the launcher runs a command: a read command goes to this environment's command server when one is listening,
 * and otherwise runs here, after which a server is started for the next one. {@code PATCHBAY_COMMAND_SERVER=off}
 * runs every command here.
 */
public final class CommandServers {
    private CommandServers() {
    }

    /**
     * @param args      the command line
     * @param mainClass the launcher's main class, whose JVM options a server is started with
     * @return the exit code
     */
    public static int run(String[] args, String mainClass) {
        List<String> words = List.of(args);
        if (!ServedCommands.serves(words)) {
            return PatchbayCommand.run(args);
        }
        var address = ServerAddress.forThisProcess();
        if (address.isEmpty()) {
            return PatchbayCommand.run(args);
        }
        CommandRequest request = new CommandRequest(address.get().key(),
                Path.of(System.getProperty("user.dir")).toAbsolutePath(), words);
        OptionalInt served = CommandClient.run(address.get(), request,
                new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
        if (served.isPresent()) {
            return served.getAsInt();
        }
        int exit = PatchbayCommand.run(args);
        System.out.flush();
        System.err.flush();
        ServerStarter.start(address.get(), mainClass);
        return exit;
    }
}

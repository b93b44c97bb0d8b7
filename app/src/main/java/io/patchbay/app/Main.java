package io.patchbay.app;

import io.patchbay.app.server.CommandServers;

/** The {@code patchbay} launcher's entry point. Not a JavaFX {@code Application}, so it starts from the class path. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(CommandServers.run(args, Main.class.getName()));
    }
}
